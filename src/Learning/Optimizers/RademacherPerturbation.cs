using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>u_i ∈ {−1, +1} i.i.d. (‖u‖² = d, E‖g‖² = d‖∇f‖²; docs/optim-zeroth-order.md).</summary>
public sealed class RademacherPerturbation : IPerturbationSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    public RademacherPerturbation(int dimension)
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
        for (int i = 0; i < u.Length; i++) u[i] = rng.NextBit() ? 1.0 : -1.0;
    }

    /// <inheritdoc />
    public void Observe(ReadOnlySpan<double> gradientEstimate) { }
}
