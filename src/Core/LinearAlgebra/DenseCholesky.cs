namespace PhyToolkit.Core.LinearAlgebra;

/// <summary>
/// Allocation-free dense Cholesky factorisation A = L·Lᵀ of a small symmetric positive-definite matrix (row-major,
/// n×n, Cholesky–Crout column order) and the two triangular solves. The in-place and the out-of-place forms perform
/// the same operations in the same order, so they give identical bits.
/// </summary>
public static class DenseCholesky
{
    /// <summary>Writes the lower factor L of <paramref name="a"/> into <paramref name="l"/> (upper triangle zeroed).</summary>
    /// <exception cref="ArithmeticException">A pivot is not positive (A is not positive definite).</exception>
    public static void Factor(ReadOnlySpan<double> a, Span<double> l, int n)
    {
        l[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (!(d > 0)) throw new ArithmeticException($"matrix is not positive definite (pivot {j} = {d})");
            double ljj = Math.Sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / ljj;
            }
        }
    }

    /// <summary>Overwrites the lower triangle of <paramref name="m"/> with L (the strict upper triangle is left as it was).</summary>
    /// <exception cref="ArithmeticException">A pivot is not positive (the matrix is not positive definite).</exception>
    public static void FactorInPlace(Span<double> m, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = m[j * n + j];
            for (int k = 0; k < j; k++) d -= m[j * n + k] * m[j * n + k];
            if (!(d > 0)) throw new ArithmeticException($"matrix is not positive definite (pivot {j} = {d})");
            double ljj = Math.Sqrt(d);
            m[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = m[i * n + j];
                for (int k = 0; k < j; k++) s -= m[i * n + k] * m[j * n + k];
                m[i * n + j] = s / ljj;
            }
        }
    }

    /// <summary>Solves L·Lᵀ·x = b by forward then back substitution, reading only the lower triangle of <paramref name="l"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, ReadOnlySpan<double> b, Span<double> x)
    {
        b[..n].CopyTo(x);
        SolveInPlace(l, n, x);
    }

    /// <summary>Solves L·Lᵀ·x = b in place (<paramref name="b"/> becomes x).</summary>
    public static void SolveInPlace(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }
}
