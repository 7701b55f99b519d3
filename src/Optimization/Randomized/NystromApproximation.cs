using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Randomized;

/// <summary>
/// Randomized Nyström approximation K ≈ U diag(Λ̂) Uᵀ of an N × N positive semi-definite matrix seen only through the
/// product Y = KΩ (Frangella, Tropp &amp; Udell, arXiv 2110.02820, Alg. 2.1; used for ENGD-W by Guzmán-Cordero et al.,
/// arXiv 2505.12149, Alg. 2): Ω = qr(Gaussian N×ℓ).Q; Yν = KΩ + νΩ; C = chol(ΩᵀYν); B = Yν C⁻ᵀ; B = UΣVᵀ (thin);
/// Λ̂ = max(0, Σ² − ν). The shift is ν = <c>relativeShift</c>·‖Y‖_F.
/// </summary>
/// <remarks>
/// <para>K̂ = Yν(ΩᵀYν)⁻¹Yνᵀ − νUUᵀ is exact when ℓ = N (Ω square orthogonal) or when rank K ≤ ℓ (up to round-off and ν).
/// The thin SVD of B is taken as B = QR (Householder) then R = U_R Σ V_Rᵀ, U = Q U_R. The ℓ × ℓ Cholesky factor comes from
/// <see cref="DenseCholesky"/>.</para>
/// <para>Shift: the reference code uses ν = 1e-7 or 1e-10 absolute; we use ν = 1e-12·‖Y‖_F by default (our choice, the spec's
/// proposal for double precision), which is small against K's scale whatever that scale is.</para>
/// <para>Cost: the products (2 N ℓ per column of K applied, plus the caller's KΩ), QR of Ω and of B (≈ 4Nℓ² each),
/// the ℓ × ℓ Cholesky and SVD (O(ℓ³)).</para>
/// </remarks>
public sealed class NystromApproximation
{
    /// <summary>Product Y = K·Ω for an N × ℓ matrix Ω (row-major in, row-major out).</summary>
    public delegate void KernelProduct(ReadOnlySpan<double> omega, int columns, Span<double> y);

    private NystromApproximation(int n, int rank, double[] u, double[] lambda, double shift)
    {
        N = n;
        Rank = rank;
        U = u;
        Eigenvalues = lambda;
        Shift = shift;
    }

    /// <summary>N, the order of K.</summary>
    public int N { get; }

    /// <summary>ℓ, the sketch size.</summary>
    public int Rank { get; }

    /// <summary>U (N × ℓ, row-major, orthonormal columns).</summary>
    public double[] U { get; }

    /// <summary>Λ̂ (length ℓ, non-negative, descending).</summary>
    public double[] Eigenvalues { get; }

    /// <summary>The absolute shift ν used.</summary>
    public double Shift { get; }

    /// <summary>Builds the approximation from the product <paramref name="product"/> with a Gaussian test matrix drawn from <paramref name="rng"/>.</summary>
    /// <param name="product">Y = KΩ.</param>
    /// <param name="n">Order N ≥ 1.</param>
    /// <param name="rank">Sketch size 1 ≤ ℓ ≤ N.</param>
    /// <param name="rng">Seeded generator for Ω.</param>
    /// <param name="relativeShift">ν/‖Y‖_F ≥ 0 (default 1e-12, our choice).</param>
    /// <exception cref="ArgumentOutOfRangeException">ℓ outside [1, N], N &lt; 1 or a negative shift.</exception>
    public static NystromApproximation Build(KernelProduct product, int n, int rank, ref Xoshiro256StarStar rng, double relativeShift = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(product);
        Guard.AtLeast(n, 1, nameof(n));
        if (rank < 1 || rank > n) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"sketch size ℓ must be in [1, N = {n}]");
        Guard.NonNegative(Guard.Finite(relativeShift, nameof(relativeShift)), nameof(relativeShift));
        int l = rank;

        // Ω = qr(Gaussian).Q (orthonormal test matrix).
        var g = Matrix<double>.Build.Dense(n, l);
        for (int i = 0; i < n; i++)
            for (int c = 0; c < l; c++) g[i, c] = rng.NextGaussian();
        var omega = g.QR(QRMethod.Thin).Q;
        var omegaRows = omega.ToRowMajorArray();

        // Y = KΩ; Yν = Y + νΩ.
        var y = new double[n * l];
        product(omegaRows, l, y);
        double fro = Math.Sqrt(VectorOps.Dot(y, y));
        double nu = relativeShift * fro;
        if (nu == 0) nu = double.Epsilon;
        for (int i = 0; i < y.Length; i++) y[i] += nu * omegaRows[i];

        // C = chol(Ωᵀ Yν) (ℓ × ℓ, symmetrized against round-off).
        var m = new double[l * l];
        for (int a = 0; a < l; a++)
            for (int b = 0; b < l; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += omegaRows[i * l + a] * y[i * l + b];
                m[a * l + b] = s;
            }
        for (int a = 0; a < l; a++)
            for (int b = 0; b < a; b++) { double s = 0.5 * (m[a * l + b] + m[b * l + a]); m[a * l + b] = s; m[b * l + a] = s; }
        DenseCholesky.FactorInPlace(m, l);

        // B = Yν C⁻ᵀ: each row y_i solves L bᵢ = yᵢ (forward substitution with the lower factor).
        var bMat = Matrix<double>.Build.Dense(n, l);
        var row = new double[l];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < l; a++)
            {
                double s = y[i * l + a];
                for (int k = 0; k < a; k++) s -= m[a * l + k] * row[k];
                row[a] = s / m[a * l + a];
            }
            for (int a = 0; a < l; a++) bMat[i, a] = row[a];
        }

        // Thin SVD of B: B = QR, R = U_R Σ V_Rᵀ, U = Q U_R.
        var qr = bMat.QR(QRMethod.Thin);
        var svd = qr.R.Svd(computeVectors: true);
        var u = (qr.Q * svd.U).ToRowMajorArray();
        var lambda = new double[l];
        for (int a = 0; a < l; a++) lambda[a] = Math.Max(0, svd.S[a] * svd.S[a] - nu);
        return new NystromApproximation(n, l, u, lambda, nu);
    }

    /// <summary>
    /// x = (UΛ̂Uᵀ + λI)⁻¹v = U diag(1/(Λ̂ + λ)) Uᵀv + (v − UUᵀv)/λ (exact inverse of the damped approximation).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is not positive.</exception>
    public void SolveDamped(double damping, ReadOnlySpan<double> v, Span<double> x)
    {
        Guard.Positive(Guard.Finite(damping, nameof(damping)), nameof(damping));
        int n = N, l = Rank;
        Span<double> c = l <= 512 ? stackalloc double[l] : new double[l];
        c.Clear();
        for (int i = 0; i < n; i++)
        {
            double vi = v[i];
            for (int a = 0; a < l; a++) c[a] += U[i * l + a] * vi;
        }
        for (int i = 0; i < n; i++)
        {
            double proj = 0, scaled = 0;
            for (int a = 0; a < l; a++)
            {
                double ua = U[i * l + a];
                proj += ua * c[a];
                scaled += ua * c[a] / (Eigenvalues[a] + damping);
            }
            x[i] = scaled + (v[i] - proj) / damping;
        }
    }

    /// <summary>Writes K̂ = U diag(Λ̂) Uᵀ (N × N, row-major).</summary>
    public void Reconstruct(Span<double> k)
    {
        int n = N, l = Rank;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int a = 0; a < l; a++) s += U[i * l + a] * Eigenvalues[a] * U[j * l + a];
                k[i * n + j] = s;
            }
    }

    /// <summary>Approximate flop count of <see cref="Build"/> without the caller's product: 2·(4Nℓ²) for the two QRs, 2Nℓ² for ΩᵀYν, Nℓ² for the triangular solves, 2Nℓ² for Q·U_R and ≈ 12ℓ³ for the SVD.</summary>
    public static double BuildFlops(int n, int rank) => 13.0 * n * rank * rank + 12.0 * rank * (double)rank * rank;

    /// <summary>Flop count of <see cref="SolveDamped"/>: ≈ 6Nℓ.</summary>
    public static double SolveFlops(int n, int rank) => 6.0 * n * rank;
}
