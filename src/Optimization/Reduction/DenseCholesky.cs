namespace PhyToolkit.Optimization.Reduction;

/// <summary>Allocation-free dense Cholesky A = LLᵀ for small SPD systems (row-major).</summary>
internal static class DenseCholesky
{
    public static void Factor(ReadOnlySpan<double> a, Span<double> l, int n)
    {
        l[..(n * n)].Clear();
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (!(d > 0)) throw new ArithmeticException("matrix is not positive definite");
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

    public static void Solve(ReadOnlySpan<double> l, int n, ReadOnlySpan<double> b, Span<double> x)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * x[k];
            x[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
            x[i] = s / l[i * n + i];
        }
    }
}
