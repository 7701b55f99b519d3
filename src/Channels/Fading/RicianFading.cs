using MathNet.Numerics;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Fading;

/// <summary>
/// Rician fading with factor K (LOS-to-scatter power ratio): h = sqrt(beta) |sqrt(K/(K+1)) + sqrt(1/(K+1)) CN(0,1)|,
/// so E|h|^2 = beta. P(|h|^2 &gt;= theta) = Q1(sqrt(2K), sqrt(2 (K+1) theta / beta)) (Marcum Q, standard result).
/// K = 0 is Rayleigh.
/// </summary>
public sealed class RicianFading : IFadingModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="kFactor">Rician K (linear, &gt;= 0).</param>
    public RicianFading(double kFactor)
    {
        if (!double.IsFinite(kFactor) || kFactor < 0)
            throw new ArgumentOutOfRangeException(nameof(kFactor), kFactor, "kFactor must be a finite linear ratio >= 0");
        KFactor = kFactor;
    }

    /// <summary>Rician K factor (linear).</summary>
    public double KFactor { get; }

    /// <inheritdoc />
    public double SampleAmplitude(ref Xoshiro256StarStar rng, double meanGain)
    {
        Guard.Positive(meanGain, "meanGain");
        double los = Math.Sqrt(KFactor / (KFactor + 1));
        double s = Math.Sqrt(0.5 / (KFactor + 1));
        double re = los + s * rng.NextGaussian();
        double im = s * rng.NextGaussian();
        return Math.Sqrt(meanGain * (re * re + im * im));
    }

    /// <inheritdoc />
    public double ExceedanceProbability(double threshold, double meanGain)
    {
        Guard.NonNegative(threshold, "threshold");
        Guard.Positive(meanGain, "meanGain");
        if (threshold == 0) return 1;
        if (KFactor == 0) return Math.Exp(-threshold / meanGain);
        // Math.NET's MarcumQ(nu, a, x) takes the half-squared arguments a = alpha^2/2, x = beta^2/2 (checked against
        // Q1(0, b) = exp(-b^2/2) and by Monte Carlo in the tests).
        return SpecialFunctions.MarcumQ(1, KFactor, (KFactor + 1) * threshold / meanGain);
    }
}
