namespace PhyToolkit.Optimization.Swarm;

/// <summary>Axis-aligned box lower_j ≤ x_j ≤ upper_j, j = 0..d−1, with finite bounds and lower_j ≤ upper_j.</summary>
public sealed class BoxBounds
{
    private readonly double[] _lower, _upper;

    /// <summary>Creates the box from per-coordinate bounds (copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or lower[j] &gt; upper[j], or the lengths differ or are 0.</exception>
    public BoxBounds(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (lower.Length == 0) throw new ArgumentOutOfRangeException(nameof(lower), lower.Length, "lower must have length >= 1.");
        if (upper.Length != lower.Length)
            throw new ArgumentOutOfRangeException(nameof(upper), upper.Length, $"upper must have the same length as lower ({lower.Length}).");
        for (int j = 0; j < lower.Length; j++)
        {
            if (!double.IsFinite(lower[j])) throw new ArgumentOutOfRangeException(nameof(lower), lower[j], $"lower[{j}] must be finite.");
            if (!double.IsFinite(upper[j])) throw new ArgumentOutOfRangeException(nameof(upper), upper[j], $"upper[{j}] must be finite.");
            if (lower[j] > upper[j])
                throw new ArgumentOutOfRangeException(nameof(lower), lower[j], $"lower[{j}] must be <= upper[{j}] = {upper[j]}.");
        }
        _lower = lower.ToArray();
        _upper = upper.ToArray();
    }

    /// <summary>The same interval [lower, upper] in every one of <paramref name="dimension"/> coordinates.</summary>
    public static BoxBounds Uniform(int dimension, double lower, double upper)
    {
        Guard.AtLeast(dimension, 1, nameof(dimension));
        var lo = new double[dimension]; var hi = new double[dimension];
        Array.Fill(lo, lower); Array.Fill(hi, upper);
        return new BoxBounds(lo, hi);
    }

    /// <summary>Number of coordinates d.</summary>
    public int Dimension => _lower.Length;

    /// <summary>Lower bounds.</summary>
    public ReadOnlySpan<double> Lower => _lower;

    /// <summary>Upper bounds.</summary>
    public ReadOnlySpan<double> Upper => _upper;

    /// <summary>True when every coordinate of <paramref name="x"/> lies in the box (NaN is outside).</summary>
    public bool Contains(ReadOnlySpan<double> x)
    {
        if (x.Length != _lower.Length) return false;
        for (int j = 0; j < x.Length; j++)
            if (!(x[j] >= _lower[j] && x[j] <= _upper[j])) return false;
        return true;
    }

    /// <summary>Clamps <paramref name="x"/> into the box in place (the Euclidean projection onto the box).</summary>
    public void Clamp(Span<double> x)
    {
        if (x.Length != _lower.Length) throw new ArgumentException($"x must have length {_lower.Length}.", nameof(x));
        for (int j = 0; j < x.Length; j++) x[j] = Math.Clamp(x[j], _lower[j], _upper[j]);
    }
}
