using System.Numerics;

namespace PhyToolkit.Channels.LinearAlgebra;

/// <summary>
/// Small dense complex matrix kernels on caller-owned <see cref="Span{T}"/> buffers in <b>row-major</b> order
/// (entry (i, j) of an r×c matrix is at index <c>i*c + j</c>). Scalar reference loops, no allocation, meant for
/// the per-antenna sizes of the toolkit (n ≤ 32). Output buffers must not overlap the inputs.
/// </summary>
/// <remarks>Plain textbook algorithms (our choice); a vectorized variant may replace them later with these as the oracle.</remarks>
public static class ComplexMatrix
{
    /// <summary>C = A·B with A rows×inner, B inner×cols, C rows×cols.</summary>
    /// <param name="a">A, row-major, length rows·inner.</param>
    /// <param name="b">B, row-major, length inner·cols.</param>
    /// <param name="c">Output C, row-major, length rows·cols; must not overlap A or B.</param>
    /// <param name="rows">Rows of A and C (≥ 0).</param>
    /// <param name="inner">Columns of A and rows of B (≥ 0).</param>
    /// <param name="cols">Columns of B and C (≥ 0).</param>
    public static void Multiply(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> c, int rows, int inner, int cols)
    {
        CheckSizes(a.Length, rows * inner, nameof(a), b.Length, inner * cols, nameof(b), c.Length, rows * cols, nameof(c));
        for (int i = 0; i < rows; i++)
        {
            Span<Complex> ci = c.Slice(i * cols, cols);
            ci.Clear();
            for (int l = 0; l < inner; l++)
            {
                Complex ail = a[i * inner + l];
                if (ail == Complex.Zero) continue;
                ReadOnlySpan<Complex> bl = b.Slice(l * cols, cols);
                for (int j = 0; j < cols; j++) ci[j] += ail * bl[j];
            }
        }
    }

    /// <summary>C = Aᴴ·B with A inner×rows (so Aᴴ is rows×inner), B inner×cols, C rows×cols.</summary>
    /// <param name="a">A, row-major, length inner·rows.</param>
    /// <param name="b">B, row-major, length inner·cols.</param>
    /// <param name="c">Output C, row-major, length rows·cols; must not overlap A or B.</param>
    /// <param name="rows">Columns of A = rows of C.</param>
    /// <param name="inner">Rows of A and of B.</param>
    /// <param name="cols">Columns of B and C.</param>
    public static void MultiplyAdjointLeft(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> c, int rows, int inner, int cols)
    {
        CheckSizes(a.Length, inner * rows, nameof(a), b.Length, inner * cols, nameof(b), c.Length, rows * cols, nameof(c));
        c.Slice(0, rows * cols).Clear();
        for (int l = 0; l < inner; l++)
        {
            ReadOnlySpan<Complex> al = a.Slice(l * rows, rows);
            ReadOnlySpan<Complex> bl = b.Slice(l * cols, cols);
            for (int i = 0; i < rows; i++)
            {
                Complex ali = Complex.Conjugate(al[i]);
                if (ali == Complex.Zero) continue;
                Span<Complex> ci = c.Slice(i * cols, cols);
                for (int j = 0; j < cols; j++) ci[j] += ali * bl[j];
            }
        }
    }

    /// <summary>C = A·Bᴴ with A rows×inner, B cols×inner, C rows×cols.</summary>
    /// <param name="a">A, row-major, length rows·inner.</param>
    /// <param name="b">B, row-major, length cols·inner.</param>
    /// <param name="c">Output C, row-major, length rows·cols; must not overlap A or B.</param>
    /// <param name="rows">Rows of A and C.</param>
    /// <param name="inner">Columns of A and of B.</param>
    /// <param name="cols">Rows of B = columns of C.</param>
    public static void MultiplyAdjointRight(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> c, int rows, int inner, int cols)
    {
        CheckSizes(a.Length, rows * inner, nameof(a), b.Length, cols * inner, nameof(b), c.Length, rows * cols, nameof(c));
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<Complex> ai = a.Slice(i * inner, inner);
            for (int j = 0; j < cols; j++)
            {
                ReadOnlySpan<Complex> bj = b.Slice(j * inner, inner);
                Complex s = Complex.Zero;
                for (int l = 0; l < inner; l++) s += ai[l] * Complex.Conjugate(bj[l]);
                c[i * cols + j] = s;
            }
        }
    }

    /// <summary>Writes the conjugate transpose Aᴴ (cols×rows) of A (rows×cols).</summary>
    /// <param name="a">A, row-major, length rows·cols.</param>
    /// <param name="result">Output Aᴴ, row-major, length rows·cols; must not overlap A.</param>
    /// <param name="rows">Rows of A.</param>
    /// <param name="cols">Columns of A.</param>
    public static void ConjugateTranspose(ReadOnlySpan<Complex> a, Span<Complex> result, int rows, int cols)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), "rows and cols must be >= 0");
        if (a.Length < rows * cols) throw new ArgumentException($"a must hold rows*cols = {rows * cols} entries, got {a.Length}", nameof(a));
        if (result.Length < rows * cols) throw new ArgumentException($"result must hold rows*cols = {rows * cols} entries, got {result.Length}", nameof(result));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result[j * rows + i] = Complex.Conjugate(a[i * cols + j]);
    }

    /// <summary>Frobenius inner product ⟨A, B⟩ = Σ conj(a_i)·b_i over equal-length buffers (linear in B, antilinear in A).</summary>
    /// <param name="a">First matrix (conjugated).</param>
    /// <param name="b">Second matrix; same length as <paramref name="a"/>.</param>
    /// <returns>The complex inner product.</returns>
    public static Complex InnerProduct(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"a and b must have equal length (got {a.Length} and {b.Length})", nameof(b));
        Complex s = Complex.Zero;
        for (int i = 0; i < a.Length; i++) s += Complex.Conjugate(a[i]) * b[i];
        return s;
    }

    /// <summary>Real Frobenius inner product Re⟨A, B⟩ = Σ (Re a_i Re b_i + Im a_i Im b_i).</summary>
    /// <param name="a">First matrix.</param>
    /// <param name="b">Second matrix; same length as <paramref name="a"/>.</param>
    /// <returns>Re⟨A, B⟩.</returns>
    public static double RealInnerProduct(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"a and b must have equal length (got {a.Length} and {b.Length})", nameof(b));
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i].Real * b[i].Real + a[i].Imaginary * b[i].Imaginary;
        return s;
    }

    /// <summary>Squared Frobenius norm ‖A‖²_F = Σ |a_i|².</summary>
    /// <param name="a">Matrix entries (any layout).</param>
    /// <returns>The squared norm.</returns>
    public static double FrobeniusNormSquared(ReadOnlySpan<Complex> a)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i].Real * a[i].Real + a[i].Imaginary * a[i].Imaginary;
        return s;
    }

    /// <summary>
    /// ln|det A| of a general square complex matrix by LU factorization with partial (row) pivoting.
    /// Returns <see cref="double.NegativeInfinity"/> for an exactly singular matrix.
    /// </summary>
    /// <param name="a">A, row-major n×n.</param>
    /// <param name="n">Order (≥ 0); ln|det| of the empty matrix is 0.</param>
    /// <param name="work">Scratch of length ≥ n²; overwritten with the LU factors.</param>
    /// <returns>ln|det A| (natural log).</returns>
    public static double LogAbsDeterminant(ReadOnlySpan<Complex> a, int n, Span<Complex> work)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0");
        if (a.Length < n * n) throw new ArgumentException($"a must hold n*n = {n * n} entries, got {a.Length}", nameof(a));
        if (work.Length < n * n) throw new ArgumentException($"work must hold n*n = {n * n} entries, got {work.Length}", nameof(work));
        a.Slice(0, n * n).CopyTo(work);
        double logDet = 0;
        for (int k = 0; k < n; k++)
        {
            int piv = k;
            double best = Complex.Abs(work[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Complex.Abs(work[i * n + k]);
                if (v > best) { best = v; piv = i; }
            }
            if (best == 0) return double.NegativeInfinity;
            if (piv != k)
                for (int j = 0; j < n; j++) (work[k * n + j], work[piv * n + j]) = (work[piv * n + j], work[k * n + j]);
            Complex pivot = work[k * n + k];
            logDet += Math.Log(best);
            for (int i = k + 1; i < n; i++)
            {
                Complex f = work[i * n + k] / pivot;
                if (f == Complex.Zero) continue;
                work[i * n + k] = f;
                for (int j = k + 1; j < n; j++) work[i * n + j] -= f * work[k * n + j];
            }
        }
        return logDet;
    }

    private static void CheckSizes(int la, int na, string pa, int lb, int nb, string pb, int lc, int nc, string pc)
    {
        if (na < 0 || nb < 0 || nc < 0) throw new ArgumentOutOfRangeException(pa, "matrix dimensions must be >= 0");
        if (la < na) throw new ArgumentException($"{pa} must hold {na} entries, got {la}", pa);
        if (lb < nb) throw new ArgumentException($"{pb} must hold {nb} entries, got {lb}", pb);
        if (lc < nc) throw new ArgumentException($"{pc} must hold {nc} entries, got {lc}", pc);
    }
}
