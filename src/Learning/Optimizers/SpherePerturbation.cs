using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>u uniform on the sphere of radius √d (‖u‖² = d). A fixed-length variance minimiser: E‖g‖² = d‖∇f‖²
/// (docs/optim-zeroth-order.md; arXiv:2510.19975).</summary>
public sealed class SpherePerturbation : IPerturbationSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    public SpherePerturbation(int dimension)
    {
        Guard.InRange(dimension, 1, int.MaxValue, nameof(dimension));
        Dimension = dimension;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public void Sample(ref Xoshiro256StarStar rng, Span<double> u)
    {
        Guard.Length(u.Length, Dimension, nameof(u));
        ZerothOrderHelpers.SampleSphere(ref rng, u, Math.Sqrt(Dimension));
    }

    /// <inheritdoc />
    public void Observe(ReadOnlySpan<double> gradientEstimate) { }
}
