using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Hebbian;

/// <summary>Small row-major matrix kernels shared by the online learners (no allocation in the per-sample path).</summary>
internal static class DenseKernels
{
    /// <summary>y = A x for A (rows × cols).</summary>
    public static void MatVec(ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            var row = a.Slice(i * cols, cols);
            for (int j = 0; j < cols; j++) s += row[j] * x[j];
            y[i] = s;
        }
    }

    /// <summary>y = Aᵀ x for A (rows × cols).</summary>
    public static void MatTVec(ReadOnlySpan<double> a, int rows, int cols, ReadOnlySpan<double> x, Span<double> y)
    {
        y[..cols].Clear();
        for (int i = 0; i < rows; i++)
        {
            double xi = x[i];
            var row = a.Slice(i * cols, cols);
            for (int j = 0; j < cols; j++) y[j] += row[j] * xi;
        }
    }

    /// <summary>A += α u vᵀ for A (u.Length × v.Length).</summary>
    public static void AddOuter(Span<double> a, double alpha, ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int cols = v.Length;
        for (int i = 0; i < u.Length; i++)
        {
            double s = alpha * u[i];
            var row = a.Slice(i * cols, cols);
            for (int j = 0; j < cols; j++) row[j] += s * v[j];
        }
    }

    /// <summary>Entries of <paramref name="a"/> i.i.d. N(0, sd²).</summary>
    public static void FillGaussian(Span<double> a, double sd, ref Xoshiro256StarStar rng)
    {
        for (int i = 0; i < a.Length; i++) a[i] = sd * rng.NextGaussian();
    }

    /// <summary>A += sd·Ξ with Ξ i.i.d. N(0, 1) (synaptic noise); nothing when sd = 0.</summary>
    public static void AddGaussian(Span<double> a, double sd, ref Xoshiro256StarStar rng)
    {
        if (sd == 0) return;
        for (int i = 0; i < a.Length; i++) a[i] += sd * rng.NextGaussian();
    }

    /// <summary>Solves A z = b for square A (m × m) by Gaussian elimination with partial pivoting; <paramref name="lu"/> is scratch (m²).</summary>
    /// <exception cref="InvalidOperationException">A is singular to working precision.</exception>
    public static void Solve(ReadOnlySpan<double> a, int m, ReadOnlySpan<double> b, Span<double> z, Span<double> lu)
    {
        a[..(m * m)].CopyTo(lu);
        b[..m].CopyTo(z);
        for (int k = 0; k < m; k++)
        {
            int p = k;
            for (int i = k + 1; i < m; i++) if (Math.Abs(lu[i * m + k]) > Math.Abs(lu[p * m + k])) p = i;
            if (!(Math.Abs(lu[p * m + k]) > 1e-300)) throw new InvalidOperationException("the lateral matrix M became singular; lower the learning rate");
            if (p != k)
            {
                for (int j = 0; j < m; j++) (lu[k * m + j], lu[p * m + j]) = (lu[p * m + j], lu[k * m + j]);
                (z[k], z[p]) = (z[p], z[k]);
            }
            for (int i = k + 1; i < m; i++)
            {
                double f = lu[i * m + k] / lu[k * m + k];
                for (int j = k; j < m; j++) lu[i * m + j] -= f * lu[k * m + j];
                z[i] -= f * z[k];
            }
        }
        for (int i = m - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int j = i + 1; j < m; j++) s -= lu[i * m + j] * z[j];
            z[i] = s / lu[i * m + i];
        }
    }
}
