namespace PhyToolkit.Optimization.Reduction;

/// <summary>Step-size rule of <see cref="ReducedGradientDescent"/>.</summary>
public enum DescentStepRule
{
    /// <summary>Constant step η (best choice 1/β at the solution for a β-smooth objective).</summary>
    Fixed,

    /// <summary>Armijo backtracking from <see cref="DescentOptions.StepSize"/>: f(x − t·d) ≤ f(x) − c·t·gᵀd, t ← shrink·t.</summary>
    Armijo,
}
