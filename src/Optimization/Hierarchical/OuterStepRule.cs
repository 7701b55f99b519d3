namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>How the outer momentum weight α_t and normalised step η_t are chosen.</summary>
public enum OuterStepRule
{
    /// <summary>
    /// Noise-adaptive anytime rule: α_t = min{1, c_α/(σ̂_t·√(t+1))} (α_t = 1 when σ̂_t = 0), η_t = c_η·√(α_t/(t+1)), with σ̂_t
    /// the running RMS of ½‖g − g′‖² over two independent samples ([proposal], docs/optim-hierarchical.md).
    /// </summary>
    Adaptive,

    /// <summary>Constant α and η (normalised SGD with momentum, NSGD-M, tuned by the caller: the "knows σ̄" baseline, docs/optim-hierarchical.md).</summary>
    Fixed,
}
