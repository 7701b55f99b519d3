using PhyToolkit.Optimization.Results;
namespace PhyToolkit.Optimization.Gradient;

/// <summary>
/// Settings of <see cref="ProjectedGradient"/>. Every property is validated when set, throwing
/// <see cref="ArgumentOutOfRangeException"/> naming it. Defaults follow fa-plkg docs/fa-plkg.md ([C] there) unless marked.
/// </summary>
public sealed record ProjectedGradientOptions
{
    private readonly int _maxIterations = 100;
    private readonly double _relTol = 1e-5, _absTol;
    private readonly double _stepScale = 0.5, _backtrack = 0.5, _armijo = 1e-4, _minStep = 1e-10;

    /// <summary>Maximum gradient iterations, in [0, 10 000 000]. Default 100 (docs/fa-plkg.md; the AO inner loop uses J = 10–20).</summary>
    public int MaxIterations
    {
        get => _maxIterations;
        init => _maxIterations = value < 0 || value > 10_000_000
            ? throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "MaxIterations must be an integer in [0, 10000000].") : value;
    }

    /// <summary>Stop when an accepted step raises f by at most RelativeTolerance·|f| + AbsoluteTolerance; finite ≥ 0.
    /// Default 1e-5 (docs/fa-plkg.md).</summary>
    public double RelativeTolerance { get => _relTol; init => _relTol = Guard.NonNegative(value, nameof(RelativeTolerance)); }

    /// <summary>Absolute part of the stopping test (objective units), finite ≥ 0. Default 0 (our choice).</summary>
    public double AbsoluteTolerance { get => _absTol; init => _absTol = Guard.NonNegative(value, nameof(AbsoluteTolerance)); }

    /// <summary>s in the scale-free first trial step μ0 = s·‖x‖/‖∇f‖ (‖x‖ replaced by 1 when x = 0); finite &gt; 0.
    /// Default 0.5 (docs/fa-plkg.md).</summary>
    public double InitialStepScale { get => _stepScale; init => _stepScale = Guard.Positive(value, nameof(InitialStepScale)); }

    /// <summary>Backtracking factor β in (0, 1): μ ← βμ after a rejected trial. Default 0.5 (halving, docs/fa-plkg.md).</summary>
    public double BacktrackFactor
    {
        get => _backtrack;
        init => _backtrack = value > 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(BacktrackFactor), value, "BacktrackFactor must be in (0, 1).");
    }

    /// <summary>Armijo constant c in [0, 1): a trial x⁺ = Π(x + μ∇f) is accepted when
    /// f(x⁺) ≥ f(x) + c·⟨∇_ℝ f(x), x⁺ − x⟩ (Armijo rule along the projection arc, Bertsekas, Nonlinear Programming §2.3).
    /// c = 0 is the plain monotone test of docs/fa-plkg.md Default 1e-4 (Nocedal and Wright's usual value; our choice).</summary>
    public double ArmijoConstant
    {
        get => _armijo;
        init => _armijo = value >= 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(ArmijoConstant), value, "ArmijoConstant must be in [0, 1).");
    }

    /// <summary>Give up (stop with <see cref="StopReason.LineSearchFailed"/>, keeping x) when μ/μ0 falls below this
    /// ratio; in (0, 1). Default 1e-10 (docs/fa-plkg.md gives up at μ &lt; 1e-10; taken relative to the scale-free μ0 so it does
    /// not depend on the objective's units — our adaptation).</summary>
    public double MinStepRatio
    {
        get => _minStep;
        init => _minStep = value > 0 && value < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(MinStepRatio), value, "MinStepRatio must be in (0, 1).");
    }
}
