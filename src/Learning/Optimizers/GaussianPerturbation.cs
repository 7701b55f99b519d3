using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>u ~ N(0, I_d). Asymptotic second moment E‖g‖² = (d + 2)‖∇f‖² (docs/optim-zeroth-order.md).</summary>
public sealed class GaussianPerturbation : IPerturbationSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    public GaussianPerturbation(int dimension)
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
        for (int i = 0; i < u.Length; i++) u[i] = rng.NextGaussian();
    }

    /// <inheritdoc />
    public void Observe(ReadOnlySpan<double> gradientEstimate) { }
}
