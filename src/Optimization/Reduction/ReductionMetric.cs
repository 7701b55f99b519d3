namespace PhyToolkit.Optimization.Reduction;

/// <summary>Metric in which the reduced gradient step is taken (docs/optim-reduction.md A/B, [proposal]).</summary>
public enum ReductionMetric
{
    /// <summary>x1 ← x1 − η∇F(x1).</summary>
    Euclidean,

    /// <summary>Pullback metric G = DΦᵀDΦ = I + DΨᵀDΨ: x1 ← x1 − η G⁻¹∇F(x1). Needs <see cref="IReduction.HasJacobian"/>.</summary>
    Pullback,
}
