namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// Options of the stochastic primal-dual drivers (spec of arXiv 2509.01172 §2, [Proposed]; the paper's values were not
/// available, so every default here is our choice).
/// </summary>
public sealed record PrimalDualOptions
{
    /// <summary>Primal steps α_t, indexed by the stamp of the worker's price (async) or the round (sync).</summary>
    public required StepSchedule PrimalStep { get; init; }

    /// <summary>Dual steps β_t, indexed by the server iteration.</summary>
    public required StepSchedule DualStep { get; init; }

    /// <summary>Projection bound of the dual: λ ∈ [0, λ_max] (guards the transient only; default 1e6).</summary>
    public double LambdaMax { get; init; } = 1e6;

    /// <summary>Local steps per message (default 1).</summary>
    public int LocalSteps { get; init; } = 1;

    /// <summary>
    /// When true (default), harmonic schedules must satisfy the O(1/t) condition 2aμ &gt; 1 on the primal (μ = μ_f times the
    /// slowest worker's share of updates) and 2bδ &gt; 1 on the dual (<see cref="StepSchedule.RequireRateCondition"/>); set
    /// false only to study a deliberately violated schedule.
    /// </summary>
    public bool EnforceRateCondition { get; init; } = true;

    /// <summary>Checks the fields.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(PrimalStep, nameof(PrimalStep));
        ArgumentNullException.ThrowIfNull(DualStep, nameof(DualStep));
        Guard.Positive(LambdaMax, nameof(LambdaMax));
        Guard.AtLeast(LocalSteps, 1, nameof(LocalSteps));
    }
}
