using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Noise;

/// <summary>
/// Real AWGN z ~ N(0, sigma_c^2) of the baseband model y = h s + z. The SNR convention is the average per-symbol peak
/// SNR <c>beta A^2 / sigma_c^2</c> (spec ota-fl.md §1.2, [Proposed]).
/// </summary>
public static class AwgnNoise
{
    /// <summary>sigma_c = sqrt(beta A^2 / 10^(snrDb/10)).</summary>
    /// <param name="snrDb">Average peak SNR in dB (finite).</param>
    /// <param name="peakAmplitude">Transmit peak amplitude A (&gt; 0).</param>
    /// <param name="meanGain">Mean power gain beta (&gt; 0), 1 by default.</param>
    public static double NoiseStdFromSnrDb(double snrDb, double peakAmplitude, double meanGain = 1)
    {
        if (!double.IsFinite(snrDb)) throw new ArgumentOutOfRangeException(nameof(snrDb), snrDb, "snrDb must be a finite number of dB");
        if (!double.IsFinite(peakAmplitude) || peakAmplitude <= 0) throw new ArgumentOutOfRangeException(nameof(peakAmplitude), peakAmplitude, "peakAmplitude must be finite and > 0");
        if (!double.IsFinite(meanGain) || meanGain <= 0) throw new ArgumentOutOfRangeException(nameof(meanGain), meanGain, "meanGain must be finite and > 0");
        return Math.Sqrt(meanGain * peakAmplitude * peakAmplitude / Math.Pow(10, snrDb / 10));
    }

    /// <summary>Adds N(0, noiseStd^2) to every element of <paramref name="signal"/> in place.</summary>
    public static void Add(Span<double> signal, double noiseStd, ref Xoshiro256StarStar rng)
    {
        if (!double.IsFinite(noiseStd) || noiseStd < 0) throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "noiseStd must be finite and >= 0");
        if (noiseStd == 0) return;
        for (int i = 0; i < signal.Length; i++) signal[i] += noiseStd * rng.NextGaussian();
    }
}
