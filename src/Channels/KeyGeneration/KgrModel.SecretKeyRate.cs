using System.Numerics;
using PhyToolkit.Channels.LinearAlgebra;

namespace PhyToolkit.Channels.KeyGeneration;

public sealed partial class KgrModel
{
    /// <summary>
    /// Eve-aware secret-key-rate upper bound I(ĥ_A; ĥ_B | ĥ_E) in bits per probing round (docs/fa-plkg.md, derived; the
    /// paper's treatment of Eve is unknown): log₂(det C_AE·det C_BE / (det C_E·det C_ABE)), where Eve observes the
    /// downlink probes ĥ_E = Pᴴg + e_E, e_E ~ CN(0, σ_E²I_K), and each C is the joint covariance of the named estimates:
    /// C_A = R + σ_A²I, C_B = PᴴRP + σ_B²I, C_E = PᴴR_gP + σ_E²I, cov(ĥ_A, ĥ_B) = RP, cov(ĥ_A, ĥ_E) = R_hg·P,
    /// cov(ĥ_B, ĥ_E) = PᴴR_hg·P. With R_hg = 0 it equals <see cref="Value"/>.
    /// </summary>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R = E[hhᴴ], row-major M×M Hermitian PSD.</param>
    /// <param name="eveCovariance">R_g = E[ggᴴ] of Eve's channel from Alice's antennas, row-major M×M Hermitian PSD.</param>
    /// <param name="crossCovariance">R_hg = E[hgᴴ], row-major M×M; the joint covariance [[R, R_hg], [R_hgᴴ, R_g]] must be PSD.</param>
    /// <param name="eveNoiseVariance">σ_E², Eve's observation-noise variance per slot, finite, in [1e-30, 1e30].</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>The conditional mutual information, bits per probing round.</returns>
    public double SecretKeyRate(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, ReadOnlySpan<Complex> eveCovariance,
        ReadOnlySpan<Complex> crossCovariance, double eveNoiseVariance, KgrWorkspace workspace)
    {
        CheckPrecoder(precoder, workspace);
        CheckCovariance(covariance, workspace, nameof(covariance));
        CheckCovariance(eveCovariance, workspace, nameof(eveCovariance));
        int m = workspace.Antennas, k = workspace.Slots, n = m + 2 * k;
        if (crossCovariance.Length != m * m)
            throw new ArgumentException($"crossCovariance must be M×M = {m * m} entries (row-major), got {crossCovariance.Length}", nameof(crossCovariance));
        for (int i = 0; i < crossCovariance.Length; i++)
            if (!double.IsFinite(crossCovariance[i].Real) || !double.IsFinite(crossCovariance[i].Imaginary))
                throw new ArgumentException($"crossCovariance has a non-finite entry at index {i}", nameof(crossCovariance));
        if (!(eveNoiseVariance >= 1e-30 && eveNoiseVariance <= 1e30))
            throw new ArgumentOutOfRangeException(nameof(eveNoiseVariance), eveNoiseVariance, "eveNoiseVariance (σ_E²) must be a finite number in [1e-30, 1e30]");

        // Joint covariance of [ĥ_A (M); ĥ_B (K); ĥ_E (K)], order n = M + 2K.
        Span<Complex> j = workspace.Joint1.AsSpan(0, n * n);
        int b0 = m, e0 = m + k;
        for (int r = 0; r < m; r++)
            for (int c = 0; c < m; c++) j[r * n + c] = covariance[r * m + c];
        for (int r = 0; r < m; r++) j[r * n + r] += AliceNoiseVariance;
        Span<Complex> mk = workspace.Mk1, kk = workspace.Kk1;
        // A–B: R·P; B–B: PᴴRP + σ_B²I.
        ComplexMatrix.Multiply(covariance, precoder, mk, m, m, k);
        PlaceOffDiagonal(j, n, 0, b0, mk, m, k);
        ComplexMatrix.MultiplyAdjointLeft(precoder, mk, kk, k, m, k);
        PlaceBlock(j, n, b0, b0, kk, k, k, BobNoiseVariance);
        // A–E: R_hg·P; B–E: Pᴴ·R_hg·P.
        ComplexMatrix.Multiply(crossCovariance, precoder, mk, m, m, k);
        PlaceOffDiagonal(j, n, 0, e0, mk, m, k);
        ComplexMatrix.MultiplyAdjointLeft(precoder, mk, kk, k, m, k);
        PlaceOffDiagonal(j, n, b0, e0, kk, k, k);
        // E–E: PᴴR_gP + σ_E²I.
        ComplexMatrix.Multiply(eveCovariance, precoder, mk, m, m, k);
        ComplexMatrix.MultiplyAdjointLeft(precoder, mk, kk, k, m, k);
        PlaceBlock(j, n, e0, e0, kk, k, k, eveNoiseVariance);
        HermitianMatrix.Hermitize(j, n);

        Span<Complex> w = workspace.Joint2;
        double ldABE = SubLogDet(j, n, 0, n, 0, 0, w);
        double ldAE = SubLogDet(j, n, 0, m, e0, k, w);
        double ldBE = SubLogDet(j, n, b0, 2 * k, 0, 0, w);
        double ldE = SubLogDet(j, n, e0, k, 0, 0, w);
        return (ldAE + ldBE - ldE - ldABE) / Ln2;
    }

    private static void PlaceOffDiagonal(Span<Complex> j, int n, int r0, int c0, ReadOnlySpan<Complex> block, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                Complex v = block[r * cols + c];
                j[(r0 + r) * n + c0 + c] = v;
                j[(c0 + c) * n + r0 + r] = Complex.Conjugate(v);
            }
    }

    private static void PlaceBlock(Span<Complex> j, int n, int r0, int c0, ReadOnlySpan<Complex> block, int rows, int cols, double diagonal)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) j[(r0 + r) * n + c0 + c] = block[r * cols + c];
        for (int r = 0; r < rows; r++) j[(r0 + r) * n + c0 + r] += diagonal;
    }

    // ln det of the principal submatrix on index ranges [s1, s1+len1) ∪ [s2, s2+len2) (disjoint, s1 < s2).
    private static double SubLogDet(ReadOnlySpan<Complex> j, int n, int s1, int len1, int s2, int len2, Span<Complex> work)
    {
        int d = len1 + len2;
        for (int r = 0; r < d; r++)
        {
            int jr = r < len1 ? s1 + r : s2 + r - len1;
            for (int c = 0; c < d; c++)
            {
                int jc = c < len1 ? s1 + c : s2 + c - len1;
                work[r * d + c] = j[jr * n + jc];
            }
        }
        Span<Complex> a = work.Slice(0, d * d);
        if (!HermitianMatrix.TryCholesky(a, d))
            throw new ArgumentException("the joint covariance of (h, g) must be positive semi-definite: [[R, R_hg], [R_hgᴴ, R_g]] gives a non-positive-definite estimate covariance", "crossCovariance");
        double s = 0;
        for (int i = 0; i < d; i++) s += Math.Log(a[i * d + i].Real);
        return 2 * s;
    }
}
