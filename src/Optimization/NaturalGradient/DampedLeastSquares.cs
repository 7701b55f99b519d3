namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>
/// The dense products and the two damped Gauss–Newton solves of the energy natural gradient, on row-major spans:
/// parameter space d = (JᵀJ + λI_P)⁻¹Jᵀv (dense ENGD, O(NP² + P³)) and kernel space d = Jᵀ(JJᵀ + λI_N)⁻¹v (ENGD-W,
/// O(N²P + N³)). The two agree for λ &gt; 0 by the push-through (Woodbury) identity
/// (JᵀJ + λI)⁻¹Jᵀ = Jᵀ(JJᵀ + λI)⁻¹ (arXiv 2505.12149, Sec. 3).
/// </summary>
/// <remarks>Sums run left to right in a fixed order, so results do not depend on the thread count. Cholesky factors come
/// from <see cref="DenseCholesky"/>.</remarks>
public static class DampedLeastSquares
{
    /// <summary>K = JJᵀ (N × N, both triangles written). Cost ≈ N(N+1)P flops (one triangle, multiply + add).</summary>
    public static void Kernel(ReadOnlySpan<double> j, int n, int p, Span<double> k)
    {
        for (int a = 0; a < n; a++)
        {
            var ja = j.Slice(a * p, p);
            for (int b = 0; b <= a; b++)
            {
                double s = VectorOps.Dot(ja, j.Slice(b * p, p));
                k[a * n + b] = s;
                k[b * n + a] = s;
            }
        }
    }

    /// <summary>G = JᵀJ (P × P, both triangles written), accumulated row by row of J.</summary>
    public static void Gram(ReadOnlySpan<double> j, int n, int p, Span<double> g)
    {
        g[..(p * p)].Clear();
        for (int a = 0; a < n; a++)
        {
            var ja = j.Slice(a * p, p);
            for (int i = 0; i < p; i++)
            {
                double v = ja[i];
                if (v == 0) continue;
                var gi = g.Slice(i * p, p);
                for (int c = i; c < p; c++) gi[c] += v * ja[c];
            }
        }
        for (int i = 0; i < p; i++)
            for (int c = i + 1; c < p; c++) g[c * p + i] = g[i * p + c];
    }

    /// <summary>y = J x (x ∈ ℝᴾ, y ∈ ℝᴺ).</summary>
    public static void Multiply(ReadOnlySpan<double> j, int n, int p, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int a = 0; a < n; a++) y[a] = VectorOps.Dot(j.Slice(a * p, p), x);
    }

    /// <summary>y = Jᵀ z (z ∈ ℝᴺ, y ∈ ℝᴾ), accumulated row by row.</summary>
    public static void MultiplyTransposed(ReadOnlySpan<double> j, int n, int p, ReadOnlySpan<double> z, Span<double> y)
    {
        y[..p].Clear();
        for (int a = 0; a < n; a++)
        {
            double za = z[a];
            if (za == 0) continue;
            var ja = j.Slice(a * p, p);
            for (int i = 0; i < p; i++) y[i] += za * ja[i];
        }
    }

    /// <summary>
    /// Kernel-space step d = Jᵀ(JJᵀ + λI_N)⁻¹v (ENGD-W, arXiv 2505.12149). <paramref name="work"/> needs N² + N values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is not positive and finite.</exception>
    public static void KernelSpaceSolve(ReadOnlySpan<double> j, int n, int p, ReadOnlySpan<double> v, double damping, Span<double> d, Span<double> work)
    {
        Guard.Positive(Guard.Finite(damping, nameof(damping)), nameof(damping));
        var k = work[..(n * n)];
        var z = work.Slice(n * n, n);
        Kernel(j, n, p, k);
        for (int i = 0; i < n; i++) k[i * n + i] += damping;
        DenseCholesky.FactorInPlace(k, n);
        v[..n].CopyTo(z);
        DenseCholesky.SolveInPlace(k, n, z);
        MultiplyTransposed(j, n, p, z, d);
    }

    /// <summary>
    /// Parameter-space step d = (JᵀJ + λI_P)⁻¹Jᵀv (dense ENGD, Müller &amp; Zeinhofer 2023). <paramref name="work"/> needs P² values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is not positive and finite.</exception>
    public static void ParameterSpaceSolve(ReadOnlySpan<double> j, int n, int p, ReadOnlySpan<double> v, double damping, Span<double> d, Span<double> work)
    {
        Guard.Positive(Guard.Finite(damping, nameof(damping)), nameof(damping));
        var g = work[..(p * p)];
        Gram(j, n, p, g);
        for (int i = 0; i < p; i++) g[i * p + i] += damping;
        DenseCholesky.FactorInPlace(g, p);
        MultiplyTransposed(j, n, p, v, d);
        DenseCholesky.SolveInPlace(g, p, d);
    }

    /// <summary>Flop count (multiply + add = 2) of <see cref="KernelSpaceSolve"/>: N(N+1)P + N³/3 + 2N² + 2NP.</summary>
    public static double KernelSpaceFlops(int n, int p) => (double)n * (n + 1) * p + n * (double)n * n / 3 + 2.0 * n * n + 2.0 * n * p;

    /// <summary>Flop count of <see cref="ParameterSpaceSolve"/>: NP(P+1) + P³/3 + 2P² + 2NP.</summary>
    public static double ParameterSpaceFlops(int n, int p) => (double)n * p * (p + 1) + p * (double)p * p / 3 + 2.0 * p * p + 2.0 * n * p;
}
