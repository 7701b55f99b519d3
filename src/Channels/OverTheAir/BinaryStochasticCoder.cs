using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Pre-coder P1 and its exactly unbiased post-coder (docs/ota-fl.md, [Proposed], realising the [Paper] claim of
/// arXiv:2509.02538 that pre/post-coding can make the received gradient exactly unbiased).
/// Pre-coder: <c>s = +a</c> with probability (1+v)/2, else <c>-a</c>, with <c>a = DAC(A)</c> the DAC's full-scale level
/// (only two DAC levels are used, so no DAC rounding bias). Post-coder: <c>v_hat = Q(y) / kappa(h a)</c>,
/// <c>kappa(x) = E[Q(x + z)]</c>, exactly unbiased for any odd-symmetric ADC, clipping level and SNR.
/// Variance (one use): <c>E[Q(h a + z)^2] / kappa^2 - v^2</c>; k repetitions divide it by k.
/// </summary>
public sealed class BinaryStochasticCoder : IAnalogCoder
{
    /// <summary>Creates the coder with <paramref name="repetitions"/> channel uses per coordinate (1..2^20).</summary>
    public BinaryStochasticCoder(int repetitions = 1) => Repetitions = Guard.InRange(repetitions, 1, 1 << 20, "repetitions");

    /// <inheritdoc />
    public string Name => $"P1-binary(k={Repetitions})";

    /// <inheritdoc />
    public int Repetitions { get; }

    /// <inheritdoc />
    public int SymbolsPerCoordinate => Repetitions;

    /// <summary>The transmitted level a = DAC(A) (deterministic at full scale for every mode).</summary>
    public static double SymbolLevel(LinkHardware hardware) => hardware.Dac.ExpectedOutput(hardware.PeakAmplitude);

    /// <summary>kappa(h a) = E[Q(h a + z)] (the post-coder denominator).</summary>
    public static double Kappa(double gain, LinkHardware hardware) =>
        hardware.Adc.Mean(Guard.Positive(gain, "gain") * SymbolLevel(hardware), hardware.NoiseStd);

    /// <inheritdoc />
    public double Precode(double v, LinkHardware hardware, ref Xoshiro256StarStar rng)
    {
        v = NormalisedCoordinate.Checked(v);
        double a = SymbolLevel(hardware);
        return rng.NextDouble() < 0.5 * (1 + v) ? a : -a;
    }

    /// <inheritdoc />
    public double PostcodeGain(double gain, LinkHardware hardware) => 1.0 / Kappa(gain, hardware);

    /// <inheritdoc />
    public double Mean(double v, double gain, LinkHardware hardware) => NormalisedCoordinate.Checked(v);

    /// <inheritdoc />
    public double Variance(double v, double gain, LinkHardware hardware)
    {
        v = NormalisedCoordinate.Checked(v);
        double x = Guard.Positive(gain, "gain") * SymbolLevel(hardware);
        double kappa = hardware.Adc.Mean(x, hardware.NoiseStd);
        double m2 = hardware.Adc.SecondMoment(x, hardware.NoiseStd);
        return (m2 / (kappa * kappa) - v * v) / Repetitions;
    }
}
