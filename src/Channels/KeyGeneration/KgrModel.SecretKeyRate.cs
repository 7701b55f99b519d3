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
        int n = AssembleEveJoint(precoder, covariance, eveCovariance, crossCovariance, eveNoiseVariance, workspace);
        int m = workspace.Antennas, k = workspace.Slots, b0 = m, e0 = m + k;
        ReadOnlySpan<Complex> j = workspace.Joint1.AsSpan(0, n * n);
        Span<Complex> w = workspace.Joint2;
        double ldABE = SubLogDet(j, n, 0, n, 0, 0, w);
        double ldAE = SubLogDet(j, n, 0, m, e0, k, w);
        double ldBE = SubLogDet(j, n, b0, 2 * k, 0, 0, w);
        double ldE = SubLogDet(j, n, e0, k, 0, 0, w);
        return (ldAE + ldBE - ldE - ldABE) / Ln2;
    }

    /// <summary>
    /// Bob's key-generation rate, the Eve-aware secret-key rate and Eve's leakage of one design in one pass over the joint
    /// covariance of (ĥ_A, ĥ_B, ĥ_E) described at <see cref="SecretKeyRate"/> (docs/fa-plkg.md, derived):
    /// KGR = I(ĥ_A; ĥ_B) = log₂(det C_A·det C_B / det C_AB), SKR = I(ĥ_A; ĥ_B | ĥ_E) and the leakage
    /// I(ĥ_A; ĥ_E) = log₂(det C_A·det C_E / det C_AE), what Eve's observation of the precoded probes tells her about
    /// Alice's estimate, the key source. All three are ≥ 0; with R_hg = 0 the leakage is 0 and SKR = KGR.
    /// </summary>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R = E[hhᴴ], row-major M×M Hermitian PSD.</param>
    /// <param name="eveCovariance">R_g = E[ggᴴ], row-major M×M Hermitian PSD.</param>
    /// <param name="crossCovariance">R_hg = E[hgᴴ], row-major M×M; [[R, R_hg], [R_hgᴴ, R_g]] must be PSD.</param>
    /// <param name="eveNoiseVariance">σ_E², finite, in [1e-30, 1e30].</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>The three rates in bits per probing round.</returns>
    public SecrecyRates EveAwareRates(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, ReadOnlySpan<Complex> eveCovariance,
        ReadOnlySpan<Complex> crossCovariance, double eveNoiseVariance, KgrWorkspace workspace)
    {
        int n = AssembleEveJoint(precoder, covariance, eveCovariance, crossCovariance, eveNoiseVariance, workspace);
        int m = workspace.Antennas, k = workspace.Slots, b0 = m, e0 = m + k;
        ReadOnlySpan<Complex> j = workspace.Joint1.AsSpan(0, n * n);
        Span<Complex> w = workspace.Joint2;
        double ldA = SubLogDet(j, n, 0, m, 0, 0, w);
        double ldB = SubLogDet(j, n, b0, k, 0, 0, w);
        double ldE = SubLogDet(j, n, e0, k, 0, 0, w);
        double ldAB = SubLogDet(j, n, 0, m + k, 0, 0, w);
        double ldAE = SubLogDet(j, n, 0, m, e0, k, w);
        double ldBE = SubLogDet(j, n, b0, 2 * k, 0, 0, w);
        double ldABE = SubLogDet(j, n, 0, n, 0, 0, w);
        // Rounding can leave a mutual information of an independent pair a few ulps below zero.
        double kgr = Math.Max(0, (ldA + ldB - ldAB) / Ln2);
        double skr = Math.Max(0, (ldAE + ldBE - ldE - ldABE) / Ln2);
        double leak = Math.Max(0, (ldA + ldE - ldAE) / Ln2);
        return new SecrecyRates(kgr, skr, leak);
    }

    // Checks the inputs and writes the joint covariance of [ĥ_A (M); ĥ_B (K); ĥ_E (K)] into workspace.Joint1; returns its order.
    private int AssembleEveJoint(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, ReadOnlySpan<Complex> eveCovariance,
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
        return n;
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
