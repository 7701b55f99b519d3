namespace PhyToolkit.Optimization.Resurgence;

/// <summary>An exponent vector α of a monomial s^α = Π_i s_i^{α_i}, with value equality (used as a dictionary key).</summary>
public readonly struct MultiIndex : IEquatable<MultiIndex>
{
    private readonly int[] _e;

    /// <summary>An exponent vector (copied).</summary>
    public MultiIndex(ReadOnlySpan<int> exponents) => _e = exponents.ToArray();

    /// <summary>The exponents.</summary>
    public ReadOnlySpan<int> Exponents => _e;

    /// <summary>Total degree |α|.</summary>
    public int Degree => _e.Sum();

    /// <summary>Exponent-wise sum (monomial product).</summary>
    public MultiIndex Plus(MultiIndex other)
    {
        var r = new int[_e.Length];
        for (int i = 0; i < r.Length; i++) r[i] = _e[i] + other._e[i];
        return new MultiIndex(r);
    }

    /// <inheritdoc/>
    public bool Equals(MultiIndex other) => _e.AsSpan().SequenceEqual(other._e);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MultiIndex m && Equals(m);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int v in _e) h.Add(v);
        return h.ToHashCode();
    }
}
