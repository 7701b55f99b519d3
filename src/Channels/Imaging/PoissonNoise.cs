using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Photon-count noise on the [0, 1] intensity: <c>u = max(0, (y + 1)/2)</c>, <c>u' = Poisson(λ·u)/λ</c>, returned on
/// [-1, 1] as <c>2u' − 1</c> (present but unused in the paper code's measurement set). The variance on [0, 1]
/// is <c>u/λ</c>. <see cref="Convention"/> is <see cref="ScaleConvention.Unit"/> because λ counts photons per unit of
/// [0, 1] intensity.
/// </summary>
public sealed class PoissonNoise : INoiseModel
{
    /// <summary>Builds the model.</summary>
    /// <param name="photonsPerUnit">λ, photons at intensity 1, in (0, 1e6].</param>
    public PoissonNoise(double photonsPerUnit) => PhotonsPerUnit = Guard.InRange(photonsPerUnit, double.Epsilon, 1e6, nameof(photonsPerUnit));

    /// <summary>λ, photons at intensity 1 on [0, 1].</summary>
    public double PhotonsPerUnit { get; }

    /// <inheritdoc />
    public ScaleConvention Convention => ScaleConvention.Unit;

    /// <summary>Standard deviation on [-1, 1] at mid-grey (u = ½): <c>2·sqrt(0.5/λ)</c>.</summary>
    public double StdOnSignedScale => 2 * Math.Sqrt(0.5 / PhotonsPerUnit);

    /// <inheritdoc />
    public void Corrupt(Span<double> measurement, ref Xoshiro256StarStar rng)
    {
        for (int i = 0; i < measurement.Length; i++)
        {
            double u = Math.Max(0, (measurement[i] + 1) / 2);
            measurement[i] = 2 * Sample(PhotonsPerUnit * u, ref rng) / PhotonsPerUnit - 1;
        }
    }

    /// <summary>Exact Poisson draw: a sum of Knuth multiplication draws with means ≤ 30 (cost ∝ mean).</summary>
    internal static double Sample(double mean, ref Xoshiro256StarStar rng)
    {
        double total = 0;
        while (mean > 0)
        {
            double part = Math.Min(mean, 30);
            mean -= part;
            double limit = Math.Exp(-part), p = 1;
            int k = -1;
            do { k++; p *= rng.NextDouble(); } while (p > limit);
            total += k;
        }
        return total;
    }
}
