namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>Where the damped Gauss–Newton system of the energy natural gradient is solved (arXiv 2505.12149).</summary>
public enum NaturalGradientSpace
{
    /// <summary>Sample (kernel) space: Jᵀ(JJᵀ + λI_N)⁻¹v, ENGD-W; cost O(N²P + N³).</summary>
    Kernel,

    /// <summary>Parameter space: (JᵀJ + λI_P)⁻¹Jᵀv, dense ENGD; cost O(NP² + P³).</summary>
    Parameter,
}
