using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// A distribution P of random directions u ∈ R^d for two-point gradient estimators. Every implementation here is
/// δ-unbiased in the sense E[u uᵀ] = I_d (docs/optim-zeroth-order.md, [PROPOSED] concrete form).
/// </summary>
public interface IPerturbationSampler
{
    /// <summary>Dimension d ≥ 1.</summary>
    int Dimension { get; }

    /// <summary>Draws one direction into <paramref name="u"/> (length d).</summary>
    /// <param name="rng">Random stream.</param>
    /// <param name="u">Output, length d.</param>
    void Sample(ref Xoshiro256StarStar rng, Span<double> u);

    /// <summary>Receives the latest gradient estimate (used by adaptive samplers; others ignore it).</summary>
    /// <param name="gradientEstimate">The estimate, length d.</param>
    void Observe(ReadOnlySpan<double> gradientEstimate);
}
