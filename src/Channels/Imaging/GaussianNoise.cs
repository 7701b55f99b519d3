using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Additive white Gaussian noise, <c>ε ~ N(0, σ²I)</c> with σ stated on <see cref="Convention"/>'s scale
/// (docs/inverse-imaging.md, [code]: σ = 0.01 on [-1, 1]). Added to every measurement entry, including the
/// unobserved (zero) entries of a mask, as the paper code does; those entries do not enter any gradient.
/// </summary>
public sealed class GaussianNoise : INoiseModel
{
    /// <summary>Builds the model.</summary>
    /// <param name="sigma">σ ≥ 0 on the scale of <paramref name="convention"/>.</param>
    /// <param name="convention">Scale of σ.</param>
    public GaussianNoise(double sigma, ScaleConvention convention = ScaleConvention.SignedUnit)
    {
        Sigma = Guard.NonNegative(sigma, nameof(sigma));
        if (!Enum.IsDefined(convention)) throw new ArgumentOutOfRangeException(nameof(convention), convention, $"convention = {convention}; allowed: SignedUnit, Unit.");
        Convention = convention;
    }

    /// <summary>σ on the scale of <see cref="Convention"/>.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public ScaleConvention Convention { get; }

    /// <inheritdoc />
    public double StdOnSignedScale => Convention == ScaleConvention.SignedUnit ? Sigma : 2 * Sigma;

    /// <inheritdoc />
    public void Corrupt(Span<double> measurement, ref Xoshiro256StarStar rng)
    {
        double s = StdOnSignedScale;
        if (s == 0) return;
        for (int i = 0; i < measurement.Length; i++) measurement[i] += s * rng.NextGaussian();
    }
}
