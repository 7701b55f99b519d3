namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Settings of the local SVD-aligned box estimator E2 (all [Proposed], spec defaults; the paper gives none).
/// </summary>
public sealed record LocalBoxOptions
{
    /// <summary>κ: stiff half-width factor, h_i = κ·tol/σ_i (&gt; 1; default 1.25, our choice).</summary>
    public double Kappa { get; init; } = 1.25;

    /// <summary>τ_rel separating stiff from null directions (in (0, 1); default 1e−8, our choice).</summary>
    public double RelativeTolerance { get; init; } = 1e-8;

    /// <summary>Adaptive guard: a hit with |u_i| above this in a stiff direction enlarges the box (in (0, 1); default 0.9).</summary>
    public double GuardThreshold { get; init; } = 0.9;

    /// <summary>Factor κ is multiplied by when the guard fires (&gt; 1; default 1.5).</summary>
    public double GuardGrowth { get; init; } = 1.5;

    /// <summary>Maximum number of guard enlargements (≥ 0; default 10).</summary>
    public int MaxGuardRetries { get; init; } = 10;

    internal void Validate()
    {
        Guard.InRange(Kappa, 1.0, double.MaxValue, nameof(Kappa));
        Guard.InRange(RelativeTolerance, double.Epsilon, 1, nameof(RelativeTolerance));
        Guard.InRange(GuardThreshold, double.Epsilon, 1, nameof(GuardThreshold));
        Guard.InRange(GuardGrowth, 1.0 + 1e-12, double.MaxValue, nameof(GuardGrowth));
        Guard.AtLeast(MaxGuardRetries, 0, nameof(MaxGuardRetries));
    }
}
