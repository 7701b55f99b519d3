using System.Numerics;

namespace PhyToolkit.Channels.Correlation;

/// <summary>
/// Effective covariance of the RIS-assisted channel (docs/fa-plkg.md [C], gradient §2.5(e) [D]):
/// <c>h = h_d + H_AR Φ h_r</c> with <c>h_d ~ CN(0, β_d R_d)</c>, <c>h_r ~ CN(0, β_r R_r)</c> independent, deterministic
/// <c>H_AR ∈ ℂ^{M×N}</c> and <c>Φ = diag(φ)</c>, giving
/// <c>R_eff(φ) = β_d R_d + β_r H_AR Φ R_r Φᴴ H_ARᴴ</c> (M×M Hermitian PSD).
/// Spec defaults: β_d = 0.1, β_r = 1, N = 16, |φ_n| = 1.
/// </summary>
/// <remarks>
/// <para>Gradient convention as <see cref="SpatialCorrelationExtensions"/>: f real, <c>df = Re tr(G dR_eff)</c>
/// (G = Γ/ln 2 from docs/fa-plkg.md(b) for the KGR in bits). Then the Wirtinger gradient is
/// <c>∂f/∂φ* = β_r [(H_ARᴴ G_h H_AR) ∘ R_rᵀ] φ</c> with <c>G_h = (G + Gᴴ)/2</c> (= G for Hermitian G; docs/fa-plkg.md(e)),
/// and <c>df = 2 Re Σ_n conj(∂f/∂φ_n*) dφ_n</c>.</para>
/// <para>Inputs are copied. Instances hold scratch buffers: not thread-safe; use one per worker.</para>
/// </remarks>
public sealed class RisEffectiveCovariance
{
    private readonly int _m, _n;
    private readonly Complex[] _rd, _h, _rr;
    private readonly Complex[] _c, _t, _b; // N×N, M×N, N×N scratch

    /// <summary>Creates the model.</summary>
    /// <param name="antennaCount">M ≥ 1 (Alice's antennas).</param>
    /// <param name="elementCount">N ≥ 1 (RIS elements).</param>
    /// <param name="directCovariance">R_d, M×M row-major (Hermitian PSD; e.g. a <see cref="FieldResponseCovariance"/> at the UPA).</param>
    /// <param name="directGain">β_d ≥ 0, finite (spec default 0.1).</param>
    /// <param name="risToAlice">H_AR, M×N row-major.</param>
    /// <param name="risCovariance">R_r, N×N row-major (Hermitian PSD).</param>
    /// <param name="risGain">β_r ≥ 0, finite (spec default 1).</param>
    /// <exception cref="ArgumentException">Wrong lengths, non-finite entries, or negative gains.</exception>
    public RisEffectiveCovariance(int antennaCount, int elementCount, ReadOnlySpan<Complex> directCovariance, double directGain,
        ReadOnlySpan<Complex> risToAlice, ReadOnlySpan<Complex> risCovariance, double risGain)
    {
        if (antennaCount < 1) throw new ArgumentOutOfRangeException(nameof(antennaCount), antennaCount, "M must be ≥ 1");
        if (elementCount < 1) throw new ArgumentOutOfRangeException(nameof(elementCount), elementCount, "N must be ≥ 1");
        CheckMatrix(directCovariance, antennaCount * antennaCount, nameof(directCovariance));
        CheckMatrix(risToAlice, antennaCount * elementCount, nameof(risToAlice));
        CheckMatrix(risCovariance, elementCount * elementCount, nameof(risCovariance));
        if (!double.IsFinite(directGain) || directGain < 0) throw new ArgumentOutOfRangeException(nameof(directGain), directGain, "β_d must be a finite number ≥ 0");
        if (!double.IsFinite(risGain) || risGain < 0) throw new ArgumentOutOfRangeException(nameof(risGain), risGain, "β_r must be a finite number ≥ 0");
        _m = antennaCount; _n = elementCount;
        _rd = directCovariance.ToArray(); _h = risToAlice.ToArray(); _rr = risCovariance.ToArray();
        DirectGain = directGain; RisGain = risGain;
        _c = new Complex[_n * _n]; _t = new Complex[_m * _n]; _b = new Complex[_n * _n];
    }

    /// <summary>M, the number of Alice's antennas.</summary>
    public int AntennaCount => _m;

    /// <summary>N, the number of RIS elements.</summary>
    public int ElementCount => _n;

    /// <summary>β_d, the direct-link gain.</summary>
    public double DirectGain { get; }

    /// <summary>β_r, the RIS-link gain.</summary>
    public double RisGain { get; }

    /// <summary>Fills <c>R_eff(φ)</c> (M×M row-major). Cost O(MN² + M²N).</summary>
    /// <param name="phases">φ, length N (complex reflection coefficients; any modulus is accepted).</param>
    /// <param name="covariance">Output, length M².</param>
    public void Evaluate(ReadOnlySpan<Complex> phases, Span<Complex> covariance)
    {
        CheckPhases(phases);
        if (covariance.Length != _m * _m) throw new ArgumentException($"covariance must have length M² = {_m * _m}", nameof(covariance));
        // c = Φ R_r Φᴴ ; t = H c ; R = β_d R_d + β_r t Hᴴ
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < _n; j++) _c[i * _n + j] = phases[i] * _rr[i * _n + j] * Complex.Conjugate(phases[j]);
        MultiplyHC(_c);
        for (int a = 0; a < _m; a++)
            for (int b = 0; b < _m; b++)
            {
                Complex s = Complex.Zero;
                for (int j = 0; j < _n; j++) s += _t[a * _n + j] * Complex.Conjugate(_h[b * _n + j]);
                covariance[a * _m + b] = DirectGain * _rd[a * _m + b] + RisGain * s;
            }
    }

    /// <summary>
    /// E[tr R_eff(φ)] over independent phases uniform on the unit circle (the average channel gain of the RIS link with
    /// random phases) [D]: E[φ_i φ_j*] = δ_ij gives E[Φ R_r Φᴴ] = diag(R_r), so
    /// <c>E[tr R_eff] = β_d tr R_d + β_r Σ_n (R_r)_nn ‖H_AR[:, n]‖²</c>.
    /// </summary>
    public double ExpectedTraceRandomPhases()
    {
        double t = 0;
        for (int a = 0; a < _m; a++) t += DirectGain * _rd[a * _m + a].Real;
        for (int n = 0; n < _n; n++)
        {
            double col = 0;
            for (int a = 0; a < _m; a++) col += _h[a * _n + n].Real * _h[a * _n + n].Real + _h[a * _n + n].Imaginary * _h[a * _n + n].Imaginary;
            t += RisGain * _rr[n * _n + n].Real * col;
        }
        return t;
    }

    /// <summary>
    /// The gain-matched effective covariance <c>R_gm(φ) = c(φ) R_eff(φ)</c> with <c>c = T / tr R_eff(φ)</c>, so that
    /// tr R_gm = T for every φ (our choice [C]: T = M puts the RIS link on the channel gain of the unit-power FA and UPA
    /// channels, whose covariance has tr R = M for every layout, so a comparison measures the spatial structure and not
    /// the passive-beamforming power gain).
    /// </summary>
    /// <param name="phases">φ, length N.</param>
    /// <param name="targetTrace">T &gt; 0.</param>
    /// <param name="covariance">Output, length M².</param>
    /// <returns>The scale c.</returns>
    /// <exception cref="InvalidOperationException">tr R_eff(φ) is 0 (no power reaches Alice).</exception>
    public double EvaluateGainMatched(ReadOnlySpan<Complex> phases, double targetTrace, Span<Complex> covariance)
    {
        if (!(targetTrace > 0) || !double.IsFinite(targetTrace)) throw new ArgumentOutOfRangeException(nameof(targetTrace), targetTrace, "the target trace must be a finite number > 0");
        Evaluate(phases, covariance);
        double tr = Trace(covariance);
        if (!(tr > 0)) throw new InvalidOperationException("tr R_eff(φ) is 0: no power reaches Alice, the gain cannot be matched");
        double c = targetTrace / tr;
        for (int i = 0; i < covariance.Length; i++) covariance[i] *= c;
        return c;
    }

    /// <summary>
    /// Wirtinger gradient ∂f/∂φ* of f(φ) = F(R_gm(φ)) (see <see cref="EvaluateGainMatched"/>) [D]: with G the sensitivity of F
    /// at R_gm (<c>dF = Re tr(G dR_gm)</c>), <c>dR_gm = c dR − (c/tr R) tr(dR) R</c> gives
    /// <c>dF = Re tr(G' dR)</c> with <c>G' = c (G − (Re tr(G R)/tr R) I)</c>; then <see cref="PhaseGradient"/> with G'.
    /// </summary>
    /// <param name="phases">φ, length N.</param>
    /// <param name="targetTrace">T &gt; 0.</param>
    /// <param name="sensitivity">G at R_gm(φ), M×M row-major.</param>
    /// <param name="gradient">Output ∂f/∂φ*, length N.</param>
    public void GainMatchedPhaseGradient(ReadOnlySpan<Complex> phases, double targetTrace, ReadOnlySpan<Complex> sensitivity, Span<Complex> gradient)
    {
        if (sensitivity.Length != _m * _m) throw new ArgumentException($"sensitivity must have length M² = {_m * _m}", nameof(sensitivity));
        var r = new Complex[_m * _m];
        Evaluate(phases, r);
        double tr = Trace(r);
        if (!(tr > 0)) throw new InvalidOperationException("tr R_eff(φ) is 0: no power reaches Alice, the gain cannot be matched");
        double c = targetTrace / tr;
        double gr = 0; // Re tr(G R)
        for (int a = 0; a < _m; a++)
            for (int b = 0; b < _m; b++) gr += (sensitivity[a * _m + b] * r[b * _m + a]).Real;
        var g = new Complex[_m * _m];
        for (int i = 0; i < g.Length; i++) g[i] = c * sensitivity[i];
        for (int a = 0; a < _m; a++) g[a * _m + a] -= c * gr / tr;
        PhaseGradient(phases, g, gradient);
    }

    private double Trace(ReadOnlySpan<Complex> covariance)
    {
        double tr = 0;
        for (int a = 0; a < _m; a++) tr += covariance[a * _m + a].Real;
        return tr;
    }

    /// <summary>
    /// Derivative of R_eff along a rotation of element n's phase, <c>φ_n → φ_n e^{jθ}</c> at θ = 0 (for |φ_n| = 1 this is
    /// ∂/∂θ_n with φ_n = e^{jθ_n}): <c>dR/dθ_n = jβ_r (a wᴴ − w aᴴ)</c> with <c>a = H_AR[:, n]</c>, <c>w = H_AR c[:, n]</c>,
    /// <c>c = Φ R_r Φᴴ</c> [D].
    /// </summary>
    /// <param name="phases">φ, length N.</param>
    /// <param name="element">n, 0 ≤ n &lt; N.</param>
    /// <param name="derivative">Output, M×M row-major.</param>
    public void PhaseRotationDerivative(ReadOnlySpan<Complex> phases, int element, Span<Complex> derivative)
    {
        CheckPhases(phases);
        if ((uint)element >= (uint)_n) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {_n - 1}]");
        if (derivative.Length != _m * _m) throw new ArgumentException($"derivative must have length M² = {_m * _m}", nameof(derivative));
        Span<Complex> w = _m <= 64 ? stackalloc Complex[_m] : new Complex[_m];
        for (int a = 0; a < _m; a++)
        {
            Complex s = Complex.Zero;
            for (int i = 0; i < _n; i++) s += _h[a * _n + i] * phases[i] * _rr[i * _n + element] * Complex.Conjugate(phases[element]);
            w[a] = s;
        }
        var jb = new Complex(0, RisGain);
        for (int a = 0; a < _m; a++)
            for (int b = 0; b < _m; b++)
                derivative[a * _m + b] = jb * (_h[a * _n + element] * Complex.Conjugate(w[b]) - w[a] * Complex.Conjugate(_h[b * _n + element]));
    }

    /// <summary>
    /// Wirtinger gradient <c>∂f/∂φ* = β_r [(H_ARᴴ G_h H_AR) ∘ R_rᵀ] φ</c> (docs/fa-plkg.md(e); with G = Γ/ln 2 it is the spec's
    /// ∂KGR/∂φ*). Ascent step of docs/fa-plkg.md: <c>φ ← φ + μ ∂f/∂φ*</c>, then <c>φ_n ← φ_n/|φ_n|</c>.
    /// </summary>
    /// <param name="phases">φ, length N.</param>
    /// <param name="sensitivity">G, M×M row-major, with <c>df = Re tr(G dR_eff)</c>.</param>
    /// <param name="gradient">Output ∂f/∂φ*, length N.</param>
    public void PhaseGradient(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> sensitivity, Span<Complex> gradient)
    {
        CheckPhases(phases);
        if (sensitivity.Length != _m * _m) throw new ArgumentException($"sensitivity must have length M² = {_m * _m}", nameof(sensitivity));
        if (gradient.Length != _n) throw new ArgumentException($"gradient must have length N = {_n}", nameof(gradient));
        // t = G H (M×N), then B = Hᴴ t (N×N), then Hermitian part.
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _n; j++)
            {
                Complex s = Complex.Zero;
                for (int b = 0; b < _m; b++) s += sensitivity[a * _m + b] * _h[b * _n + j];
                _t[a * _n + j] = s;
            }
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < _n; j++)
            {
                Complex s = Complex.Zero;
                for (int a = 0; a < _m; a++) s += Complex.Conjugate(_h[a * _n + i]) * _t[a * _n + j];
                _b[i * _n + j] = s;
            }
        for (int j = 0; j < _n; j++)
        {
            Complex s = Complex.Zero;
            for (int i = 0; i < _n; i++)
            {
                Complex bh = 0.5 * (_b[j * _n + i] + Complex.Conjugate(_b[i * _n + j])); // (B_h)_ji
                s += bh * _rr[i * _n + j] * phases[i]; // (B_h ∘ R_rᵀ)_ji φ_i
            }
            gradient[j] = RisGain * s;
        }
    }

    /// <summary>
    /// Real gradient in the phase angles for <c>φ_n = |φ_n| e^{jθ_n}</c>: <c>∂f/∂θ_n = −2 Im(conj(g_n) φ_n)</c> with
    /// g = ∂f/∂φ* from <see cref="PhaseGradient"/> [D].
    /// </summary>
    /// <param name="phases">φ, length N.</param>
    /// <param name="sensitivity">G, M×M row-major (<c>df = Re tr(G dR_eff)</c>).</param>
    /// <param name="gradient">Output ∂f/∂θ, length N.</param>
    public void PhaseAngleGradient(ReadOnlySpan<Complex> phases, ReadOnlySpan<Complex> sensitivity, Span<double> gradient)
    {
        if (gradient.Length != _n) throw new ArgumentException($"gradient must have length N = {_n}", nameof(gradient));
        Span<Complex> g = _n <= 256 ? stackalloc Complex[_n] : new Complex[_n];
        PhaseGradient(phases, sensitivity, g);
        for (int j = 0; j < _n; j++) gradient[j] = -2 * (Complex.Conjugate(g[j]) * phases[j]).Imaginary;
    }

    private void MultiplyHC(Complex[] c)
    {
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _n; j++)
            {
                Complex s = Complex.Zero;
                for (int i = 0; i < _n; i++) s += _h[a * _n + i] * c[i * _n + j];
                _t[a * _n + j] = s;
            }
    }

    private void CheckPhases(ReadOnlySpan<Complex> phases)
    {
        if (phases.Length != _n) throw new ArgumentException($"phases must have length N = {_n}; got {phases.Length}", nameof(phases));
    }

    private static void CheckMatrix(ReadOnlySpan<Complex> a, int length, string name)
    {
        if (a.Length != length) throw new ArgumentException($"{name} must have length {length}; got {a.Length}", name);
        for (int i = 0; i < a.Length; i++)
            if (!double.IsFinite(a[i].Real) || !double.IsFinite(a[i].Imaginary)) throw new ArgumentException($"{name}[{i}] is not finite", name);
    }
}
