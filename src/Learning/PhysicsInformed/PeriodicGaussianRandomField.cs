using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Random periodic input functions on [0, L): a truncated Fourier series
/// u0(x) = Σ_{k=1}^{K} a_k cos(2πkx/L) + b_k sin(2πkx/L), a_k, b_k ~ N(0, (4π²k² + c²)^{−2}) i.i.d.,
/// optionally rescaled so that max_grid |u0| = A. This is a sample of a Gaussian random field with Matérn-like
/// spectrum (the Burgers input functions of the Morephy-Net reproduction plan, docs/morephy.md; settings our choice,
/// the paper gives none).
/// </summary>
public sealed class PeriodicGaussianRandomField
{
    /// <summary>Creates the field.</summary>
    /// <param name="modes">Number K of Fourier modes, 1 … 1024 (default 16).</param>
    /// <param name="spectrumShift">c² in the variance (4π²k² + c²)^{−2}, ≥ 0 (default 25).</param>
    /// <param name="peakAmplitude">A &gt; 0: each sample is rescaled to max |u0| = A on the evaluation grid; null keeps the raw scale.</param>
    /// <param name="periodLength">L &gt; 0 (default 1).</param>
    public PeriodicGaussianRandomField(int modes = 16, double spectrumShift = 25, double? peakAmplitude = 1.0, double periodLength = 1.0)
    {
        Modes = Guard.InRange(modes, 1, 1024, nameof(modes));
        SpectrumShift = Guard.NonNegative(spectrumShift, nameof(spectrumShift));
        if (peakAmplitude is double amp) Guard.Positive(amp, nameof(peakAmplitude));
        PeakAmplitude = peakAmplitude;
        PeriodLength = Guard.Positive(periodLength, nameof(periodLength));
    }

    /// <summary>Number K of modes.</summary>
    public int Modes { get; }

    /// <summary>c² of the spectrum.</summary>
    public double SpectrumShift { get; }

    /// <summary>Peak amplitude A after rescaling, or null (no rescaling).</summary>
    public double? PeakAmplitude { get; }

    /// <summary>Period L.</summary>
    public double PeriodLength { get; }

    /// <summary>
    /// Draws coefficients from <paramref name="rng"/> (2K Gaussian draws in the order a_1, b_1, a_2, b_2, …) and writes
    /// u0 on the N equispaced points x_j = j L / N of [0, L) into <paramref name="values"/> (N = its length ≥ 2).
    /// </summary>
    /// <param name="rng">The work unit's generator, advanced by exactly 2K Gaussian draws.</param>
    /// <param name="values">Output grid values.</param>
    /// <param name="coefficients">Optional output of length 2K receiving (a_k, b_k) after rescaling, to evaluate u0 off the grid with <see cref="Evaluate"/>.</param>
    public void Sample(ref Xoshiro256StarStar rng, Span<double> values, Span<double> coefficients = default)
    {
        int n = values.Length;
        if (n < 2) throw new ArgumentException("values must hold at least 2 grid points.", nameof(values));
        if (!coefficients.IsEmpty) Guard.Length(coefficients.Length, 2 * Modes, nameof(coefficients));
        Span<double> c = coefficients.IsEmpty ? new double[2 * Modes] : coefficients;
        for (int k = 1; k <= Modes; k++)
        {
            double sd = 1 / (4 * Math.PI * Math.PI * k * k + SpectrumShift);
            c[2 * (k - 1)] = sd * rng.NextGaussian();
            c[2 * (k - 1) + 1] = sd * rng.NextGaussian();
        }
        double peak = 0;
        for (int j = 0; j < n; j++)
        {
            values[j] = Evaluate(c, j * PeriodLength / n);
            peak = Math.Max(peak, Math.Abs(values[j]));
        }
        if (PeakAmplitude is double a && peak > 0)
        {
            double scale = a / peak;
            for (int j = 0; j < n; j++) values[j] *= scale;
            for (int i = 0; i < c.Length; i++) c[i] *= scale;
        }
    }

    /// <summary>u0(x) = Σ a_k cos(2πkx/L) + b_k sin(2πkx/L) from coefficients (a_1, b_1, …, a_K, b_K).</summary>
    public double Evaluate(ReadOnlySpan<double> coefficients, double x)
    {
        Guard.Length(coefficients.Length, 2 * Modes, nameof(coefficients));
        double s = 0, w = 2 * Math.PI * x / PeriodLength;
        for (int k = 1; k <= Modes; k++)
            s += coefficients[2 * (k - 1)] * Math.Cos(k * w) + coefficients[2 * (k - 1) + 1] * Math.Sin(k * w);
        return s;
    }
}
