namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// The physical end points of one real baseband link y = h x + z: transmitter peak amplitude A (= DAC full scale),
/// receiver noise standard deviation sigma_c, DAC and ADC (docs/ota-fl.md, [Proposed]).
/// </summary>
public sealed record LinkHardware
{
    /// <summary>Creates the hardware description.</summary>
    /// <param name="peakAmplitude">A &gt; 0 (amplitude units).</param>
    /// <param name="noiseStd">sigma_c &gt;= 0 (same units).</param>
    /// <param name="dac">Transmitter DAC (ideal if null).</param>
    /// <param name="adc">Receiver ADC (ideal if null).</param>
    public LinkHardware(double peakAmplitude, double noiseStd, IQuantizer? dac = null, IQuantizer? adc = null)
    {
        if (!double.IsFinite(peakAmplitude) || peakAmplitude <= 0) throw new ArgumentOutOfRangeException(nameof(peakAmplitude), peakAmplitude, "peakAmplitude must be finite and > 0");
        if (!double.IsFinite(noiseStd) || noiseStd < 0) throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "noiseStd must be finite and >= 0 (NaN is not allowed)");
        PeakAmplitude = peakAmplitude;
        NoiseStd = noiseStd;
        Dac = dac ?? IdealQuantizer.Instance;
        Adc = adc ?? IdealQuantizer.Instance;
    }

    /// <summary>Peak amplitude A.</summary>
    public double PeakAmplitude { get; }

    /// <summary>Noise standard deviation sigma_c.</summary>
    public double NoiseStd { get; }

    /// <summary>Transmitter DAC.</summary>
    public IQuantizer Dac { get; }

    /// <summary>Receiver ADC.</summary>
    public IQuantizer Adc { get; }
}
