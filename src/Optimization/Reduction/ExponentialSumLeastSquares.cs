using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Separable nonlinear least squares (variable projection), problem E1 of docs/optim-reduction.md ([proposal]):
/// f(a, c) = ½‖Φ(a)c − y‖², Φ(a)_{ij} = exp(−a_j t_i), t_i = linspace(0, T, m), y = Φ(a*)c* (+ optional white Gaussian noise).
/// x1 = a (decay rates, k of them), x2 = c (linear coefficients). The argmin reduction is Ψ(a) = Φ(a)⁺y (least squares,
/// solved by Householder QR of Φ), F(a) = ½‖(I − ΦΦ⁺)y‖² (Golub–Pereyra variable projection).
/// </summary>
/// <remarks>
/// Derived calculus (r = Φc − y, D_{ij} = ∂Φ_{ij}/∂a_j = −t_i Φ_{ij}): ∇_a f = c ⊙ (Dᵀr), ∇_c f = Φᵀr,
/// H21 = ∂(∇_c f)/∂a = diag(Dᵀr) + ΦᵀD diag(c), and by the implicit function theorem DΨ = −(ΦᵀΦ)⁻¹H21, applied through the
/// QR factor R (ΦᵀΦ = RᵀR). Spec defaults: m = 200, T = 4, a* = (0.5, 1.5, 3.0), c* = (1, −0.5, 2); noise 1e-3 is optional
/// (with noise the minimiser is no longer (a*, c*)). Rates must stay distinct and positive-ish for Φ to keep full column rank;
/// near-equal rates make the least-squares solve ill-conditioned. Instances keep scratch buffers and are not thread-safe.
/// </remarks>
public sealed class ExponentialSumLeastSquares : ISplitObjective, IReduction, ISplitHessianProducts
{
    private readonly double[] _t, _y;
    private readonly double[] _phi;   // m×k column-major (column j = exp(−a_j t))
    private readonly double[] _qr;    // m×k column-major Householder factorisation workspace
    private readonly double[] _qy;    // Qᵀy workspace
    private readonly double[] _rdiag; // diagonal of R
    private readonly double[] _r;     // residual
    private readonly double[] _c, _h21, _col;
    private readonly double[] _mv, _dr;          // m- and k-length scratch of the Hessian products
    private readonly double[] _phiAt, _factorAt;    // a at which _phi / the QR factorisation were last computed (cache keys)
    private bool _phiValid, _factorValid;

    /// <summary>Creates the problem with the spec's data model.</summary>
    /// <param name="rates">a* (length k ≥ 1, each finite).</param>
    /// <param name="coefficients">c* (length k).</param>
    /// <param name="samples">m ≥ k sample times (spec: 200).</param>
    /// <param name="duration">T &gt; 0, last sample time (spec: 4).</param>
    /// <param name="noiseStd">Standard deviation of the additive noise on y, ≥ 0 (spec: 0 or 1e-3).</param>
    /// <param name="seed">Seed of the noise.</param>
    public ExponentialSumLeastSquares(ReadOnlySpan<double> rates, ReadOnlySpan<double> coefficients, int samples = 200, double duration = 4, double noiseStd = 0, ulong seed = 0)
    {
        Guard.AtLeast(rates.Length, 1, nameof(rates));
        if (coefficients.Length != rates.Length) throw new ArgumentException($"coefficients must have length {rates.Length} (got {coefficients.Length}).", nameof(coefficients));
        foreach (double v in rates) Guard.Finite(v, nameof(rates));
        foreach (double v in coefficients) Guard.Finite(v, nameof(coefficients));
        Guard.AtLeast(samples, rates.Length, nameof(samples));
        Guard.Positive(duration, nameof(duration));
        Guard.InRange(noiseStd, 0, 1e3, nameof(noiseStd));
        int k = rates.Length, m = samples;
        N1 = k; Samples = m;
        RatesStar = rates.ToArray();
        CoefficientsStar = coefficients.ToArray();
        _t = new double[m];
        for (int i = 0; i < m; i++) _t[i] = m == 1 ? 0 : duration * i / (m - 1);
        _y = new double[m];
        var rng = new Xoshiro256StarStar(seed);
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < k; j++) s += coefficients[j] * Math.Exp(-rates[j] * _t[i]);
            _y[i] = s + noiseStd * rng.NextGaussian();
        }
        _phi = new double[m * k];
        _qr = new double[m * k];
        _qy = new double[m];
        _rdiag = new double[k];
        _r = new double[m];
        _c = new double[k];
        _h21 = new double[k * k];
        _col = new double[k];
        _mv = new double[m];
        _dr = new double[k];
        _phiAt = new double[k];
        _factorAt = new double[k];
    }

    /// <summary>The spec instance: m = 200, T = 4, a* = (0.5, 1.5, 3.0), c* = (1, −0.5, 2).</summary>
    /// <param name="noiseStd">Noise standard deviation ≥ 0 (spec: 0, optionally 1e-3).</param>
    /// <param name="seed">Noise seed.</param>
    public static ExponentialSumLeastSquares SpecInstance(double noiseStd = 0, ulong seed = 0) =>
        new([0.5, 1.5, 3.0], [1, -0.5, 2], 200, 4, noiseStd, seed);

    /// <summary>m, the number of samples.</summary>
    public int Samples { get; }

    /// <summary>k, the number of exponentials (dimension of a).</summary>
    public int N1 { get; }

    /// <summary>k (dimension of c).</summary>
    public int N2 => N1;

    /// <summary>a* used to generate y.</summary>
    public double[] RatesStar { get; }

    /// <summary>c* used to generate y.</summary>
    public double[] CoefficientsStar { get; }

    /// <inheritdoc/>
    public bool IsArgmin => true;

    /// <inheritdoc/>
    public bool HasJacobian => true;

    /// <summary>f(a, c) = ½‖Φ(a)c − y‖².</summary>
    public double Evaluate(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        Residual(x1, x2);
        double v = 0;
        foreach (double ri in _r) v += ri * ri;
        return 0.5 * v;
    }

    /// <summary>∇_a f = c ⊙ (Dᵀr) and ∇_c f = Φᵀr.</summary>
    public void Gradient(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, Span<double> gradient1, Span<double> gradient2)
    {
        Residual(x1, x2);
        int m = Samples;
        for (int j = 0; j < N1; j++)
        {
            var col = _phi.AsSpan(j * m, m);
            double gc = 0, ga = 0;
            for (int i = 0; i < m; i++) { gc += col[i] * _r[i]; ga -= _t[i] * col[i] * _r[i]; }
            gradient2[j] = gc;
            gradient1[j] = x2[j] * ga;
        }
    }

    /// <summary>Ψ(a) = argmin_c ½‖Φ(a)c − y‖² by Householder QR (no normal equations).</summary>
    public void Psi(ReadOnlySpan<double> x1, Span<double> x2)
    {
        Factor(x1);
        BackSolve(_qy, x2);
    }

    /// <summary>DΨ(a) = −(ΦᵀΦ)⁻¹[diag(Dᵀr) + ΦᵀD diag(c)] at c = Ψ(a) (k×k row-major, entry (m, j) = ∂c_m/∂a_j).</summary>
    public void Jacobian(ReadOnlySpan<double> x1, Span<double> jacobian)
    {
        int k = N1, m = Samples;
        Factor(x1);
        BackSolve(_qy, _c);
        Residual(x1, _c); // recomputes _phi (same values)
        // H21[p, j] = δ_pj (Dᵀr)_j + c_j Σ_i Φ_ip D_ij.
        for (int j = 0; j < k; j++)
        {
            var pj = _phi.AsSpan(j * m, m);
            for (int p = 0; p < k; p++)
            {
                var pp = _phi.AsSpan(p * m, m);
                double s = 0;
                for (int i = 0; i < m; i++) s -= pp[i] * _t[i] * pj[i];
                _h21[p * k + j] = _c[j] * s;
            }
            double dr = 0;
            for (int i = 0; i < m; i++) dr -= _t[i] * pj[i] * _r[i];
            _h21[j * k + j] += dr;
        }
        // Column j of DΨ: solve RᵀR x = −H21[:, j].
        for (int j = 0; j < k; j++)
        {
            for (int p = 0; p < k; p++) _col[p] = -_h21[p * k + j];
            ForwardSolveTransposed(_col);
            BackSolve(_col, _col);
            for (int p = 0; p < k; p++) jacobian[p * k + j] = _col[p];
        }
    }

    /// <summary>H22·v = ΦᵀΦv (derived).</summary>
    public void MultiplyH22(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> v, Span<double> result)
    {
        int m = Samples, k = N1;
        EnsurePhi(x1);
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < k; j++) s += _phi[j * m + i] * v[j];
            _mv[i] = s;
        }
        for (int j = 0; j < k; j++)
        {
            var col = _phi.AsSpan(j * m, m);
            double s = 0;
            for (int i = 0; i < m; i++) s += col[i] * _mv[i];
            result[j] = s;
        }
    }

    /// <summary>H21·u = (Dᵀr) ⊙ u + ΦᵀD(c ⊙ u) with D_ij = −t_i Φ_ij (derived; u has length k, the result length k).</summary>
    public void MultiplyH21(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> u, Span<double> result)
    {
        int m = Samples, k = N1;
        ResidualAndDr(x1, x2);
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < k; j++) s += _phi[j * m + i] * x2[j] * u[j];
            _mv[i] = -_t[i] * s;
        }
        for (int p = 0; p < k; p++)
        {
            var col = _phi.AsSpan(p * m, m);
            double s = 0;
            for (int i = 0; i < m; i++) s += col[i] * _mv[i];
            result[p] = _dr[p] * u[p] + s;
        }
    }

    /// <summary>H12·w = H21ᵀw = (Dᵀr) ⊙ w + c ⊙ (DᵀΦw) (derived).</summary>
    public void MultiplyH12(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> w, Span<double> result)
    {
        int m = Samples, k = N1;
        ResidualAndDr(x1, x2);
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < k; j++) s += _phi[j * m + i] * w[j];
            _mv[i] = s;
        }
        for (int j = 0; j < k; j++)
        {
            var col = _phi.AsSpan(j * m, m);
            double s = 0;
            for (int i = 0; i < m; i++) s -= _t[i] * col[i] * _mv[i];
            result[j] = _dr[j] * w[j] + x2[j] * s;
        }
    }

    /// <summary>
    /// Flops of one evaluation of f at a new a: filling Φ (m per column, the exp counted as one), r = Φc − y (2mk) and ‖r‖²
    /// (2m): 3mk + 2m. Work model of claim 5 (docs/optim-reduction.md), derived by counting the loops of this implementation (a
    /// multiply or an add is one flop); leading terms only.
    /// </summary>
    public long FlopsPerEvaluation => 3L * Samples * N1 + 2L * Samples;

    /// <summary>
    /// Flops of one full gradient at the last evaluated a (Φ cached): r (2mk), Φᵀr (2mk), Dᵀr (3mk), c ⊙ (k): 7mk + k.
    /// </summary>
    public long FlopsPerGradient => 7L * Samples * N1 + N1;

    /// <summary>
    /// Flops of one inner solve Ψ(a) at a new a: Φ (mk), Householder QR of the m×k matrix with Qᵀy, Σ_j 4(m − j)(k − j + 1),
    /// and back-substitution (k²). The reduced gradient at the same a reuses the factorisation and costs a further k².
    /// </summary>
    public long FlopsPerInnerSolve
    {
        get
        {
            long m = Samples, k = N1, qr = 0;
            for (long j = 0; j < k; j++) qr += 4 * (m - j) * (k - j + 1);
            return m * k + qr + k * k;
        }
    }

    /// <summary>
    /// Flops of one pullback direction at the last evaluated a: DΨ (back-substitution k², r 2mk, H21 3mk² + 3mk, 2k solves
    /// 2k³), G = I + DΨᵀDΨ (k²(k + 1)), Cholesky (k³/3 + k²) and the two triangular solves (2k²).
    /// </summary>
    public long FlopsPerPullbackDirection
    {
        get
        {
            long m = Samples, k = N1;
            return k * k + 2 * m * k + 3 * m * k * k + 3 * m * k + 2 * k * k * k + k * k * (k + 1) + k * k * k / 3 + k * k + 2 * k * k;
        }
    }

    /// <summary>
    /// Work of a run on this problem under the flop model above (claim 5, work model, derived): full runs cost
    /// evaluations·<see cref="FlopsPerEvaluation"/> + gradients·<see cref="FlopsPerGradient"/>; reduced runs add an inner
    /// solve per evaluation, k² per gradient and <see cref="FlopsPerPullbackDirection"/> per direction solve. Valid because
    /// every method takes its gradient at the last evaluated point (so Φ and the QR factorisation are cached).
    /// </summary>
    /// <param name="result">A run of <see cref="ReducedGradientDescent"/> on this problem.</param>
    /// <param name="reduced">True for a run on F = f∘Φ, false for a run on f(a, c).</param>
    public long EstimatedFlops(DescentResult result, bool reduced)
    {
        ArgumentNullException.ThrowIfNull(result);
        long k = N1;
        return reduced
            ? result.Evaluations * (FlopsPerInnerSolve + FlopsPerEvaluation) + result.Gradients * (FlopsPerGradient + k * k) + result.DirectionSolves * FlopsPerPullbackDirection
            : result.Evaluations * FlopsPerEvaluation + result.Gradients * FlopsPerGradient;
    }

    private void EnsurePhi(ReadOnlySpan<double> a)
    {
        if (_phiValid && a.SequenceEqual(_phiAt)) return;
        FillColumns(a, _phi);
        a.CopyTo(_phiAt);
        _phiValid = true;
    }

    // r = Φc − y and Dᵀr (length k) at (a, c).
    private void ResidualAndDr(ReadOnlySpan<double> a, ReadOnlySpan<double> c)
    {
        int m = Samples;
        Residual(a, c);
        for (int j = 0; j < N1; j++)
        {
            var col = _phi.AsSpan(j * m, m);
            double s = 0;
            for (int i = 0; i < m; i++) s -= _t[i] * col[i] * _r[i];
            _dr[j] = s;
        }
    }

    private void Residual(ReadOnlySpan<double> a, ReadOnlySpan<double> c)
    {
        int m = Samples, k = N1;
        EnsurePhi(a);
        for (int i = 0; i < m; i++)
        {
            double s = -_y[i];
            for (int j = 0; j < k; j++) s += _phi[j * m + i] * c[j];
            _r[i] = s;
        }
    }

    // Φ_ij = exp(−a_j t_i) = q_j^i with q_j = exp(−a_j Δt) on the uniform grid: one exp per column, relative error ≲ m·ε.
    private void FillColumns(ReadOnlySpan<double> a, Span<double> phi)
    {
        int m = Samples;
        double dt = m == 1 ? 0 : _t[1] - _t[0];
        for (int j = 0; j < N1; j++)
        {
            var col = phi.Slice(j * m, m);
            double q = Math.Exp(-a[j] * dt), v = 1;
            for (int i = 0; i < m; i++) { col[i] = v; v *= q; }
        }
    }

    // Householder QR of Φ(a) into _qr (reflectors below the diagonal, R above, diagonal in _rdiag) and _qy = Qᵀy.
    private void Factor(ReadOnlySpan<double> a)
    {
        int m = Samples, k = N1;
        if (_factorValid && a.SequenceEqual(_factorAt)) return; // same a: the factorisation and Qᵀy are still in place
        _factorValid = false;
        FillColumns(a, _qr);
        _y.CopyTo(_qy, 0);
        for (int j = 0; j < k; j++)
        {
            var v = _qr.AsSpan(j * m + j, m - j);
            double norm = 0;
            foreach (double e in v) norm += e * e;
            norm = Math.Sqrt(norm);
            if (!(norm > 0)) throw new ArithmeticException("Φ(a) is rank deficient (rates too close or not finite).");
            double alpha = v[0] >= 0 ? -norm : norm;
            v[0] -= alpha;               // v = x − αe1, reflector H = I − 2vvᵀ/‖v‖²
            double vv = 0;
            foreach (double e in v) vv += e * e;
            for (int q = j + 1; q < k; q++) Reflect(v, vv, _qr.AsSpan(q * m + j, m - j));
            Reflect(v, vv, _qy.AsSpan(j, m - j));
            _rdiag[j] = alpha;
        }
        double rmax = 0, rmin = double.PositiveInfinity;
        foreach (double d in _rdiag) { rmax = Math.Max(rmax, Math.Abs(d)); rmin = Math.Min(rmin, Math.Abs(d)); }
        if (!(rmin > 1e-14 * rmax)) throw new ArithmeticException("Φ(a) is numerically rank deficient (rates too close).");
        a.CopyTo(_factorAt);
        _factorValid = true;
    }

    private static void Reflect(ReadOnlySpan<double> v, double vv, Span<double> x)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++) s += v[i] * x[i];
        s *= 2 / vv;
        for (int i = 0; i < v.Length; i++) x[i] -= s * v[i];
    }

    private double R(int p, int q) => p == q ? _rdiag[p] : _qr[q * Samples + p];

    // Solves R x = b[..k] (b and x may alias).
    private void BackSolve(ReadOnlySpan<double> b, Span<double> x)
    {
        int k = N1;
        for (int p = k - 1; p >= 0; p--)
        {
            double s = b[p];
            for (int q = p + 1; q < k; q++) s -= R(p, q) * x[q];
            x[p] = s / R(p, p);
        }
    }

    // Solves Rᵀ x = b in place.
    private void ForwardSolveTransposed(Span<double> b)
    {
        int k = N1;
        for (int p = 0; p < k; p++)
        {
            double s = b[p];
            for (int q = 0; q < p; q++) s -= R(q, p) * b[q];
            b[p] = s / R(p, p);
        }
    }
}
