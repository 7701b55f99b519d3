namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Closed-form minimisation of a split objective over its first block: x1 ← argmin_{x1} f(x1, x2). Used by the alternating
/// minimisation baseline of docs/optim-reduction.md ([proposal]) where such a closed form exists.
/// </summary>
public interface IBlockMinimizer
{
    /// <summary>n1, the dimension of x1.</summary>
    int N1 { get; }

    /// <summary>n2, the dimension of x2.</summary>
    int N2 { get; }

    /// <summary>Writes argmin_{x1} f(x1, x2) into <paramref name="x1"/> (length n1).</summary>
    /// <exception cref="ArithmeticException">The block problem is degenerate at <paramref name="x2"/>.</exception>
    void MinimizeFirstBlock(ReadOnlySpan<double> x2, Span<double> x1);
}
