using System.Numerics;

namespace PhyToolkit.Channels.LinearAlgebra;

/// <summary>
/// Small dense Hermitian kernels on caller-owned row-major <see cref="Span{T}"/> buffers (entry (i, j) of an n×n matrix
/// at <c>i*n + j</c>): Cholesky factorization and solves, log-determinants (with a log1p form for I + X), a pivoted
/// Cholesky for positive semi-definite matrices, and a cyclic complex Jacobi eigendecomposition. Double precision,
/// no allocation, intended for n ≤ 32 (works for any n, at O(n³) cost per call).
/// </summary>
/// <remarks>
/// Scalar reference implementations (our choice of algorithms: Cholesky–Banachiewicz, pivoted outer-product Cholesky,
/// cyclic Jacobi with the Rutishauser rotation). They are the oracle for any later vectorized version and are tested
/// against MathNet.Numerics.
/// </remarks>
public static class HermitianMatrix
{
    /// <summary>
    /// In-place Cholesky factorization A = L·Lᴴ of a Hermitian positive-definite matrix. Reads only the lower triangle
    /// (i ≥ j) of <paramref name="a"/>; on success the lower triangle holds L (real positive diagonal) and the strict
    /// upper triangle is set to zero.
    /// </summary>
    /// <param name="a">A on input, L on output (row-major n×n).</param>
    /// <param name="n">Order (≥ 0).</param>
    /// <returns><c>false</c> if a pivot is not positive and finite (A not numerically positive definite); A is then partly overwritten.</returns>
    public static bool TryCholesky(Span<Complex> a, int n)
    {
        CheckSquare(a.Length, n, nameof(a));
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j].Real;
            for (int k = 0; k < j; k++) { Complex l = a[j * n + k]; d -= l.Real * l.Real + l.Imaginary * l.Imaginary; }
            if (!(d > 0) || !double.IsFinite(d)) return false;
            double ljj = Math.Sqrt(d);
            a[j * n + j] = ljj;
            double inv = 1.0 / ljj;
            for (int i = j + 1; i < n; i++)
            {
                Complex s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * Complex.Conjugate(a[j * n + k]);
                a[i * n + j] = s * inv;
            }
            for (int i = 0; i < j; i++) a[i * n + j] = Complex.Zero;
        }
        return true;
    }

    /// <summary>
    /// In-place Cholesky factorization of I + X for a Hermitian X with I + X positive definite, returning ln det(I + X).
    /// The log-determinant is accumulated as Σ log1p(d_j − 1) with d_j − 1 formed without adding the 1, so it keeps full
    /// relative accuracy when X is tiny (low SNR). Reads only the lower triangle of X; on return the buffer holds the
    /// Cholesky factor L of I + X (lower triangle, upper zeroed).
    /// </summary>
    /// <param name="x">X on input, L (of I + X) on output, row-major n×n.</param>
    /// <param name="n">Order (≥ 0).</param>
    /// <returns>ln det(I + X) in nats.</returns>
    /// <exception cref="ArgumentException">I + X is not numerically positive definite (X has an eigenvalue ≤ −1).</exception>
    public static double CholeskyIdentityPlus(Span<Complex> x, int n)
    {
        CheckSquare(x.Length, n, nameof(x));
        double logDet = 0;
        for (int j = 0; j < n; j++)
        {
            double delta = x[j * n + j].Real;
            for (int k = 0; k < j; k++) { Complex l = x[j * n + k]; delta -= l.Real * l.Real + l.Imaginary * l.Imaginary; }
            double d = 1.0 + delta;
            if (!(d > 0) || !double.IsFinite(d))
                throw new ArgumentException($"I + X is not positive definite (pivot {j} = {d}); X must be Hermitian with eigenvalues > -1", nameof(x));
            logDet += Log1P(delta);
            double ljj = Math.Sqrt(d);
            x[j * n + j] = ljj;
            double inv = 1.0 / ljj;
            for (int i = j + 1; i < n; i++)
            {
                Complex s = x[i * n + j];
                for (int k = 0; k < j; k++) s -= x[i * n + k] * Complex.Conjugate(x[j * n + k]);
                x[i * n + j] = s * inv;
            }
            for (int i = 0; i < j; i++) x[i * n + j] = Complex.Zero;
        }
        return logDet;
    }

    /// <summary>
    /// Solves A·X = B in place given the Cholesky factor L of A (A = L·Lᴴ, from <see cref="TryCholesky"/> or
    /// <see cref="CholeskyIdentityPlus"/>). B is n×rhsCount row-major and is overwritten by X.
    /// </summary>
    /// <param name="l">Cholesky factor, row-major n×n (only the lower triangle is read).</param>
    /// <param name="n">Order.</param>
    /// <param name="b">Right-hand sides on input, solution on output (row-major n×rhsCount).</param>
    /// <param name="rhsCount">Number of right-hand-side columns (≥ 0).</param>
    public static void CholeskySolve(ReadOnlySpan<Complex> l, int n, Span<Complex> b, int rhsCount)
    {
        CheckSquare(l.Length, n, nameof(l));
        if (rhsCount < 0) throw new ArgumentOutOfRangeException(nameof(rhsCount), rhsCount, "rhsCount must be >= 0");
        if (b.Length < n * rhsCount) throw new ArgumentException($"b must hold n*rhsCount = {n * rhsCount} entries, got {b.Length}", nameof(b));
        int r = rhsCount;
        ForwardSubstitute(l, n, b, r, realDiagonal: true); // L·Y = B
        // Backward: Lᴴ·X = Y.
        for (int i = n - 1; i >= 0; i--)
        {
            Span<Complex> bi = b.Slice(i * r, r);
            for (int k = i + 1; k < n; k++)
            {
                Complex lki = Complex.Conjugate(l[k * n + i]);
                if (lki == Complex.Zero) continue;
                ReadOnlySpan<Complex> bk = b.Slice(k * r, r);
                for (int c = 0; c < r; c++) bi[c] -= lki * bk[c];
            }
            double inv = 1.0 / l[i * n + i].Real;
            for (int c = 0; c < r; c++) bi[c] *= inv;
        }
    }

    /// <summary>
    /// Forward substitution: solves L·X = B in place for a lower-triangular L with non-zero diagonal (e.g. a Cholesky
    /// factor). B is n×rhsCount row-major and is overwritten by X. Only the lower triangle of L is read.
    /// </summary>
    /// <param name="l">L, row-major n×n.</param>
    /// <param name="n">Order.</param>
    /// <param name="b">Right-hand sides on input, solution on output (row-major n×rhsCount).</param>
    /// <param name="rhsCount">Number of right-hand-side columns (≥ 0).</param>
    public static void SolveLowerTriangular(ReadOnlySpan<Complex> l, int n, Span<Complex> b, int rhsCount)
    {
        CheckSquare(l.Length, n, nameof(l));
        if (rhsCount < 0) throw new ArgumentOutOfRangeException(nameof(rhsCount), rhsCount, "rhsCount must be >= 0");
        if (b.Length < n * rhsCount) throw new ArgumentException($"b must hold n*rhsCount = {n * rhsCount} entries, got {b.Length}", nameof(b));
        ForwardSubstitute(l, n, b, rhsCount, realDiagonal: false);
    }

    // Row-oriented forward substitution L·X = B (B row-major n×r). A Cholesky factor has a real positive diagonal, so
    // its rows are scaled by 1/Re(L_ii); a general lower-triangular L divides by the complex L_ii.
    private static void ForwardSubstitute(ReadOnlySpan<Complex> l, int n, Span<Complex> b, int r, bool realDiagonal)
    {
        for (int i = 0; i < n; i++)
        {
            Span<Complex> bi = b.Slice(i * r, r);
            for (int k = 0; k < i; k++)
            {
                Complex lik = l[i * n + k];
                if (lik == Complex.Zero) continue;
                ReadOnlySpan<Complex> bk = b.Slice(k * r, r);
                for (int c = 0; c < r; c++) bi[c] -= lik * bk[c];
            }
            if (realDiagonal)
            {
                double inv = 1.0 / l[i * n + i].Real;
                for (int c = 0; c < r; c++) bi[c] *= inv;
            }
            else
            {
                Complex d = l[i * n + i];
                for (int c = 0; c < r; c++) bi[c] /= d;
            }
        }
    }

    /// <summary>ln det A of a Hermitian positive-definite matrix via Cholesky: 2·Σ ln L_jj. Reads only the lower triangle.</summary>
    /// <param name="a">A, row-major n×n.</param>
    /// <param name="n">Order (≥ 0).</param>
    /// <param name="work">Scratch of length ≥ n² (receives L).</param>
    /// <returns>ln det A (natural log).</returns>
    /// <exception cref="ArgumentException">A is not numerically positive definite.</exception>
    public static double LogDeterminant(ReadOnlySpan<Complex> a, int n, Span<Complex> work)
    {
        CheckSquare(a.Length, n, nameof(a));
        CheckSquare(work.Length, n, nameof(work));
        a.Slice(0, n * n).CopyTo(work);
        if (!TryCholesky(work, n))
            throw new ArgumentException("matrix is not Hermitian positive definite (Cholesky failed)", nameof(a));
        double s = 0;
        for (int j = 0; j < n; j++) s += Math.Log(work[j * n + j].Real);
        return 2 * s;
    }

    /// <summary>
    /// Pivoted (diagonal-pivoting, outer-product) Cholesky of a Hermitian positive semi-definite matrix:
    /// A ≈ F·Fᴴ with F n×rank, written into the first <c>rank</c> columns of the n×n row-major buffer
    /// <paramref name="factor"/> (remaining columns zeroed). Rows of F are in the original order. Stops when the largest
    /// remaining diagonal falls below <paramref name="relativeTolerance"/>·max_i A_ii, which gives the numerical rank.
    /// Useful to sample h = F·w with w ~ CN(0, I) for a singular covariance.
    /// </summary>
    /// <param name="a">A, row-major n×n, Hermitian PSD (both triangles are used).</param>
    /// <param name="n">Order (≥ 0).</param>
    /// <param name="factor">Output F, row-major n×n (column j = j-th pivot step).</param>
    /// <param name="work">Scratch of length ≥ n² (receives the Schur-complement residual).</param>
    /// <param name="relativeTolerance">Stopping threshold relative to the largest diagonal entry, in [0, 1); default 1e-12 (our choice).</param>
    /// <returns>The numerical rank.</returns>
    public static int PivotedCholesky(ReadOnlySpan<Complex> a, int n, Span<Complex> factor, Span<Complex> work, double relativeTolerance = 1e-12)
    {
        CheckSquare(a.Length, n, nameof(a));
        CheckSquare(factor.Length, n, nameof(factor));
        CheckSquare(work.Length, n, nameof(work));
        if (!(relativeTolerance >= 0 && relativeTolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "relativeTolerance must be in [0, 1)");
        a.Slice(0, n * n).CopyTo(work);
        factor.Slice(0, n * n).Clear();
        double maxDiag = 0;
        for (int i = 0; i < n; i++) maxDiag = Math.Max(maxDiag, a[i * n + i].Real);
        double threshold = relativeTolerance * maxDiag;
        int rank = 0;
        for (int step = 0; step < n; step++)
        {
            int piv = -1;
            double best = threshold;
            for (int i = 0; i < n; i++)
            {
                double d = work[i * n + i].Real;
                if (d > best) { best = d; piv = i; }
            }
            if (piv < 0 || best <= 0) break;
            double inv = 1.0 / Math.Sqrt(best);
            for (int i = 0; i < n; i++) factor[i * n + step] = work[i * n + piv] * inv;
            for (int i = 0; i < n; i++)
            {
                Complex fi = factor[i * n + step];
                if (fi == Complex.Zero) continue;
                for (int j = 0; j < n; j++) work[i * n + j] -= fi * Complex.Conjugate(factor[j * n + step]);
            }
            // The pivot row/column is now exactly eliminated; clear round-off so it is never chosen again.
            for (int i = 0; i < n; i++) { work[i * n + piv] = Complex.Zero; work[piv * n + i] = Complex.Zero; }
            rank++;
        }
        return rank;
    }

    /// <summary>
    /// Eigendecomposition A = V·diag(λ)·Vᴴ of a Hermitian matrix by the cyclic complex Jacobi method
    /// (converged to ‖off(A)‖_F ≤ 1e-15·‖A‖_F, at most 60 sweeps). Eigenvalues are returned in <b>ascending</b> order
    /// (as LAPACK and MathNet); column j of <paramref name="eigenvectors"/> (entries <c>[i*n + j]</c>) is the unit
    /// eigenvector of <c>eigenvalues[j]</c>, defined up to a unit-modulus phase. Uses both triangles of A; only the
    /// Hermitian part (A + Aᴴ)/2 is decomposed.
    /// </summary>
    /// <param name="a">A, row-major n×n.</param>
    /// <param name="n">Order (≥ 0).</param>
    /// <param name="eigenvalues">Output, length ≥ n, ascending.</param>
    /// <param name="eigenvectors">Output V, row-major n×n, unitary.</param>
    /// <param name="work">Scratch of length ≥ n².</param>
    public static void Eigen(ReadOnlySpan<Complex> a, int n, Span<double> eigenvalues, Span<Complex> eigenvectors, Span<Complex> work)
    {
        CheckSquare(a.Length, n, nameof(a));
        CheckSquare(eigenvectors.Length, n, nameof(eigenvectors));
        CheckSquare(work.Length, n, nameof(work));
        if (eigenvalues.Length < n) throw new ArgumentException($"eigenvalues must hold n = {n} entries, got {eigenvalues.Length}", nameof(eigenvalues));
        Span<Complex> w = work.Slice(0, n * n);
        Span<Complex> v = eigenvectors.Slice(0, n * n);
        double norm2 = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Complex h = 0.5 * (a[i * n + j] + Complex.Conjugate(a[j * n + i]));
                w[i * n + j] = h;
                norm2 += h.Real * h.Real + h.Imaginary * h.Imaginary;
            }
        for (int i = 0; i < n; i++) w[i * n + i] = w[i * n + i].Real;
        v.Clear();
        for (int i = 0; i < n; i++) v[i * n + i] = Complex.One;
        const double tol2 = 1e-30; // (1e-15)²
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++) { Complex z = w[p * n + q]; off += z.Real * z.Real + z.Imaginary * z.Imaginary; }
            if (off <= tol2 * norm2 || off == 0) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                    Rotate(w, v, n, p, q);
        }
        for (int i = 0; i < n; i++) eigenvalues[i] = w[i * n + i].Real;
        // Insertion sort ascending, permuting eigenvector columns alongside.
        for (int i = 1; i < n; i++)
        {
            for (int j = i; j > 0 && eigenvalues[j - 1] > eigenvalues[j]; j--)
            {
                (eigenvalues[j - 1], eigenvalues[j]) = (eigenvalues[j], eigenvalues[j - 1]);
                for (int r = 0; r < n; r++) (v[r * n + j - 1], v[r * n + j]) = (v[r * n + j], v[r * n + j - 1]);
            }
        }
    }

    /// <summary>Replaces A by its Hermitian part (A + Aᴴ)/2 in place (real diagonal).</summary>
    /// <param name="a">A, row-major n×n.</param>
    /// <param name="n">Order.</param>
    public static void Hermitize(Span<Complex> a, int n)
    {
        CheckSquare(a.Length, n, nameof(a));
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] = a[i * n + i].Real;
            for (int j = i + 1; j < n; j++)
            {
                Complex h = 0.5 * (a[i * n + j] + Complex.Conjugate(a[j * n + i]));
                a[i * n + j] = h;
                a[j * n + i] = Complex.Conjugate(h);
            }
        }
    }

    // One Jacobi rotation J (unitary) on the pair (p, q): W ← Jᴴ W J, V ← V J, with
    // J_pp = c, J_pq = s·e, J_qp = −s·conj(e), J_qq = c, e = w_pq/|w_pq|, t = s/c the smaller root of t² + 2θt − 1 = 0,
    // θ = (w_qq − w_pp)/(2|w_pq|) (Rutishauser's real rotation after removing the phase of w_pq).
    private static void Rotate(Span<Complex> w, Span<Complex> v, int n, int p, int q)
    {
        Complex apq = w[p * n + q];
        double abs = Complex.Abs(apq);
        if (abs == 0) return;
        double app = w[p * n + p].Real, aqq = w[q * n + q].Real;
        double theta = (aqq - app) / (2 * abs);
        double t = Math.Abs(theta) > 1e150
            ? 0.5 / theta
            : (theta >= 0 ? 1.0 : -1.0) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        double c = 1.0 / Math.Sqrt(t * t + 1), s = t * c;
        Complex e = apq / abs;
        Complex se = s * e, sec = s * Complex.Conjugate(e);
        for (int k = 0; k < n; k++)
        {
            Complex wkp = w[k * n + p], wkq = w[k * n + q];
            w[k * n + p] = c * wkp - sec * wkq;
            w[k * n + q] = se * wkp + c * wkq;
        }
        for (int k = 0; k < n; k++)
        {
            Complex wpk = w[p * n + k], wqk = w[q * n + k];
            w[p * n + k] = c * wpk - se * wqk;
            w[q * n + k] = sec * wpk + c * wqk;
        }
        w[p * n + q] = Complex.Zero; w[q * n + p] = Complex.Zero;
        w[p * n + p] = w[p * n + p].Real; w[q * n + q] = w[q * n + q].Real;
        for (int k = 0; k < n; k++)
        {
            Complex vkp = v[k * n + p], vkq = v[k * n + q];
            v[k * n + p] = c * vkp - sec * vkq;
            v[k * n + q] = se * vkp + c * vkq;
        }
    }

    /// <summary>log(1 + x) accurate for small |x| (Goldberg's correction; .NET's double.LogP1 is log(x + 1)).</summary>
    internal static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsInfinity(u)) return Math.Log(u);
        return Math.Log(u) * x / (u - 1.0);
    }

    private static void CheckSquare(int length, int n, string name)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0");
        if (length < n * n) throw new ArgumentException($"{name} must hold n*n = {n * n} entries, got {length}", name);
    }
}
