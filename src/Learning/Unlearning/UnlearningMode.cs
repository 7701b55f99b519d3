namespace PhyToolkit.Learning.Unlearning;

/// <summary>How the server serves a federated unlearning request (docs/unlearning-puf.md).</summary>
public enum UnlearningMode
{
    /// <summary>PUF-Regular [code of arXiv 2504.05822]: a normal round over the remaining clients and the requesters, the
    /// requesters' updates entering with weight <c>-eta_u n_u / N_t</c>, <c>N_t</c> the data of all participants.</summary>
    PufRegular,

    /// <summary>PUF-Special [code of arXiv 2504.05822]: a dedicated round of the requesters only,
    /// <c>w_{t+1} = w_t - eta_u sum_u (n_u / N_U) Delta_u</c>.</summary>
    PufSpecial,

    /// <summary>Natural forgetting (baseline): the requesters simply leave; the round is plain FedAvg over the rest.</summary>
    NaturalForgetting,
}
