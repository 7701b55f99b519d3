using System.Numerics;
using PhyToolkit.Channels.LinearAlgebra;

namespace PhyToolkit.Channels.KeyGeneration;

public sealed partial class KgrModel
{
    /// <summary>
    /// KGR (bits) and its Wirtinger gradient with respect to the conjugate precoder (docs/fa-plkg.md, derived and checked):
    /// ∂KGR/∂P* = (R·P·A_R − Q·P·A_Q) / (σ_B² ln 2), A_R = (I_K + PᴴRP/σ_B²)⁻¹, A_Q = (I_K + PᴴQP/σ_B²)⁻¹.
    /// </summary>
    /// <remarks>
    /// Convention: for a perturbation dP, dKGR = 2·Re Σ_ij conj(G_ij)·dP_ij with G = ∂KGR/∂P*; i.e. the real gradient
    /// with respect to Re P_ij is 2·Re G_ij and with respect to Im P_ij is 2·Im G_ij
    /// (∂/∂Re P + j·∂/∂Im P = 2·∂/∂P*). The ascent step is P ← P + μ·G (docs/fa-plkg.md).
    /// </remarks>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="gradient">Output G = ∂KGR/∂P*, row-major M×K, bits per unit of P*.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>KGR, bits per probing round.</returns>
    public double PrecoderGradient(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, Span<Complex> gradient, KgrWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        RequireLength(gradient, workspace.Antennas * workspace.Slots, nameof(gradient), "M×K");
        return Gradients(precoder, covariance, gradient, Span<Complex>.Empty, workspace);
    }

    /// <summary>
    /// KGR (bits) and Γ of docs/fa-plkg.md (derived and checked): the Hermitian M×M matrix with dKGR = tr(Γ·dR)/ln 2
    /// (KGR in bits), Γ = G_R − σ_A⁴·T·G_Q·T, G_R = P·A_R·Pᴴ/σ_B², G_Q = P·A_Q·Pᴴ/σ_B², T = (R + σ_A²I)⁻¹.
    /// Γ is the sensitivity in nats: d(KGR·ln 2) = tr(Γ·dR).
    /// </summary>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="gamma">Output Γ, row-major M×M Hermitian.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>KGR, bits per probing round.</returns>
    public double Gamma(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, Span<Complex> gamma, KgrWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        RequireLength(gamma, workspace.Antennas * workspace.Antennas, nameof(gamma), "M×M");
        double value = Gradients(precoder, covariance, Span<Complex>.Empty, gamma, workspace);
        for (int i = 0; i < gamma.Length; i++) gamma[i] *= Ln2;
        return value;
    }

    /// <summary>
    /// KGR (bits) and its gradient with respect to the covariance, G = Γ/ln 2 (Hermitian M×M, bits per unit of R),
    /// in the Frobenius convention: for any Hermitian perturbation dR, dKGR = Re Σ_ij conj(G_ij)·dR_ij = tr(G·dR).
    /// </summary>
    /// <remarks>
    /// Chain rules (derived from docs/fa-plkg.md–e): for a real parameter θ (an antenna coordinate),
    /// ∂KGR/∂θ = <see cref="ComplexMatrix.RealInnerProduct"/>(G, ∂R/∂θ); with R_mm independent of positions this is
    /// the spec's 2·Re Σ_(n≠m) Γ_nm ∂R_mn/∂t_m / ln 2. For a complex parameter z with R(z, z*) (an RIS phase),
    /// the Wirtinger derivative is ∂KGR/∂z* = <see cref="ComplexMatrix.InnerProduct"/>(G, ∂R/∂z*) = Σ_ij conj(G_ij)·∂R_ij/∂z*.
    /// </remarks>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="gradient">Output G = ∂KGR/∂R, row-major M×M Hermitian.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>KGR, bits per probing round.</returns>
    public double CovarianceGradient(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, Span<Complex> gradient, KgrWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        RequireLength(gradient, workspace.Antennas * workspace.Antennas, nameof(gradient), "M×M");
        return Gradients(precoder, covariance, Span<Complex>.Empty, gradient, workspace);
    }

    /// <summary>
    /// KGR (bits) and, in one pass, the precoder gradient ∂KGR/∂P* (as <see cref="PrecoderGradient"/>) and/or the
    /// covariance gradient G = ∂KGR/∂R (as <see cref="CovarianceGradient"/>). Pass an empty span to skip either.
    /// </summary>
    /// <param name="precoder">P, row-major M×K.</param>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="precoderGradient">Output ∂KGR/∂P*, M×K, or empty. Output buffers must not overlap the inputs.</param>
    /// <param name="covarianceGradient">Output ∂KGR/∂R = Γ/ln 2, M×M, or empty.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>KGR, bits per probing round.</returns>
    public double Gradients(ReadOnlySpan<Complex> precoder, ReadOnlySpan<Complex> covariance, Span<Complex> precoderGradient,
        Span<Complex> covarianceGradient, KgrWorkspace workspace)
    {
        CheckPrecoder(precoder, workspace);
        int m = workspace.Antennas, k = workspace.Slots;
        if (!precoderGradient.IsEmpty && precoderGradient.Length != m * k)
            throw new ArgumentException($"precoderGradient must be M×K = {m * k} entries or empty, got {precoderGradient.Length}", nameof(precoderGradient));
        if (!covarianceGradient.IsEmpty && covarianceGradient.Length != m * m)
            throw new ArgumentException($"covarianceGradient must be M×M = {m * m} entries or empty, got {covarianceGradient.Length}", nameof(covarianceGradient));
        Prepare(covariance, workspace);
        double nats = SchurCore(precoder, workspace, factorR: true);
        double invB = 1 / BobNoiseVariance;
        Span<Complex> lr = workspace.Kk1, lq = workspace.Kk2, y1 = workspace.Km1, y2 = workspace.Km2;

        if (!precoderGradient.IsEmpty)
        {
            // A_R·Pᴴ·R = solve(I + X_R, (RP)ᴴ); R·P·A_R is its conjugate transpose (A_R Hermitian). Same for Q.
            ComplexMatrix.ConjugateTranspose(workspace.Mk1, y1, m, k);
            HermitianMatrix.CholeskySolve(lr, k, y1, m);
            ComplexMatrix.ConjugateTranspose(workspace.Mk2, y2, m, k);
            HermitianMatrix.CholeskySolve(lq, k, y2, m);
            double scale = invB / Ln2;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < k; j++)
                    precoderGradient[i * k + j] = Complex.Conjugate(y1[j * m + i] - y2[j * m + i]) * scale;
        }

        if (!covarianceGradient.IsEmpty)
        {
            // G_R = P·(A_R·Pᴴ)/σ_B².
            ComplexMatrix.ConjugateTranspose(precoder, y1, m, k);
            HermitianMatrix.CholeskySolve(lr, k, y1, m);
            ComplexMatrix.Multiply(precoder, y1, covarianceGradient, m, k, m);
            // T·G_Q·T = V·(A_Q·Vᴴ)/σ_B² with V = T·P.
            Span<Complex> v = workspace.Mk3;
            precoder.CopyTo(v);
            HermitianMatrix.CholeskySolve(workspace.CholCa, m, v, k);
            ComplexMatrix.ConjugateTranspose(v, y2, m, k);
            HermitianMatrix.CholeskySolve(lq, k, y2, m);
            Span<Complex> tgt = workspace.Mm1;
            ComplexMatrix.Multiply(v, y2, tgt, m, k, m);
            double s4 = AliceNoiseVariance * AliceNoiseVariance;
            double scale = invB / Ln2;
            for (int i = 0; i < m * m; i++) covarianceGradient[i] = (covarianceGradient[i] - s4 * tgt[i]) * scale;
            HermitianMatrix.Hermitize(covarianceGradient, m);
        }
        return nats / Ln2;
    }

    private static void RequireLength(Span<Complex> buffer, int length, string name, string shape)
    {
        if (buffer.Length != length)
            throw new ArgumentException($"{name} must be {shape} = {length} entries (row-major), got {buffer.Length}", name);
    }
}
