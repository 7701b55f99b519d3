using PhyToolkit.Core.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// The Memory Pair (Stewart, "Mo' Memory, Mo' Problems: Stream-Native Machine Unlearning", arXiv 2508.10193): an online
/// L-BFGS learner and certified unlearner that share one state θ = (parameters, L-BFGS memory), on the ridge squared
/// loss ℓ(θ; x, y) = ½(θᵀx − y)² + (λ/2)‖θ‖². Both events run the pair step (Algorithm "Memory Pair Step") [P]:
/// <list type="bullet">
/// <item>insert: θ ← Π_W(θ − η_t P_t g), g = ∇ℓ(θ; x, y), P_t the two-loop inverse-Hessian approximation, then the
/// curvature pair (s, y) = (θ_new − θ, ∇ℓ(θ_new; x, y) − g) on the same sample is stored [P];</item>
/// <item>delete: the mirror step θ ← Π_W(θ + η_t P_t g + ξ), ξ ~ N(0, σ²I) calibrated by <see cref="DeletionNoise"/>,
/// after purging the curvature pair the deleted point's insert created if it is still in the window [Proposed, state
/// alignment of arXiv 2605.17590]; the deletion is charged to the <see cref="PrivacyOdometer"/> [P].</item>
/// </list>
/// </summary>
/// <remarks>
/// Toolkit decisions [Proposed]: the gradient includes λθ, so every pair has yᵀs ≥ λ‖s‖² &gt; 0; the step is
/// η_t = a/(t + t₀) for both events unless a constant step is set (t = inserts so far; default a = 1/λ, the paper's 1/(λt) of Theorem A), the
/// deletion carrying the same ≈ 1/N factor as a one-point Newton removal (1/(N−1))·H̄⁻¹∇ℓ(θ̂; z_u) (arXiv
/// 2103.03279); a spectral safeguard clips the Rayleigh ratio (Pg)ᵀg/‖g‖² into [c, C] by rescaling Pg; the noise is added before the
/// projection, which is post-processing and keeps the certificate. The certified sensitivity is S_step = G/λ
/// (sensitivity lemma) [P].
/// State: d + τ(2d + 1) numbers (<see cref="StateSize"/>), constant in the stream length; the learner keeps no raw
/// data, so the caller supplies the deleted point. Bookkeeping outside that state: the set of live event ids (to refuse
/// the deletion of an id never inserted), the odometer and a few counters. Cost per event O(τd).
/// Deterministic: the same options, seed and event sequence give the same bits.
/// </remarks>
public sealed class MemoryPairLearner
{
    private readonly MemoryPairOptions _o;
    private readonly double[] _theta, _g, _gPost, _p, _next, _s, _yv;
    private readonly LbfgsMemory _memory;
    private readonly HashSet<long> _live = [];
    private readonly double _codeCompatMultiplier;
    private Xoshiro256StarStar _rng;

    /// <summary>Creates a learner at θ = 0 with an empty memory and a fresh odometer.</summary>
    /// <param name="options">Options (validated here).</param>
    /// <param name="seed">Seed of the deletion noise.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range (named), or the gate on with an unbounded domain.</exception>
    public MemoryPairLearner(MemoryPairOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _o = options;
        int d = options.Dimension;
        _theta = new double[d]; _g = new double[d]; _gPost = new double[d]; _p = new double[d];
        _next = new double[d]; _s = new double[d]; _yv = new double[d];
        _memory = new LbfgsMemory(d, options.Window);
        _rng = new Xoshiro256StarStar(seed);
        Sensitivity = options.GradientBound / options.Lambda;
        int k = options.MaxDeletions;
        double eps = options.EpsilonTotal, delta = options.DeltaTotal;
        double sigmaForBounds;
        switch (options.Noise)
        {
            case DeletionNoise.None:
                Odometer = new PrivacyOdometer(0, 0, k, "none");
                SigmaStep = 0;
                sigmaForBounds = 0;
                break;
            case DeletionNoise.ZCdp:
            {
                double rhoTotal = DeletionNoiseCalibration.ZcdpRhoForEpsilon(eps, delta);
                Odometer = new PrivacyOdometer(rhoTotal, rhoTotal / k, k, "rho");
                SigmaStep = DeletionNoiseCalibration.SigmaZcdp(Sensitivity, rhoTotal / k);
                sigmaForBounds = SigmaStep;
                break;
            }
            case DeletionNoise.GaussianBasic:
                Odometer = new PrivacyOdometer(eps, eps / k, k, "epsilon");
                SigmaStep = DeletionNoiseCalibration.SigmaGaussian(Sensitivity, eps / k, delta / k);
                sigmaForBounds = SigmaStep;
                break;
            default: // CodeCompat: ε_step = ε/(2K), δ_step = δ/(2K), σ = ‖step‖·multiplier (reference code)
                Odometer = new PrivacyOdometer(eps, eps / (2.0 * k), k, "epsilon");
                _codeCompatMultiplier = DeletionNoiseCalibration.SigmaGaussian(1, eps / (2.0 * k), delta / (2.0 * k));
                SigmaStep = double.NaN;
                sigmaForBounds = _codeCompatMultiplier * Sensitivity;
                break;
        }
        DeletionCost = MemoryPairBounds.DeletionCost(k, options.GradientBound, sigmaForBounds, options.RegretConfidence);
        if (options.InferenceGate)
        {
            if (double.IsInfinity(options.Radius))
                throw new ArgumentOutOfRangeException(nameof(options.Radius), options.Radius,
                    "Radius = +Infinity; allowed: a finite radius when InferenceGate is on (Theorem D needs the diameter D = 2R).");
            GateThreshold = MemoryPairBounds.SampleComplexity(options.TargetAverageRegret, options.GradientBound, 2 * options.Radius,
                options.CurvatureLower, options.CurvatureUpper, DeletionCost);
        }
    }

    /// <summary>a of the schedule η_t = a/(t + t₀): the option, or 1/λ when it is null.</summary>
    public double StepScale => _o.StepScale ?? 1.0 / _o.Lambda;

    /// <summary>The options.</summary>
    public MemoryPairOptions Options => _o;

    /// <summary>The parameters θ (length d).</summary>
    public ReadOnlySpan<double> Parameters => _theta;

    /// <summary>The L-BFGS memory (read it; changing it desynchronises the learner).</summary>
    public LbfgsMemory Memory => _memory;

    /// <summary>The privacy odometer.</summary>
    public PrivacyOdometer Odometer { get; }

    /// <summary>S_step = G/λ, the certified sensitivity of one deletion step (sensitivity lemma, arXiv 2508.10193) [P].</summary>
    public double Sensitivity { get; }

    /// <summary>σ_s of every certified deletion (V1, V2), 0 for <see cref="DeletionNoise.None"/>, NaN for V3 (data dependent, see <see cref="LastDeletionSigma"/>).</summary>
    public double SigmaStep { get; }

    /// <summary>σ used by the last deletion (NaN before the first).</summary>
    public double LastDeletionSigma { get; private set; } = double.NaN;

    /// <summary>Δ_m = m·G·σ_step·√(2 ln(1/δ_B)) at the full capacity m = K (Theorem A); V3 uses σ at S_step = G/λ here.</summary>
    public double DeletionCost { get; }

    /// <summary>N*, the inference-gate threshold (Theorem D) on live samples; 0 when the gate is off.</summary>
    public long GateThreshold { get; }

    /// <summary>Insert events processed (t of the schedule η_t = 1/(t + t₀)).</summary>
    public long Inserts { get; private set; }

    /// <summary>Live samples: inserts minus deletions (the sample count the gate compares with N*) [Proposed reading].</summary>
    public long LiveSamples => _live.Count;

    /// <summary>True when <paramref name="id"/> was inserted and not deleted.</summary>
    public bool IsLive(long id) => _live.Contains(id);

    /// <summary>Numbers in the model state: d + τ(2d + 1), independent of T (arXiv 2508.10193, "constant memory") [P].</summary>
    public int StateSize => _o.Dimension + _memory.StateSize;

    /// <summary>
    /// Length-d vector operations (dot product, axpy, scale, copy) made by all events so far: a deterministic count of
    /// the work (≈ 2d flops each) used in place of wall-clock time. A two-loop call with k pairs counts 4k + 3.
    /// </summary>
    public long VectorOperations { get; private set; }

    /// <summary>Σ_t ‖g_t‖² over inserts (S_N of Theorems C and D).</summary>
    public double SumSquaredGradients { get; private set; }

    /// <summary>max_t ‖g_t‖ over inserts (the measured G).</summary>
    public double MaxGradientNorm { get; private set; }

    /// <summary>min_t (P_t g_t)ᵀg_t/‖g_t‖² over inserts after the safeguard (the measured c of Theorem A); +∞ before the first.</summary>
    public double MinCurvatureRatio { get; private set; } = double.PositiveInfinity;

    /// <summary>
    /// Learns one point (insert event). Returns ℓ_t(θ_t; x, y), the loss of the model before the update (the summand of
    /// the regret R_T).
    /// </summary>
    /// <param name="id">Event id, used to delete the point later; must not be live.</param>
    /// <param name="x">Features (length d, finite).</param>
    /// <param name="y">Target (finite).</param>
    /// <exception cref="ArgumentException">Bad shape or values, or an id already live; the state is unchanged.</exception>
    public double Insert(long id, ReadOnlySpan<double> x, double y)
    {
        CheckPoint(x, y);
        if (_live.Contains(id)) throw new ArgumentException($"id = {id} is already live; allowed: an id not inserted yet (or deleted).", nameof(id));
        double loss = Loss(_theta, x, y);
        Inserts++;
        double eta = _o.ConstantInsertStep ?? StepScale / (Inserts + _o.StepOffset);
        Gradient(_theta, x, y, _g);
        double g2 = VectorOps.Dot(_g, _g);
        SumSquaredGradients += g2;
        MaxGradientNorm = Math.Max(MaxGradientNorm, Math.Sqrt(g2));
        double ratio = Precondition(_g, _p);
        if (g2 > 0) MinCurvatureRatio = Math.Min(MinCurvatureRatio, ratio);
        for (int j = 0; j < _theta.Length; j++) _next[j] = _theta[j] - eta * _p[j];
        Project(_next);
        Gradient(_next, x, y, _gPost);
        for (int j = 0; j < _theta.Length; j++) { _s[j] = _next[j] - _theta[j]; _yv[j] = _gPost[j] - _g[j]; }
        _memory.AddPair(_s, _yv, id);
        _next.CopyTo(_theta, 0);
        _live.Add(id);
        // loss 2, gradient 2, ‖g‖² 1, step 1, projection 1, post gradient 2, (s, y) 2, pair acceptance 3, copy 1
        VectorOperations += 15;
        return loss;
    }

    /// <summary>
    /// Unlearns the point inserted as <paramref name="id"/> (delete event): purges its curvature pair if still stored,
    /// takes the mirror step θ + η_t P_t ∇ℓ(θ; x, y), adds the calibrated Gaussian noise, projects, and charges the
    /// odometer. The caller supplies the point (the learner stores no raw data).
    /// </summary>
    /// <exception cref="ArgumentException">Bad shape or values, or an id never inserted (or already deleted); state unchanged.</exception>
    /// <exception cref="InvalidOperationException">The odometer is spent (retrain), or the curvature memory is empty (the
    /// pair step requires a non-empty memory for a deletion, arXiv 2508.10193); state unchanged.</exception>
    public void Delete(long id, ReadOnlySpan<double> x, double y)
    {
        CheckPoint(x, y);
        if (!_live.Contains(id)) throw new ArgumentException($"id = {id} was never inserted or is already deleted; allowed: a live id.", nameof(id));
        Odometer.EnsureCanDelete();
        if (_memory.Count == 0)
            throw new InvalidOperationException("deletion refused: the L-BFGS memory is empty (the Memory Pair step requires a non-empty memory for a delete, arXiv 2508.10193); insert more data first.");
        int pair = _memory.IndexOfTag(id);
        if (pair >= 0) _memory.RemovePairAt(pair);
        double eta = _o.ConstantDeleteStep ?? StepScale / (Inserts + _o.StepOffset);
        Gradient(_theta, x, y, _g);
        Precondition(_g, _p);
        double stepNorm = eta * VectorOps.Norm(_p);
        double sigma = _o.Noise switch
        {
            DeletionNoise.None => 0,
            DeletionNoise.CodeCompat => _codeCompatMultiplier * stepNorm,
            _ => SigmaStep,
        };
        for (int j = 0; j < _theta.Length; j++) _next[j] = _theta[j] + eta * _p[j];
        if (sigma > 0) for (int j = 0; j < _next.Length; j++) _next[j] += sigma * _rng.NextGaussian();
        Project(_next);
        _next.CopyTo(_theta, 0);
        Odometer.Spend();
        _live.Remove(id);
        LastDeletionSigma = sigma;
        // gradient 2, ‖Pg‖ 1, step 1, noise 1, projection 1, copy 1
        VectorOperations += 7;
    }

    /// <summary>The prediction θᵀx, released only once the gate is open.</summary>
    /// <exception cref="InferenceGateClosedException">Live samples &lt; N* (Theorem D).</exception>
    public double Predict(ReadOnlySpan<double> x)
    {
        Guard.Length(x, _o.Dimension, nameof(x));
        if (_o.InferenceGate && LiveSamples < GateThreshold) throw new InferenceGateClosedException(LiveSamples, GateThreshold);
        return VectorOps.Dot(_theta, x);
    }

    /// <summary>ℓ(θ; x, y) = ½(θᵀx − y)² + (λ/2)‖θ‖² at the current parameters.</summary>
    public double LossAt(ReadOnlySpan<double> x, double y)
    {
        CheckPoint(x, y);
        return Loss(_theta, x, y);
    }

    private double Loss(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double y)
    {
        double r = VectorOps.Dot(theta, x) - y;
        return 0.5 * r * r + 0.5 * _o.Lambda * VectorOps.Dot(theta, theta);
    }

    private void Gradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double y, Span<double> g)
    {
        double r = VectorOps.Dot(theta, x) - y;
        for (int j = 0; j < g.Length; j++) g[j] = r * x[j] + _o.Lambda * theta[j];
    }

    /// <summary>p = P g with the Rayleigh ratio (Pg)ᵀg/‖g‖² clipped into [c, C]; returns the ratio after the clip.</summary>
    private double Precondition(ReadOnlySpan<double> g, Span<double> p)
    {
        double g2 = VectorOps.Dot(g, g);
        VectorOperations += 4L * _memory.Count + 5;   // ‖g‖², two-loop 4k + 3, (Pg)ᵀg
        if (g2 == 0) { p.Clear(); return 0; }
        _memory.ApplyInverseHessian(g, p);
        double q = VectorOps.Dot(p, g) / g2;
        double c = _o.CurvatureLower, cUpper = _o.CurvatureUpper;
        if (!(q > 0) || !double.IsFinite(q))
        {
            for (int j = 0; j < p.Length; j++) p[j] = c * g[j];
            return c;
        }
        double scale = q < c ? c / q : q > cUpper ? cUpper / q : 1;
        if (scale != 1) for (int j = 0; j < p.Length; j++) p[j] *= scale;
        return q * scale;
    }

    private void Project(Span<double> theta)
    {
        double n = VectorOps.Norm(theta);
        if (n > _o.Radius) { double f = _o.Radius / n; for (int j = 0; j < theta.Length; j++) theta[j] *= f; }
    }

    private void CheckPoint(ReadOnlySpan<double> x, double y)
    {
        Guard.Length(x, _o.Dimension, nameof(x));
        foreach (double v in x) if (!double.IsFinite(v)) throw new ArgumentException("x has a non-finite entry; allowed: finite features.", nameof(x));
        Guard.Finite(y, nameof(y));
    }
}
