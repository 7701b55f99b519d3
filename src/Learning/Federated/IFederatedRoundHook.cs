namespace PhyToolkit.Learning.Federated;

/// <summary>
/// A per-round hook into <see cref="FederatedTrainer.Run"/>: it can choose the round's participants and the signed
/// weights of their updates in the aggregate, inspect or rewrite the updates before transmission, and stop the run
/// after any round. Used by federated unlearning (PUF, natural forgetting, FedEraser; docs/unlearning-puf.md).
/// </summary>
/// <remarks>
/// <para>Weights. With plan <c>(S, a)</c> the engine multiplies worker <c>S[j]</c>'s update by <c>|S| a_j</c> before the
/// uplink, so the uplink's mean estimate <c>(1/|S|) sum_j (|S| a_j u_j) = sum_j a_j u_j</c>: any linear aggregation,
/// negative weights included, goes through the same (ideal or over-the-air) uplink, which is linear in what the workers
/// send (arXiv 2504.05822 read as in docs/unlearning-puf.md: the requester pre-multiplies its update by the negative
/// weight).</para>
/// <para>Rounds are the absolute round indices <c>FirstRound + t</c> of <see cref="FederatedConfig.FirstRound"/>.</para>
/// </remarks>
public interface IFederatedRoundHook
{
    /// <summary>The participants and weights of round <paramref name="round"/>, or null for the engine's default (its own
    /// client sampling and the plain mean).</summary>
    /// <param name="round">Absolute round index.</param>
    /// <param name="workers">Number of workers M (valid indices are 0..M-1).</param>
    FederatedRoundPlan? PlanRound(int round, int workers);

    /// <summary>Called once the participants' updates are computed and before they are weighted and transmitted; may
    /// rewrite them in place.</summary>
    /// <param name="round">Absolute round index.</param>
    /// <param name="participants">Participating workers, in plan order.</param>
    /// <param name="updates">Row-major (participants x d) updates, each the mean gradient along the worker's local path.</param>
    void OnUpdatesComputed(int round, ReadOnlySpan<int> participants, Span<double> updates);

    /// <summary>Called after the server step of round <paramref name="round"/>; return false to end the run there.</summary>
    /// <param name="round">Absolute round index.</param>
    /// <param name="model">The server model after the round.</param>
    bool OnRoundCompleted(int round, ReadOnlySpan<double> model);
}
