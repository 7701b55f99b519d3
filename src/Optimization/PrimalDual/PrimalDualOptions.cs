using PhyToolkit.Core.Asynchrony;

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

    /// <summary>How the server measures the aggregates for its dual step (null, the default: exactly, from digital messages).</summary>
    public IAggregateChannel? AggregateChannel { get; init; }

    /// <summary>
    /// When true (default), harmonic schedules must satisfy the O(1/t) condition 2aμ &gt; 1 on the primal (μ = μ_f times the
    /// slowest worker's share of updates) and 2bδ &gt; 1 on the dual (<see cref="StepSchedule.RequireRateCondition"/>); set
    /// false only to study a deliberately violated schedule.
    /// </summary>
    public bool EnforceRateCondition { get; init; } = true;

    /// <summary>
    /// The spec's defaults (arXiv 2509.01172 docs/asyn-pd.md, [Proposed], our choice): harmonic steps with dual scale b = <paramref name="scale"/>/δ and
    /// primal scale a = <paramref name="scale"/>/(μ_f·p), where p is the slowest worker's share of server iterations for the
    /// asynchronous driver (1 for the synchronous one, where every worker steps every round); offset t0 = 10(1 + τ̂) with τ̂ =
    /// n·max tc/min tc for the asynchronous driver and τ̂ = 0 for the synchronous one. scale = 2 gives 2aμ = 2bδ = 4 (spec);
    /// scale &lt;= 0.5 violates the O(1/t) condition and needs <see cref="EnforceRateCondition"/> = false.
    /// </summary>
    public static PrimalDualOptions Defaults(RegularizedLagrangian lagrangian, IReadOnlyList<WorkerTiming> timing, bool asynchronous, double scale = 2)
    {
        ArgumentNullException.ThrowIfNull(lagrangian);
        ArgumentNullException.ThrowIfNull(timing);
        Guard.Positive(scale, nameof(scale));
        double share = 1, tauHat = 0;
        if (asynchronous)
        {
            share = StochasticPrimalDual.SlowestShare(timing);
            tauHat = TimingProfiles.DelayEstimate(timing);
        }
        double t0 = 10 * (1 + tauHat);
        return new PrimalDualOptions
        {
            PrimalStep = StepSchedule.Harmonic(scale / (lagrangian.StrongConvexity * share), t0),
            DualStep = StepSchedule.Harmonic(scale / lagrangian.Delta, t0),
            EnforceRateCondition = scale > 0.5,
        };
    }

    /// <summary>Checks the fields.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(PrimalStep, nameof(PrimalStep));
        ArgumentNullException.ThrowIfNull(DualStep, nameof(DualStep));
        Guard.Positive(LambdaMax, nameof(LambdaMax));
        Guard.AtLeast(LocalSteps, 1, nameof(LocalSteps));
    }
}
