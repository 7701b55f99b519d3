using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Naive analog baseline (biased, docs/ota-fl.md, [Proposed]): <c>x = DAC_det(A v)</c> (deterministic rounding to
/// the DAC grid), decode <c>v_hat = Q(y) / (h A)</c>. With a deterministic, clipping ADC the estimate is biased at low
/// resolution and low SNR: <c>E[v_hat] = kappa(h x) / (h A)</c>.
/// </summary>
public sealed class NaiveAmplitudeCoder : IAnalogCoder
{
    /// <summary>Creates the coder with <paramref name="repetitions"/> channel uses per coordinate (1..2^20).</summary>
    public NaiveAmplitudeCoder(int repetitions = 1) => Repetitions = Guard.InRange(repetitions, 1, 1 << 20, "repetitions");

    /// <inheritdoc />
    public string Name => $"naive(k={Repetitions})";

    /// <inheritdoc />
    public int Repetitions { get; }

    /// <inheritdoc />
    public int SymbolsPerCoordinate => Repetitions;

    /// <inheritdoc />
    public double Precode(double v, LinkHardware hardware, ref Xoshiro256StarStar rng) =>
        hardware.Dac.QuantizeDeterministic(hardware.PeakAmplitude * NormalisedCoordinate.Checked(v));

    /// <inheritdoc />
    public double PostcodeGain(double gain, LinkHardware hardware) => 1.0 / (Guard.Positive(gain, "gain") * hardware.PeakAmplitude);

    /// <inheritdoc />
    public double Mean(double v, double gain, LinkHardware hardware)
    {
        double x = hardware.Dac.QuantizeDeterministic(hardware.PeakAmplitude * NormalisedCoordinate.Checked(v));
        return hardware.Adc.Mean(Guard.Positive(gain, "gain") * x, hardware.NoiseStd) * PostcodeGain(gain, hardware);
    }

    /// <inheritdoc />
    public double Variance(double v, double gain, LinkHardware hardware)
    {
        double x = Guard.Positive(gain, "gain") * hardware.Dac.QuantizeDeterministic(hardware.PeakAmplitude * NormalisedCoordinate.Checked(v));
        double m1 = hardware.Adc.Mean(x, hardware.NoiseStd), m2 = hardware.Adc.SecondMoment(x, hardware.NoiseStd);
        double g = PostcodeGain(gain, hardware);
        return Math.Max(0, m2 - m1 * m1) * g * g / Repetitions;
    }
}
