using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Swarm;

/// <summary>
/// Settings of the global-best particle swarm (<see cref="ParticleSwarm"/>). Every property is validated when it is
/// set (object initialiser or <c>with</c>), throwing <see cref="ArgumentOutOfRangeException"/> naming it.
/// </summary>
/// <remarks>
/// The property defaults are the project defaults of STYLE §3 (ω = 0.8 constant, φp = φg = 1.5, as in
/// ILGPU.Algorithms' PSO), with no stall stop: a run ends after <see cref="PlannedMoves"/> moves (200 by default, or as many
/// as an evaluation budget affords). The reconstructed FA-PLKG settings (fa-plkg spec §3.1: ω 0.9→0.4, c1 = c2 = 1.49445,
/// clamp 0.2·range, stall 20 iterations at 1e-4) are in <see cref="FaPlkg"/>; that preset takes precedence when
/// reproducing arXiv 2509.00018. Values marked "our choice" have no source.
/// </remarks>
public sealed record ParticleSwarmOptions
{
    private readonly int _swarmSize = 40;
    /// <summary>Moves T when neither <see cref="MaxIterations"/> nor <see cref="MaxEvaluations"/> is set (our choice).</summary>
    public const int DefaultMaxIterations = 200;

    private readonly int? _maxIterations;
    private readonly long _maxEvaluations = long.MaxValue;
    private readonly double _inertiaStart = 0.8, _inertiaEnd = 0.8;
    private readonly double _c1 = 1.5, _c2 = 1.5;
    private readonly double _vclamp = 0.2;
    private readonly int? _stallIterations;
    private readonly double _stallRel = 1e-4, _stallAbs;

    /// <summary>The FA-PLKG preset of fa-plkg spec §3.1/§3.2 (all [C] there): S = 40 (spec range 30–50), T = 100
    /// (spec range 50–200), ω linear 0.9 → 0.4, c1 = c2 = 1.49445, |v| ≤ 0.2·range, zero initial velocity,
    /// stall 20 iterations below 1e-4 relative.</summary>
    public static ParticleSwarmOptions FaPlkg => new()
    {
        SwarmSize = 40,
        MaxIterations = 100,
        InertiaStart = 0.9,
        InertiaEnd = 0.4,
        CognitiveCoefficient = 1.49445,
        SocialCoefficient = 1.49445,
        VelocityClampFraction = 0.2,
        InitialVelocity = InitialVelocity.Zero,
        StallIterations = 20,
        StallRelativeTolerance = 1e-4,
    };

    /// <summary>Number of particles S, in [1, 1 000 000]. Default 40 (our choice; FA spec range 30–50).</summary>
    public int SwarmSize { get => _swarmSize; init => _swarmSize = RangeInt(value, 1, 1_000_000, nameof(SwarmSize)); }

    /// <summary>
    /// Maximum number of swarm moves T after initialisation, in [0, 10 000 000]. When not set: 200 (our choice) if no
    /// <see cref="MaxEvaluations"/> budget is set, otherwise as many moves as the budget affords (⌊(budget − S)/S⌋, at most
    /// 10 000 000), so that a caller's evaluation budget is what ends the run.
    /// </summary>
    public int MaxIterations
    {
        get => _maxIterations ?? (_maxEvaluations == long.MaxValue ? DefaultMaxIterations : BudgetMoves(10_000_000));
        init => _maxIterations = RangeInt(value, 0, 10_000_000, nameof(MaxIterations));
    }

    /// <summary>Fitness-evaluation budget (≥ 1) counting the initial swarm: the run makes at most ⌊(budget − S)/S⌋ moves and
    /// never starts a move whose S evaluations would exceed it (the initial swarm is always evaluated). Default unlimited
    /// (long.MaxValue). Setting it without <see cref="MaxIterations"/> lets the budget alone decide the number of moves.</summary>
    public long MaxEvaluations { get => _maxEvaluations; init => _maxEvaluations = Guard.AtLeast(value, 1L, nameof(MaxEvaluations)); }

    /// <summary>
    /// The moves the run plans for, T = min(<see cref="MaxIterations"/>, ⌊(<see cref="MaxEvaluations"/> − S)/S⌋): the horizon of the
    /// linear inertia schedule (ω reaches <see cref="InertiaEnd"/> at the last affordable move) and the move limit. Equals
    /// <see cref="MaxIterations"/> when no budget is set. A stall stop (<see cref="StallIterations"/>) or cancellation may end
    /// the run earlier.
    /// </summary>
    public int PlannedMoves => Math.Min(MaxIterations, BudgetMoves(int.MaxValue));

    private int BudgetMoves(int cap) => _maxEvaluations == long.MaxValue ? cap : (int)Math.Min(cap, Math.Max(0, (_maxEvaluations - _swarmSize) / _swarmSize));

    /// <summary>Inertia weight ω at the first move, in [0, 2]. Default 0.8 (STYLE §3 / ILGPU.Algorithms).</summary>
    public double InertiaStart { get => _inertiaStart; init => _inertiaStart = Guard.InRange(value, 0, 2, nameof(InertiaStart)); }

    /// <summary>Inertia weight at move T, in [0, 2]; ω is linear in the move index between the two
    /// (ω_it = ω_start − (ω_start − ω_end)(it−1)/(T−1)). Default 0.8 (constant ω).</summary>
    public double InertiaEnd { get => _inertiaEnd; init => _inertiaEnd = Guard.InRange(value, 0, 2, nameof(InertiaEnd)); }

    /// <summary>Cognitive factor c1 (φp), in [0, 10]. Default 1.5 (STYLE §3 / ILGPU.Algorithms).</summary>
    public double CognitiveCoefficient { get => _c1; init => _c1 = Guard.InRange(value, 0, 10, nameof(CognitiveCoefficient)); }

    /// <summary>Social factor c2 (φg), in [0, 10]. Default 1.5 (STYLE §3 / ILGPU.Algorithms).</summary>
    public double SocialCoefficient { get => _c2; init => _c2 = Guard.InRange(value, 0, 10, nameof(SocialCoefficient)); }

    /// <summary>Velocity clamp |v_j| ≤ f·(upper_j − lower_j); f in (0, +∞], +∞ disables the clamp.
    /// Default 0.2 (fa-plkg spec §3.1).</summary>
    public double VelocityClampFraction { get => _vclamp; init => _vclamp = Guard.PositiveOrInfinity(value, nameof(VelocityClampFraction)); }

    /// <summary>Initial velocities. Default <see cref="InitialVelocity.Uniform"/> within the clamp (our choice;
    /// an infinite clamp falls back to ±range).</summary>
    public InitialVelocity InitialVelocity { get; init; } = InitialVelocity.Uniform;

    /// <summary>
    /// Stall window N in [1, 10 000 000], or null (the default) for no stall stop. Rule: let ref be gbest's fitness when the
    /// window last restarted (initially the initial swarm's best); after each move, if gbest − ref &gt;
    /// <see cref="StallRelativeTolerance"/>·|ref| + <see cref="StallAbsoluteTolerance"/> (or ref = −∞ and gbest is finite),
    /// ref ← gbest and the count restarts; otherwise the count rises by one, and the run stops with
    /// <see cref="StopReason.Stalled"/> when it reaches N. Off by default so that <see cref="MaxIterations"/> or
    /// <see cref="MaxEvaluations"/> decides the length of a run; the <see cref="FaPlkg"/> preset sets N = 20 (fa-plkg spec
    /// §3.1; MATLAB particleswarm's stall window).
    /// </summary>
    public int? StallIterations
    {
        get => _stallIterations;
        init => _stallIterations = value is int n ? RangeInt(n, 1, 10_000_000, nameof(StallIterations)) : null;
    }

    /// <summary>Relative stall tolerance, finite ≥ 0 (used only with <see cref="StallIterations"/>). Default 1e-4 (fa-plkg spec §3.1).</summary>
    public double StallRelativeTolerance { get => _stallRel; init => _stallRel = Guard.NonNegative(value, nameof(StallRelativeTolerance)); }

    /// <summary>Absolute stall tolerance (objective units), finite ≥ 0 (used only with <see cref="StallIterations"/>). Default 0 (our choice).</summary>
    public double StallAbsoluteTolerance { get => _stallAbs; init => _stallAbs = Guard.NonNegative(value, nameof(StallAbsoluteTolerance)); }

    private static int RangeInt(int value, int min, int max, string name) =>
        value < min || value > max ? throw new ArgumentOutOfRangeException(name, value, $"{name} must be an integer in [{min}, {max}].") : value;
}
