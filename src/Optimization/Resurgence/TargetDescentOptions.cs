using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// Options of <see cref="TargetDescent"/>: gradient descent with a fixed or target-aware step and the escape rule of
/// the resurgence spec (docs/resurgence.md, [Proposed]). Defaults are our choices (the paper's were not available).
/// </summary>
public sealed record TargetDescentOptions
{
    /// <summary>Gradient-evaluation budget (≥ 1). Every line probe of the escape rule is charged as one evaluation too.</summary>
    public int Budget { get; init; } = 2000;

    /// <summary>Fixed step η used when <see cref="Schedule"/> is null.</summary>
    public double FixedStep { get; init; } = 0.1;

    /// <summary>Target-aware step (Polyak form); null → fixed step.</summary>
    public TargetStepSchedule? Schedule { get; init; }

    /// <summary>Stop as soon as L ≤ this value (e.g. L_glob + 1e-8); null → run to convergence or budget.</summary>
    public double? StopValue { get; init; }

    /// <summary>Converged when ‖∇L‖ &lt; this (default 1e-8).</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Apply the escape rule on convergence.</summary>
    public bool Escape { get; init; }

    /// <summary>Series order K of the target computation at each converged minimum (default 16).</summary>
    public int TargetOrder { get; init; } = 16;

    /// <summary>
    /// The escape walk counts the barrier level as reached at L0 + fraction·ΔL (default 0.95, our choice: the Padé pole
    /// of a branch point sits slightly above the true gap, ≈ 0.6 % on T1–T3, so the exact level may never be met).
    /// </summary>
    public double LevelFraction { get; init; } = 0.95;

    /// <summary>Pole filter of the target computation.</summary>
    public PoleFilterOptions PoleFilter { get; init; } = new();

    /// <summary>Checks the options.</summary>
    public void Validate()
    {
        Guard.AtLeast(Budget, 1, nameof(Budget));
        Guard.Positive(FixedStep, nameof(FixedStep));
        if (StopValue is { } s) Guard.Finite(s, nameof(StopValue));
        Guard.Positive(GradientTolerance, nameof(GradientTolerance));
        Guard.InRange(TargetOrder, 4, 30, nameof(TargetOrder));
        Guard.InRange(LevelFraction, 0.5, 1, nameof(LevelFraction));
        PoleFilter.Validate();
    }
}
