using System.Numerics;
using PhyToolkit.Channels.LinearAlgebra;

namespace PhyToolkit.Channels.KeyGeneration;

/// <summary>
/// Closed-form key generation rate (KGR) of multi-antenna physical-layer key generation with a downlink precoder
/// (FA-PLKG docs/fa-plkg.md; system model §1.1): Alice (M antennas) estimates ĥ_A = h + e_A with e_A ~ CN(0, σ_A²I_M); Bob
/// observes ĥ_B = Pᴴh + e_B with e_B ~ CN(0, σ_B²I_K); h ~ CN(0, R). The KGR is the Gaussian mutual information
/// I(ĥ_A; ĥ_B) in <b>bits per channel use of the reciprocal channel</b>, i.e. per probing round (one uplink probe
/// plus K downlink pilot slots in one coherence block).
/// </summary>
/// <remarks>
/// <para><b>Provenance.</b> Paper: J. Guo et al., "A Fluid Antenna Enabled Physical Layer Key Generation for Next-G
/// Wireless Networks", arXiv 2509.00018, states that a closed-form KGR is derived and that precoder and positions are
/// optimized (paper). Its body was not readable, so the probing protocol is the spec's choice (our choice, after
/// arXiv 2208.00218 / 2009.09142) and every formula here is derived in the spec (§2.1–2.5, "derived, checked");
/// the Eve-aware rate is §2.8 (derived/our choice); numerics are §2.6 (our choice).</para>
/// <para><b>Buffer layout.</b> All matrices are row-major <see cref="Complex"/> spans: the precoder P is M×K
/// (<c>P[i*K + j]</c> = antenna i, slot j), the covariance R = E[hhᴴ] is M×M Hermitian positive semi-definite
/// (possibly singular). Sizes come from the <see cref="KgrWorkspace"/>; spans must have exactly M·K or M·M entries.</para>
/// <para><b>Forms</b> (docs/fa-plkg.md, derived and checked there): joint-covariance
/// log₂(det C_A·det C_B / det C_AB); Schur (the fast default)
/// log₂det(I_K + PᴴRP/σ_B²) − log₂det(I_K + PᴴQP/σ_B²) with Q = σ_A²R(R + σ_A²I)⁻¹; Sylvester
/// log₂det(I_M + RS/σ_B²) − log₂det(I_M + QS/σ_B²) with S = PPᴴ.</para>
/// <para><b>Numerics</b> (docs/fa-plkg.md plus our choice): double precision; Cholesky log-determinants; Q from one Cholesky
/// solve of R + σ_A²I, then Hermitized. The Schur form is evaluated without subtracting two log-determinants:
/// KGR = log₂det(I + Y), Y = L_Q⁻¹·Pᴴ(R − Q)P·L_Q⁻ᴴ/σ_B², I + PᴴQP/σ_B² = L_Q·L_Qᴴ, R − Q = R(R + σ_A²I)⁻¹R, with
/// ln det(I + Y) accumulated through log1p. Measured relative accuracy from −100 dB (KGR ~ 1e-19 bit) to +100 dB: about
/// 1e-10, with a worst case of 1.3e-10 found at 60 dB for a rank-≤ 2 R with M = 32, K = 28, L = 2 (large K on an
/// ill-conditioned R); rely on 2e-10 relative. The joint-covariance and Sylvester forms lose many more digits at the
/// extremes. P = 0 gives exactly 0; singular R is fine because σ_A², σ_B² &gt; 0.</para>
/// <para><b>Input checks.</b> Wrong sizes, non-finite entries, a covariance that is not Hermitian to 1e-10·max|R_ij|
/// or whose R + σ_A²I is not positive definite throw <see cref="ArgumentException"/>. Small negative eigenvalues of R
/// (round-off, above −σ_A²) are tolerated, not corrected.</para>
/// <para>Immutable and thread-safe; all scratch lives in the caller's <see cref="KgrWorkspace"/> (one per thread).</para>
/// </remarks>
public sealed partial class KgrModel
{
    /// <summary>Lowest SNR accepted by <see cref="FromSnrDb"/>, in dB (our choice; the spec sweeps −30…60 dB).</summary>
    public const double MinSnrDb = -100;

    /// <summary>Highest SNR accepted by <see cref="FromSnrDb"/>, in dB (our choice).</summary>
    public const double MaxSnrDb = 100;

    private const double Ln2 = 0.69314718055994530942;

    /// <summary>Creates the model from noise variances and the downlink energy budget.</summary>
    /// <param name="aliceNoiseVariance">σ_A², variance per antenna of Alice's uplink estimation error, finite, in [1e-30, 1e30].</param>
    /// <param name="bobNoiseVariance">σ_B², variance per slot of Bob's downlink observation noise, finite, in [1e-30, 1e30].</param>
    /// <param name="energyBudget">E, downlink energy budget ‖P‖²_F ≤ E used by the water-filling optimum and the projection; finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range (the message names it and the range).</exception>
    public KgrModel(double aliceNoiseVariance, double bobNoiseVariance, double energyBudget)
    {
        if (!(aliceNoiseVariance >= 1e-30 && aliceNoiseVariance <= 1e30))
            throw new ArgumentOutOfRangeException(nameof(aliceNoiseVariance), aliceNoiseVariance, "aliceNoiseVariance (σ_A²) must be a finite number in [1e-30, 1e30]");
        if (!(bobNoiseVariance >= 1e-30 && bobNoiseVariance <= 1e30))
            throw new ArgumentOutOfRangeException(nameof(bobNoiseVariance), bobNoiseVariance, "bobNoiseVariance (σ_B²) must be a finite number in [1e-30, 1e30]");
        if (!(energyBudget >= 0 && double.IsFinite(energyBudget)))
            throw new ArgumentOutOfRangeException(nameof(energyBudget), energyBudget, "energyBudget (E) must be a finite number >= 0");
        AliceNoiseVariance = aliceNoiseVariance;
        BobNoiseVariance = bobNoiseVariance;
        EnergyBudget = energyBudget;
    }

    /// <summary>
    /// The spec's default parameterization (§1.4, our choice): noise σ² = 1, SNR ρ = 10^(snrDb/10), Bob's uplink pilot
    /// power equal to Alice's, so σ_A² = 1/(ρ·τ_u), σ_B² = 1 and E = K·ρ.
    /// </summary>
    /// <param name="snrDb">SNR ρ in dB, in [<see cref="MinSnrDb"/>, <see cref="MaxSnrDb"/>].</param>
    /// <param name="slots">K, number of downlink pilot slots, in [1, <see cref="KgrWorkspace.MaxDimension"/>].</param>
    /// <param name="uplinkPilotSymbols">τ_u, number of uplink pilot symbols, in [1, 1e6]; default 1 (docs/fa-plkg.md).</param>
    /// <returns>The model.</returns>
    public static KgrModel FromSnrDb(double snrDb, int slots, int uplinkPilotSymbols = 1)
    {
        if (!(snrDb >= MinSnrDb && snrDb <= MaxSnrDb))
            throw new ArgumentOutOfRangeException(nameof(snrDb), snrDb, $"snrDb must be a finite number in [{MinSnrDb}, {MaxSnrDb}] dB");
        if (slots < 1 || slots > KgrWorkspace.MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(slots), slots, $"slots (K) must be in [1, {KgrWorkspace.MaxDimension}]");
        if (uplinkPilotSymbols < 1 || uplinkPilotSymbols > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(uplinkPilotSymbols), uplinkPilotSymbols, "uplinkPilotSymbols (τ_u) must be in [1, 1000000]");
        double rho = Math.Pow(10, snrDb / 10);
        return new KgrModel(1 / (rho * uplinkPilotSymbols), 1, slots * rho);
    }

    /// <summary>σ_A²: Alice's estimation-error variance per antenna (linear, in units of the channel variance).</summary>
    public double AliceNoiseVariance { get; }

    /// <summary>σ_B²: Bob's observation-noise variance per pilot slot (linear).</summary>
    public double BobNoiseVariance { get; }

    /// <summary>E: downlink energy budget, ‖P‖²_F ≤ E (linear; = K·ρ in the spec's default).</summary>
    public double EnergyBudget { get; }

    /// <summary>
    /// KGR in bits per probing round by the Schur form (docs/fa-plkg.md, the fast default):
    /// log₂det(I_K + PᴴRP/σ_B²) − log₂det(I_K + PᴴQP/σ_B²), Q = σ_A²R(R + σ_A²I)⁻¹.
    /// </summary>
    /// <param name="precoder">P, row-major M×K, finite.</param>
    /// <param name="covariance">R, row-major M×M Hermitian PSD (may be singular).</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>KGR ≥ 0, bits per probing round.</returns>
    /// <exception cref="ArgumentException">Wrong sizes, non-finite entries, R not Hermitian or not PSD (R + σ_A²I not positive definite).</exception>
    public double Value(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, KgrWorkspace workspace)
    {
        CheckPrecoder(precoder, workspace);
        Prepare(covariance, workspace);
        return SchurCore(precoder, workspace, factorR: false) / Ln2;
    }

    /// <summary>
    /// KGR by the joint-covariance form (docs/fa-plkg.md): log₂(det C_A·det C_B / det C_AB) with C_A = R + σ_A²I_M,
    /// C_B = PᴴRP + σ_B²I_K and C_AB = [[C_A, RP], [PᴴR, C_B]]. Independent of Q; a cross-check of <see cref="Value"/>.
    /// Loses relative accuracy when the KGR is far below the log-determinants (very low SNR).
    /// </summary>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>KGR, bits per probing round.</returns>
    public double ValueJointCovariance(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, KgrWorkspace workspace)
    {
        CheckPrecoder(precoder, workspace);
        CheckCovariance(covariance, workspace, nameof(covariance));
        int m = workspace.Antennas, k = workspace.Slots, n = m + k;
        Span<Complex> rp = workspace.Mk1, bb = workspace.Kk1, j = workspace.Joint1, ca = workspace.Mm1;
        ComplexMatrix.Multiply(covariance, precoder, rp, m, m, k);
        ComplexMatrix.MultiplyAdjointLeft(precoder, rp, bb, k, m, k);
        HermitianMatrix.Hermitize(bb, k);
        for (int i = 0; i < k; i++) bb[i * k + i] += BobNoiseVariance;
        covariance.CopyTo(ca);
        for (int i = 0; i < m; i++) ca[i * m + i] += AliceNoiseVariance;
        HermitianMatrix.Hermitize(ca, m);
        for (int r = 0; r < m; r++)
        {
            for (int c = 0; c < m; c++) j[r * n + c] = ca[r * m + c];
            for (int c = 0; c < k; c++)
            {
                j[r * n + m + c] = rp[r * k + c];
                j[(m + c) * n + r] = Complex.Conjugate(rp[r * k + c]);
            }
        }
        for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++) j[(m + r) * n + m + c] = bb[r * k + c];
        double ldA = HermitianMatrix.LogDeterminant(ca, m, workspace.Mm2);
        double ldB = HermitianMatrix.LogDeterminant(bb, k, workspace.Kk2);
        double ldAB = HermitianMatrix.LogDeterminant(j.Slice(0, n * n), n, workspace.Joint2);
        return (ldA + ldB - ldAB) / Ln2;
    }

    /// <summary>
    /// KGR by the Sylvester form (docs/fa-plkg.md): log₂det(I_M + RS/σ_B²) − log₂det(I_M + QS/σ_B²), S = PPᴴ, with general
    /// (LU, partial pivoting) determinants of the non-Hermitian products. A cross-check of <see cref="Value"/>.
    /// </summary>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>KGR, bits per probing round.</returns>
    public double ValueSylvester(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, KgrWorkspace workspace)
    {
        CheckPrecoder(precoder, workspace);
        Prepare(covariance, workspace);
        int m = workspace.Antennas, k = workspace.Slots;
        Span<Complex> s = workspace.Mm1, t = workspace.Mm2.AsSpan(0, m * m);
        ComplexMatrix.MultiplyAdjointRight(precoder, precoder, s, m, k, m);
        double inv = 1 / BobNoiseVariance;
        ComplexMatrix.Multiply(workspace.CachedR, s, t, m, m, m);
        for (int i = 0; i < m * m; i++) t[i] *= inv;
        for (int i = 0; i < m; i++) t[i * m + i] += 1;
        double ldR = ComplexMatrix.LogAbsDeterminant(t, m, workspace.Joint1);
        ComplexMatrix.Multiply(workspace.Q, s, t, m, m, m);
        for (int i = 0; i < m * m; i++) t[i] *= inv;
        for (int i = 0; i < m; i++) t[i * m + i] += 1;
        double ldQ = ComplexMatrix.LogAbsDeterminant(t, m, workspace.Joint1);
        return (ldR - ldQ) / Ln2;
    }

    /// <summary>
    /// Infinite-downlink-power upper bound log₂det(I_M + R/σ_A²) in bits (docs/fa-plkg.md, derived): Alice's estimation noise
    /// limits the KGR whatever the precoder.
    /// </summary>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="workspace">Scratch sized (M, ·).</param>
    /// <returns>The bound in bits.</returns>
    public double UpperBound(ReadOnlySpan<Complex> covariance, KgrWorkspace workspace)
    {
        CheckCovariance(covariance, workspace, nameof(covariance));
        int m = workspace.Antennas;
        Span<Complex> x = workspace.Mm1;
        double inv = 1 / AliceNoiseVariance;
        for (int i = 0; i < m * m; i++) x[i] = covariance[i] * inv;
        HermitianMatrix.Hermitize(x, m);
        return HermitianMatrix.CholeskyIdentityPlus(x, m) / Ln2;
    }

    // Schur core in nats, evaluated without subtracting the two log-dets:
    //   KGR·ln2 = ln det(I + X_R) − ln det(I + X_Q) = ln det(I + Y),  Y = L_Q⁻¹·D·L_Qᴴ⁻¹,
    //   D = X_R − X_Q = Pᴴ(R − Q)P/σ_B² with R − Q = R(R + σ_A²I)⁻¹R formed directly (PSD, no cancellation),
    // where I + X_Q = L_Q·L_Qᴴ. Since I + X_R = L_Q(I + Y)L_Qᴴ, the Cholesky factor of I + X_R is L_Q·L_Y.
    // On return: Kk2 = L_Q, Kk3 = L_Y, Mk2 = Q·P, Mk4 = (R − Q)·P; with factorR also Kk1 = L_R = L_Q·L_Y and Mk1 = R·P.
    // Requires Prepare().
    private double SchurCore(ReadOnlySpan<Complex> p, KgrWorkspace ws, bool factorR)
    {
        int m = ws.Antennas, k = ws.Slots;
        double inv = 1 / BobNoiseVariance;
        Span<Complex> xq = ws.Kk2, d = ws.Kk1, y = ws.Kk3;
        ComplexMatrix.Multiply(ws.Q, p, ws.Mk2, m, m, k);
        ComplexMatrix.MultiplyAdjointLeft(p, ws.Mk2, xq, k, m, k);
        for (int i = 0; i < k * k; i++) xq[i] *= inv;
        HermitianMatrix.Hermitize(xq, k);
        HermitianMatrix.CholeskyIdentityPlus(xq, k);
        ComplexMatrix.Multiply(ws.SignalPart, p, ws.Mk4, m, m, k);
        ComplexMatrix.MultiplyAdjointLeft(p, ws.Mk4, d, k, m, k);
        for (int i = 0; i < k * k; i++) d[i] *= inv;
        HermitianMatrix.Hermitize(d, k);
        HermitianMatrix.SolveLowerTriangular(xq, k, d, k);      // Z = L_Q⁻¹·D
        ComplexMatrix.ConjugateTranspose(d, y, k, k);            // Zᴴ = D·L_Qᴴ⁻¹
        HermitianMatrix.SolveLowerTriangular(xq, k, y, k);      // Y = L_Q⁻¹·D·L_Qᴴ⁻¹
        HermitianMatrix.Hermitize(y, k);
        double nats = HermitianMatrix.CholeskyIdentityPlus(y, k);
        if (factorR)
        {
            // L_R = L_Q·L_Y (product of lower-triangular factors with positive diagonals).
            Span<Complex> lr = ws.Kk1;
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                {
                    Complex s = Complex.Zero;
                    if (j <= i)
                        for (int t = j; t <= i; t++) s += xq[i * k + t] * y[t * k + j];
                    lr[i * k + j] = s;
                }
            ComplexMatrix.Multiply(ws.CachedR, p, ws.Mk1, m, m, k);
        }
        return nats;
    }

    // Validates R, then (unless cached) stores R, the Cholesky factor of R + σ_A²I, Q = σ_A²(R + σ_A²I)⁻¹R and R − Q.
    private void Prepare(ReadOnlySpan<Complex> covariance, KgrWorkspace ws)
    {
        int m = ws.Antennas;
        if (covariance.Length != m * m)
            throw new ArgumentException($"covariance must be M×M = {m * m} entries (row-major), got {covariance.Length}", nameof(covariance));
        if (ws.CacheValid && ws.CachedAliceNoiseVariance == AliceNoiseVariance && covariance.SequenceEqual(ws.CachedR))
            return;
        ws.CacheValid = false;
        CheckCovariance(covariance, ws, nameof(covariance));
        covariance.CopyTo(ws.CachedR);
        Span<Complex> ca = ws.CholCa;
        covariance.CopyTo(ca);
        HermitianMatrix.Hermitize(ca, m);
        for (int i = 0; i < m; i++) ca[i * m + i] += AliceNoiseVariance;
        if (!HermitianMatrix.TryCholesky(ca, m))
            throw new ArgumentException("covariance must be positive semi-definite: R + σ_A²·I is not positive definite", nameof(covariance));
        // X = (R + σ_A²I)⁻¹R; Q = σ_A²X; R − Q = R·X (Hermitized).
        Span<Complex> q = ws.Q, rh = ws.Mm1;
        covariance.CopyTo(rh);
        HermitianMatrix.Hermitize(rh, m);
        rh.CopyTo(q);
        HermitianMatrix.CholeskySolve(ca, m, q, m);
        ComplexMatrix.Multiply(rh, q, ws.SignalPart, m, m, m);
        HermitianMatrix.Hermitize(ws.SignalPart, m);
        for (int i = 0; i < m * m; i++) q[i] *= AliceNoiseVariance;
        HermitianMatrix.Hermitize(q, m);
        ws.CachedAliceNoiseVariance = AliceNoiseVariance;
        ws.CacheValid = true;
    }

    private static void CheckCovariance(ReadOnlySpan<Complex> r, KgrWorkspace ws, string name)
    {
        ArgumentNullException.ThrowIfNull(ws);
        int m = ws.Antennas;
        if (r.Length != m * m)
            throw new ArgumentException($"{name} must be M×M = {m * m} entries (row-major), got {r.Length}", name);
        double maxAbs = 0;
        for (int i = 0; i < r.Length; i++)
        {
            if (!double.IsFinite(r[i].Real) || !double.IsFinite(r[i].Imaginary))
                throw new ArgumentException($"{name} has a non-finite entry at index {i}", name);
            maxAbs = Math.Max(maxAbs, Complex.Abs(r[i]));
        }
        double tol = 1e-10 * maxAbs;
        for (int i = 0; i < m; i++)
        {
            if (r[i * m + i].Real < -tol)
                throw new ArgumentException($"{name} must be positive semi-definite; diagonal entry {i} is {r[i * m + i].Real}", name);
            for (int j = i; j < m; j++)
                if (Complex.Abs(r[i * m + j] - Complex.Conjugate(r[j * m + i])) > tol)
                    throw new ArgumentException($"{name} must be Hermitian (entry ({i},{j}) differs from conj(({j},{i})) by more than 1e-10·max|R|)", name);
        }
    }

    private static void CheckPrecoder(ReadOnlySpan<Complex> p, KgrWorkspace ws)
    {
        ArgumentNullException.ThrowIfNull(ws);
        int mk = ws.Antennas * ws.Slots;
        if (p.Length != mk)
            throw new ArgumentException($"precoder must be M×K = {mk} entries (row-major), got {p.Length}", "precoder");
        for (int i = 0; i < mk; i++)
            if (!double.IsFinite(p[i].Real) || !double.IsFinite(p[i].Imaginary))
                throw new ArgumentException($"precoder has a non-finite entry at index {i}", "precoder");
    }
}
