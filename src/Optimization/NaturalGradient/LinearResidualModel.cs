using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>
/// Linear least squares r(θ) = A_S θ − b_S on a row subset S of a fixed system A (m × P), b (m): with |S| = m it is the
/// full problem; with a random S of size s redrawn each step, the kernel-space natural gradient step with τ = 1 is a
/// (regularized) block Kaczmarz step and SPRING its momentum (accelerated) variant (Goldshlager, Hu &amp; Lin, arXiv 2508.21022).
/// </summary>
public sealed class LinearResidualModel : IResidualModel
{
    private readonly double[] _a, _b;
    private readonly int[] _rows, _perm;

    /// <summary>Creates the model on A (m × P, row-major) and b (length m) with batch size <paramref name="batchSize"/> (rows 0…s−1 until <see cref="Resample"/>).</summary>
    /// <exception cref="ArgumentException">Sizes do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is outside [1, m].</exception>
    public LinearResidualModel(double[] a, double[] b, int parameterCount, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Guard.AtLeast(parameterCount, 1, nameof(parameterCount));
        if (a.Length != b.Length * parameterCount) throw new ArgumentException($"A has {a.Length} entries, expected m·P = {b.Length}·{parameterCount}", nameof(a));
        Guard.InRange(batchSize, 1, b.Length, nameof(batchSize));
        _a = a;
        _b = b;
        ParameterCount = parameterCount;
        _rows = new int[batchSize];
        _perm = new int[b.Length];
        for (int i = 0; i < _perm.Length; i++) _perm[i] = i;
        for (int i = 0; i < batchSize; i++) _rows[i] = i;
    }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public int ResidualCount => _rows.Length;

    /// <summary>m, the rows of the full system.</summary>
    public int RowCount => _b.Length;

    /// <summary>Draws a new row subset S of size s uniformly without replacement (partial Fisher–Yates).</summary>
    public void Resample(ref Xoshiro256StarStar rng)
    {
        for (int i = 0; i < _rows.Length; i++)
        {
            int k = i + rng.NextInt(_perm.Length - i);
            (_perm[i], _perm[k]) = (_perm[k], _perm[i]);
            _rows[i] = _perm[i];
        }
    }

    /// <inheritdoc/>
    public void Residuals(ReadOnlySpan<double> theta, Span<double> residuals)
    {
        int p = ParameterCount;
        for (int i = 0; i < _rows.Length; i++) residuals[i] = VectorOps.Dot(_a.AsSpan(_rows[i] * p, p), theta) - _b[_rows[i]];
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> theta, Span<double> residuals, Span<double> jacobian)
    {
        int p = ParameterCount;
        Residuals(theta, residuals);
        for (int i = 0; i < _rows.Length; i++) _a.AsSpan(_rows[i] * p, p).CopyTo(jacobian.Slice(i * p, p));
    }

    /// <summary>The full residual norm ‖Aθ − b‖ over all m rows.</summary>
    public double FullResidualNorm(ReadOnlySpan<double> theta)
    {
        int p = ParameterCount;
        double s = 0;
        for (int i = 0; i < _b.Length; i++)
        {
            double r = VectorOps.Dot(_a.AsSpan(i * p, p), theta) - _b[i];
            s += r * r;
        }
        return Math.Sqrt(s);
    }
}
