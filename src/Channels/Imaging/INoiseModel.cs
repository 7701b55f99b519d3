using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging;

/// <summary>Measurement noise ε of <c>y = A(x) + ε</c>, applied to a clean measurement on the [-1, 1] scale.</summary>
public interface INoiseModel
{
    /// <summary>The scale on which the model's level is stated.</summary>
    ScaleConvention Convention { get; }

    /// <summary>Standard deviation of one noise entry on the [-1, 1] scale (for Poisson: at mid-grey, 0 on [-1,1]).</summary>
    double StdOnSignedScale { get; }

    /// <summary>Replaces the clean measurement by a noisy one, in place, drawing from <paramref name="rng"/>.</summary>
    void Corrupt(Span<double> measurement, ref Xoshiro256StarStar rng);
}
