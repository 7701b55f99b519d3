using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Unbiased b-bit stochastic quantiser of a real vector for the SNR-adaptive digital baseline (docs/ota-fl.md, [Proposed];
/// stochastic rounding as in QSGD, Alistarh et al., arXiv:1610.02132, on a uniform grid). The scale
/// <c>s = ||u||_inf</c> is sent as a float32 (rounded up, so no coordinate clips) in the packet header; each coordinate is
/// rounded to one of the two neighbouring levels of the <c>2^b</c>-level grid <c>l_j = −s + j·Δ</c>, <c>Δ = 2s/(2^b − 1)</c>
/// (levels ±s included), the upper one with probability <c>(x − l_j)/Δ</c>:
/// <code>
/// E[Q(x)] = x,    Var Q(x) = (x − l_j)(l_{j+1} − x) ≤ Δ²/4,    l_j ≤ x ≤ l_{j+1}
/// </code>
/// Payload bits = d·b + header. The grid and the rounding are <see cref="UniformQuantizer"/>'s stochastic mode with full
/// scale <c>R = s/(1 − 2^−b)</c> (its largest level is then exactly s).
/// </summary>
public sealed class StochasticVectorQuantizer
{
    /// <summary>Creates the quantiser.</summary>
    /// <param name="bits">Bits per coordinate b, 1..24.</param>
    /// <param name="headerBits">Header bits per packet (scale float, CRC, ...), 0..65536; our choice 48 = 32-bit scale + 16-bit CRC.</param>
    public StochasticVectorQuantizer(int bits, int headerBits = 48)
    {
        if (bits < 1 || bits > 24) throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be in [1, 24]");
        if (headerBits < 0 || headerBits > 65536) throw new ArgumentOutOfRangeException(nameof(headerBits), headerBits, "headerBits must be in [0, 65536]");
        Bits = bits;
        HeaderBits = headerBits;
    }

    /// <summary>Bits per coordinate b.</summary>
    public int Bits { get; }

    /// <summary>Header bits per packet.</summary>
    public int HeaderBits { get; }

    /// <summary>Information bits of the packet of a d-dimensional vector: d·b + header.</summary>
    public long PacketBits(int dimension)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        return (long)dimension * Bits + HeaderBits;
    }

    /// <summary>The scale the header carries: max |u_i| as a float32, rounded up (0 for an all-zero vector).</summary>
    public static double Scale(ReadOnlySpan<double> u)
    {
        double s = 0;
        for (int i = 0; i < u.Length; i++)
        {
            if (!double.IsFinite(u[i])) throw new ArgumentException($"u[{i}] is not finite", nameof(u));
            s = Math.Max(s, Math.Abs(u[i]));
        }
        float f = (float)s;
        if (f < s) f = MathF.BitIncrement(f);
        return f;
    }

    /// <summary>Grid step Δ = 2s/(2^b − 1) for scale <paramref name="scale"/>.</summary>
    public double StepSize(double scale) => 2 * scale / ((1 << Bits) - 1);

    /// <summary>Quantises <paramref name="u"/> into <paramref name="q"/> (may alias); returns the scale s.</summary>
    public double Quantize(ReadOnlySpan<double> u, ref Xoshiro256StarStar rng, Span<double> q)
    {
        if (q.Length != u.Length) throw new ArgumentException("q must have the length of u", nameof(q));
        double s = Scale(u);
        if (s == 0) { q.Clear(); return 0; }
        var grid = Grid(s);
        for (int i = 0; i < u.Length; i++) q[i] = grid.Quantize(u[i], ref rng);
        return s;
    }

    /// <summary>Closed-form variance Σ_i (x_i − l_j)(l_{j+1} − x_i) of the quantised vector (summed over coordinates).</summary>
    public double Variance(ReadOnlySpan<double> u)
    {
        double s = Scale(u);
        if (s == 0) return 0;
        double delta = StepSize(s), total = 0;
        int top = (1 << Bits) - 1;
        for (int i = 0; i < u.Length; i++)
        {
            int j = Math.Min((int)Math.Floor((u[i] + s) / delta), top - 1);
            double lo = -s + j * delta, hi = -s + (j + 1) * delta;
            total += Math.Max(0, (u[i] - lo) * (hi - u[i]));
        }
        return total;
    }

    /// <summary>Upper bound d·Δ²/4 of <see cref="Variance"/> that the receiver knows from the header alone.</summary>
    public double VarianceBound(int dimension, double scale)
    {
        double delta = StepSize(scale);
        return dimension * delta * delta / 4;
    }

    private UniformQuantizer Grid(double s) => new(Bits, s / (1 - Math.Pow(2, -Bits)), QuantizerMode.Stochastic);
}
