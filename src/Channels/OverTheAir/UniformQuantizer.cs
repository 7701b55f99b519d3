using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Mid-rise uniform quantiser with <c>2^bits</c> levels <c>l_j = -R + Delta (j + 1/2)</c>, <c>Delta = 2R / 2^bits</c>,
/// saturating at <c>+-(R - Delta/2)</c>; odd-symmetric (Q(-x) = -Q(x) up to the measure-zero thresholds).
/// Used as the transmitter DAC and the receiver ADC of docs/ota-fl.md ([Proposed]; the paper's bit widths are not
/// available). A 1-bit instance is R/2 * sign(x).
/// </summary>
/// <remarks>
/// Closed forms (derived): deterministic mode <c>E[Q(a+z)] = sum_j l_j P(t_j &lt; a+z &lt; t_{j+1})</c>, thresholds
/// <c>t_j = -R + j Delta</c> (outer ones infinite). Stochastic and dithered modes have
/// <c>E[Q(x)|x] = clamp(x, -c, c)</c>, <c>E[Q(x)^2|x] = x (l_j + l_{j+1}) - l_j l_{j+1}</c> on <c>[l_j, l_{j+1}]</c> and
/// <c>c^2</c> outside, <c>c = R - Delta/2</c>; both integrate in closed form against a Gaussian.
/// </remarks>
public sealed class UniformQuantizer : IQuantizer
{
    private readonly int _levels;

    /// <summary>Creates the quantiser.</summary>
    /// <param name="bits">Resolution, 1..24.</param>
    /// <param name="fullScale">Clipping level R &gt; 0 (amplitude units).</param>
    /// <param name="mode">Rounding mode.</param>
    public UniformQuantizer(int bits, double fullScale, QuantizerMode mode = QuantizerMode.Deterministic)
    {
        if (bits < 1 || bits > 24) throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be an integer in [1, 24]");
        if (!double.IsFinite(fullScale) || fullScale <= 0)
            throw new ArgumentOutOfRangeException(nameof(fullScale), fullScale, "fullScale must be a finite number > 0");
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown quantizer mode");
        Bits = bits;
        FullScale = fullScale;
        Mode = mode;
        _levels = 1 << bits;
        StepSize = 2 * fullScale / _levels;
        MaxOutput = fullScale - StepSize / 2;
    }

    /// <summary>Resolution in bits.</summary>
    public int Bits { get; }

    /// <summary>Rounding mode.</summary>
    public QuantizerMode Mode { get; }

    /// <inheritdoc />
    public double FullScale { get; }

    /// <inheritdoc />
    public double StepSize { get; }

    /// <inheritdoc />
    public double MaxOutput { get; }

    /// <summary>Level j (0-based): -R + Delta (j + 1/2).</summary>
    public double Level(int j) => -FullScale + StepSize * (j + 0.5);

    /// <inheritdoc />
    public double QuantizeDeterministic(double x)
    {
        double t = Math.Floor((x + FullScale) / StepSize);
        if (double.IsNaN(t)) return double.NaN;
        int j = t < 0 ? 0 : t > _levels - 1 ? _levels - 1 : (int)t;
        return Level(j);
    }

    /// <inheritdoc />
    public double Quantize(double x, ref Xoshiro256StarStar rng)
    {
        switch (Mode)
        {
            case QuantizerMode.Deterministic:
                return QuantizeDeterministic(x);
            case QuantizerMode.Dithered:
                return QuantizeDeterministic(x + (rng.NextDouble() - 0.5) * StepSize);
            default:
                if (x >= MaxOutput) return MaxOutput;
                if (x <= -MaxOutput) return -MaxOutput;
                double t = (x + FullScale) / StepSize - 0.5;
                double jf = Math.Floor(t);
                int j = (int)jf;
                if (j >= _levels - 1) return MaxOutput;
                return rng.NextDouble() < t - jf ? Level(j + 1) : Level(j);
        }
    }

    /// <inheritdoc />
    public double ExpectedOutput(double x) =>
        Mode == QuantizerMode.Deterministic ? QuantizeDeterministic(x) : Math.Clamp(x, -MaxOutput, MaxOutput);

    private double ExpectedSquare(double x)
    {
        if (Mode == QuantizerMode.Deterministic) { double q = QuantizeDeterministic(x); return q * q; }
        if (x >= MaxOutput || x <= -MaxOutput) return MaxOutput * MaxOutput;
        double t = (x + FullScale) / StepSize - 0.5;
        int j = Math.Min((int)Math.Floor(t), _levels - 2);
        double lo = Level(j), hi = Level(j + 1);
        return x * (lo + hi) - lo * hi;
    }

    /// <inheritdoc />
    public double Mean(double a, double sigma)
    {
        CheckMomentArgs(a, sigma);
        if (sigma == 0) return ExpectedOutput(a);
        if (Mode == QuantizerMode.Deterministic)
        {
            double sum = 0;
            for (int j = 0; j < _levels; j++)
            {
                double lo = j == 0 ? double.NegativeInfinity : (-FullScale + j * StepSize - a) / sigma;
                double hi = j == _levels - 1 ? double.PositiveInfinity : (-FullScale + (j + 1) * StepSize - a) / sigma;
                sum += Level(j) * GaussianMath.Interval(lo, hi);
            }
            return sum;
        }
        // E[clamp(X, -c, c)], X ~ N(a, sigma^2)
        double c = MaxOutput;
        double inner = GaussianMath.PartialMean(a, sigma, -c, c, out _);
        return inner + c * GaussianMath.Tail((c - a) / sigma) - c * GaussianMath.Tail((c + a) / sigma);
    }

    /// <inheritdoc />
    public double SecondMoment(double a, double sigma)
    {
        CheckMomentArgs(a, sigma);
        if (sigma == 0) return ExpectedSquare(a);
        if (Mode == QuantizerMode.Deterministic)
        {
            double sum = 0;
            for (int j = 0; j < _levels; j++)
            {
                double lo = j == 0 ? double.NegativeInfinity : (-FullScale + j * StepSize - a) / sigma;
                double hi = j == _levels - 1 ? double.PositiveInfinity : (-FullScale + (j + 1) * StepSize - a) / sigma;
                double l = Level(j);
                sum += l * l * GaussianMath.Interval(lo, hi);
            }
            return sum;
        }
        double c = MaxOutput;
        double total = c * c * (GaussianMath.Tail((c - a) / sigma) + GaussianMath.Tail((c + a) / sigma));
        for (int j = 0; j < _levels - 1; j++)
        {
            double l0 = Level(j), l1 = Level(j + 1);
            double pm = GaussianMath.PartialMean(a, sigma, l0, l1, out double p);
            total += (l0 + l1) * pm - l0 * l1 * p;
        }
        return total;
    }

    private static void CheckMomentArgs(double a, double sigma)
    {
        if (!double.IsFinite(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "a must be finite");
        if (!double.IsFinite(sigma) || sigma < 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be a finite number >= 0");
    }
}
