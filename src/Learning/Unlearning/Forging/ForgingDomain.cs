using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// The bounded data domain D ⊂ R^d of the ε-forging set, an axis-aligned box Π_j [lower_j, upper_j] of positive volume
/// (arXiv 2509.05865 requires a bounded domain [P]; the box and its default [−2, 2]^d are [Proposed]).
/// </summary>
public sealed class ForgingDomain
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <summary>Creates the box Π_j [lower_j, upper_j].</summary>
    /// <param name="lower">Lower corners (finite).</param>
    /// <param name="upper">Upper corners (finite, each strictly above its lower corner: zero volume is refused).</param>
    public ForgingDomain(double[] lower, double[] upper)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length < 1) throw new ArgumentException("lower must have at least one entry (d ≥ 1).", nameof(lower));
        if (upper.Length != lower.Length)
            throw new ArgumentException($"upper has {upper.Length} entries; allowed: exactly lower.Length = {lower.Length}.", nameof(upper));
        for (int j = 0; j < lower.Length; j++)
        {
            Guard.Finite(lower[j], nameof(lower));
            Guard.Finite(upper[j], nameof(upper));
            if (!(upper[j] > lower[j]))
                throw new ArgumentException(
                    $"upper[{j}] = {upper[j]} is not above lower[{j}] = {lower[j]}: the forging domain would have zero volume; allowed: upper[j] > lower[j].",
                    nameof(upper));
        }
        _lower = (double[])lower.Clone();
        _upper = (double[])upper.Clone();
        double v = 1;
        for (int j = 0; j < lower.Length; j++) v *= upper[j] - lower[j];
        Volume = v;
    }

    /// <summary>The cube [−R, R]^d.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="halfWidth">R &gt; 0 (R = 0 would be a domain of zero volume); spec default 2 [Proposed].</param>
    public static ForgingDomain Box(int dimension, double halfWidth)
    {
        Guard.AtLeast(dimension, 1, nameof(dimension));
        Guard.Positive(halfWidth, nameof(halfWidth));
        var lo = new double[dimension];
        var hi = new double[dimension];
        for (int j = 0; j < dimension; j++) { lo[j] = -halfWidth; hi[j] = halfWidth; }
        return new ForgingDomain(lo, hi);
    }

    /// <summary>Dimension d.</summary>
    public int Dimension => _lower.Length;

    /// <summary>Lebesgue volume vol(D) = Π_j (upper_j − lower_j) &gt; 0.</summary>
    public double Volume { get; }

    /// <summary>Lower corner j.</summary>
    /// <param name="j">Coordinate index.</param>
    public double Lower(int j) => _lower[j];

    /// <summary>Upper corner j.</summary>
    /// <param name="j">Coordinate index.</param>
    public double Upper(int j) => _upper[j];

    /// <summary>True when z lies in the closed box.</summary>
    /// <param name="z">Point of length d.</param>
    public bool Contains(ReadOnlySpan<double> z)
    {
        for (int j = 0; j < _lower.Length; j++)
            if (z[j] < _lower[j] || z[j] > _upper[j]) return false;
        return true;
    }

    /// <summary>Clips z onto the box in place.</summary>
    /// <param name="z">Point of length d.</param>
    public void Clip(Span<double> z)
    {
        for (int j = 0; j < _lower.Length; j++) z[j] = Math.Clamp(z[j], _lower[j], _upper[j]);
    }

    /// <summary>Draws a point uniformly in D.</summary>
    /// <param name="rng">Seeded generator (advanced by d draws).</param>
    /// <param name="z">Output, length d.</param>
    public void Sample(ref Xoshiro256StarStar rng, Span<double> z)
    {
        for (int j = 0; j < _lower.Length; j++) z[j] = rng.NextDouble(_lower[j], _upper[j]);
    }

    /// <summary>Half-extent of D along the unit direction v seen from c: max over z ∈ D of |vᵀ(z − c)| [D].</summary>
    /// <param name="v">Direction, length d.</param>
    /// <param name="c">Reference point, length d.</param>
    public double HalfExtent(ReadOnlySpan<double> v, ReadOnlySpan<double> c)
    {
        double max = 0, min = 0, vc = 0;
        for (int j = 0; j < _lower.Length; j++)
        {
            double a = v[j] * _lower[j], b = v[j] * _upper[j];
            max += Math.Max(a, b);
            min += Math.Min(a, b);
            vc += v[j] * c[j];
        }
        return Math.Max(max - vc, vc - min);
    }
}
