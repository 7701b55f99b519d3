using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Naive analog baseline (biased, spec ota-fl.md §1.3, [Proposed]): <c>x = DAC_det(A v)</c> (deterministic rounding to
/// the DAC grid), decode <c>v_hat = Q(y) / (h A)</c>. With a deterministic, clipping ADC the estimate is biased at low
/// resolution and low SNR: <c>E[v_hat] = kappa(h x) / (h A)</c>.
/// </summary>
public sealed class NaiveAmplitudeCoder : IAnalogCoder
{
    /// <summary>Creates the coder with <paramref name="repetitions"/> channel uses per coordinate (1..2^20).</summary>
    public NaiveAmplitudeCoder(int repetitions = 1) => Repetitions = CoderChecks.Repetitions(repetitions);

    /// <inheritdoc />
    public string Name => $"naive(k={Repetitions})";

    /// <inheritdoc />
    public int Repetitions { get; }

    /// <inheritdoc />
    public int SymbolsPerCoordinate => Repetitions;

    /// <inheritdoc />
    public double Precode(double v, LinkHardware hardware, ref Xoshiro256StarStar rng) =>
        hardware.Dac.QuantizeDeterministic(hardware.PeakAmplitude * CoderChecks.Coordinate(v));

    /// <inheritdoc />
    public double PostcodeGain(double gain, LinkHardware hardware) => 1.0 / (CoderChecks.Gain(gain) * hardware.PeakAmplitude);

    /// <inheritdoc />
    public double Mean(double v, double gain, LinkHardware hardware)
    {
        double x = hardware.Dac.QuantizeDeterministic(hardware.PeakAmplitude * CoderChecks.Coordinate(v));
        return hardware.Adc.Mean(CoderChecks.Gain(gain) * x, hardware.NoiseStd) * PostcodeGain(gain, hardware);
    }

    /// <inheritdoc />
    public double Variance(double v, double gain, LinkHardware hardware)
    {
        double x = CoderChecks.Gain(gain) * hardware.Dac.QuantizeDeterministic(hardware.PeakAmplitude * CoderChecks.Coordinate(v));
        double m1 = hardware.Adc.Mean(x, hardware.NoiseStd), m2 = hardware.Adc.SecondMoment(x, hardware.NoiseStd);
        double g = PostcodeGain(gain, hardware);
        return Math.Max(0, m2 - m1 * m1) * g * g / Repetitions;
    }
}
