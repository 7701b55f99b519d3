namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Participants of one federated round and the signed weights of their updates in the aggregate
/// <c>g_hat = sum_j Weights[j] u_{Workers[j]}</c> (see <see cref="IFederatedRoundHook"/>).
/// </summary>
public sealed record FederatedRoundPlan
{
    /// <summary>Creates the plan.</summary>
    /// <param name="workers">Distinct worker indices (at least one).</param>
    /// <param name="weights">One finite weight per worker (may be negative or zero).</param>
    public FederatedRoundPlan(int[] workers, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(weights);
        if (workers.Length == 0) throw new ArgumentException("a round needs at least one participant", nameof(workers));
        if (weights.Length != workers.Length) throw new ArgumentException($"weights must have one entry per worker ({workers.Length})", nameof(weights));
        if (workers.Distinct().Count() != workers.Length) throw new ArgumentException("workers must be distinct", nameof(workers));
        foreach (double a in weights)
            if (!double.IsFinite(a)) throw new ArgumentOutOfRangeException(nameof(weights), a, "weights must be finite");
        Workers = workers; Weights = weights;
    }

    /// <summary>Participating workers.</summary>
    public int[] Workers { get; }

    /// <summary>Weights a_j of the aggregate.</summary>
    public double[] Weights { get; }
}
