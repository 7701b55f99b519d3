namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// Target-aware step size of Polyak form: η_t = clip((L(θ_t) − L*)/(‖∇L(θ_t)‖² + ε), η_min, η_max), where L* is the
/// highest target strictly below the current loss minus a margin, else the lowest target (the minimum of the basin).
/// The paper's own rule (SURGE, arXiv 2509.01329) was not available; this is the resurgence spec's proposal
/// (docs/resurgence.md, [Proposed]) built on the Polyak step (Polyak 1987).
/// </summary>
public sealed class TargetStepSchedule
{
    private readonly double[] _targets;

    /// <summary>Creates the schedule.</summary>
    /// <param name="targets">Target values (at least one, finite), e.g. <see cref="ResurgentTargets.Targets"/>.</param>
    /// <param name="maxStep">η_max &gt; 0 (our choice of default 1: no paper value).</param>
    /// <param name="minStep">η_min in [0, η_max] (default 1e-6, our choice).</param>
    /// <param name="margin">Margin below the current loss when choosing L* (default 1e-12, our choice).</param>
    /// <param name="epsilon">ε added to ‖∇L‖² (default 1e-30, our choice: only guards 0/0).</param>
    public TargetStepSchedule(IReadOnlyList<double> targets, double maxStep = 1, double minStep = 1e-6, double margin = 1e-12, double epsilon = 1e-30)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) throw new ArgumentException("targets is empty; allowed: at least one target value.", nameof(targets));
        foreach (double t in targets) Guard.Finite(t, nameof(targets));
        _targets = [.. targets.Order()];
        MaxStep = Guard.Positive(maxStep, nameof(maxStep));
        MinStep = Guard.InRange(minStep, 0, maxStep, nameof(minStep));
        Margin = Guard.NonNegative(margin, nameof(margin));
        Epsilon = Guard.NonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>η_max.</summary>
    public double MaxStep { get; }

    /// <summary>η_min.</summary>
    public double MinStep { get; }

    /// <summary>Margin below the loss for choosing L*.</summary>
    public double Margin { get; }

    /// <summary>ε in the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>Targets, ascending.</summary>
    public IReadOnlyList<double> Targets => _targets;

    /// <summary>L*: the highest target strictly below <paramref name="loss"/> − margin, else the lowest target.</summary>
    public double TargetFor(double loss)
    {
        double best = _targets[0];
        foreach (double t in _targets) if (t < loss - Margin) best = t;
        return best;
    }

    /// <summary>η_t for the current loss and squared gradient norm.</summary>
    public double Step(double loss, double gradientNormSquared)
    {
        Guard.NonNegative(gradientNormSquared, nameof(gradientNormSquared));
        double eta = (loss - TargetFor(loss)) / (gradientNormSquared + Epsilon);
        return double.IsNaN(eta) ? MinStep : Math.Clamp(eta, MinStep, MaxStep);
    }

    /// <summary>
    /// Multiplicative form for optimizers with their own step (Adam, SGD): lr_t = lr_base·clip((L_t − L*)/(L_ref − L*), r_min, 1),
    /// with L* chosen for <paramref name="referenceLoss"/> (the loss when the schedule was armed) and held fixed
    /// (resurgence spec, [Proposed]; r_min default 0.05 from the spec).
    /// </summary>
    /// <param name="loss">Current loss L_t.</param>
    /// <param name="referenceLoss">L_ref, the loss when the schedule was (re)armed; must lie above its target.</param>
    /// <param name="minRatio">r_min in (0, 1].</param>
    /// <returns>The factor in [r_min, 1] that multiplies the base learning rate.</returns>
    public double Multiplier(double loss, double referenceLoss, double minRatio = 0.05)
    {
        Guard.Finite(loss, nameof(loss));
        Guard.Finite(referenceLoss, nameof(referenceLoss));
        Guard.InRange(minRatio, double.Epsilon, 1, nameof(minRatio));
        double target = TargetFor(referenceLoss);
        if (!(referenceLoss > target)) return 1;
        return Math.Clamp((loss - target) / (referenceLoss - target), minRatio, 1);
    }
}
