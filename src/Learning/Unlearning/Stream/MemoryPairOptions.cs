namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// Options of the <see cref="MemoryPairLearner"/> (arXiv 2508.10193) on the ridge-regularised squared loss
/// ℓ(θ; x, y) = ½(θᵀx − y)² + (λ/2)‖θ‖². Immutable; validated by <see cref="Validate"/> (called by the learner), which
/// throws <see cref="ArgumentOutOfRangeException"/> naming the property.
/// </summary>
public sealed record MemoryPairOptions
{
    /// <summary>d ≥ 1, the feature and parameter dimension.</summary>
    public required int Dimension { get; init; }

    /// <summary>λ &gt; 0, ridge weight and strong-convexity constant. Default 0.1 (reproduction plan; the reference code uses 1.0 and omits λθ from the gradient) [Proposed].</summary>
    public double Lambda { get; init; } = 0.1;

    /// <summary>τ ≥ 1, the L-BFGS window. Default 10 (reference code) [P].</summary>
    public int Window { get; init; } = 10;

    /// <summary>
    /// a &gt; 0 of the step schedule η_t = a/(t + t₀), used for inserts and deletions; null (the default) means a = 1/λ,
    /// the paper's strongly convex schedule η_t = 1/(λt) of Theorem A [P] (shifted by t₀ [Proposed]).
    /// </summary>
    /// <remarks>
    /// Our spec proposed a = 1, assuming the per-sample curvature pairs estimate the average Hessian H̄. On the
    /// squared loss they do not: a pair's s lies near the sample's x, so yᵀs/sᵀs ≈ ‖x‖² + λ, the curvature of one
    /// sample along its own direction, about d times H̄'s. With a = 1 the effective step then falls short of 1/(μt)
    /// and regret grows like √T on our test stream (log-log slope 0.54 over T ∈ [500, 16000]); with a = 1/λ it grows
    /// like ln T (slope 0.21).
    /// </remarks>
    public double? StepScale { get; init; }

    /// <summary>t₀ ≥ 0 of the step schedule η_t = a/(t + t₀). Default 10 [Proposed].</summary>
    /// <remarks>Ignored by inserts when <see cref="ConstantInsertStep"/> is set, and by deletions when <see cref="ConstantDeleteStep"/> is set.</remarks>
    public double StepOffset { get; init; } = 10;

    /// <summary>
    /// α &gt; 0: a fixed insert step θ ← θ − α P g instead of the schedule; null (default) uses the schedule. The author's
    /// reference code uses α = 0.5 (the "code variant" L2 of our reproduction plan) [P, code].
    /// </summary>
    public double? ConstantInsertStep { get; init; }

    /// <summary>
    /// A fixed deletion step θ ← θ + α_del P g instead of the schedule; null (default) uses the schedule, as §1.7 of our
    /// spec decides. The reference code takes the full step α_del = 1.0 [P, code], which overshoots by about N.
    /// </summary>
    public double? ConstantDeleteStep { get; init; }

    /// <summary>Radius R &gt; 0 of the ball W = {‖θ‖ ≤ R} the iterate is projected on (diameter D = 2R); +∞ switches projection off. Default 2 [Proposed].</summary>
    public double Radius { get; init; } = 2;

    /// <summary>c &gt; 0: lower clip of the Rayleigh ratio (Pg)ᵀg/‖g‖² of the preconditioned direction (spectral safeguard). Default 0.1 [Proposed].</summary>
    public double CurvatureLower { get; init; } = 0.1;

    /// <summary>C ≥ c: upper clip of the Rayleigh ratio. Default 10 [Proposed].</summary>
    public double CurvatureUpper { get; init; } = 10;

    /// <summary>
    /// G &gt; 0, the bound on ‖∇ℓ‖ used for the certified sensitivity S_step = G/λ (sensitivity lemma of arXiv 2508.10193)
    /// and the bounds. Default 3.2 = 1·(R + 1) + λR for ‖x‖ ≤ 1, |y| ≤ 1, R = 2, λ = 0.1 [D].
    /// </summary>
    public double GradientBound { get; init; } = 3.2;

    /// <summary>The deletion-noise calibration (§1.4 of our spec of arXiv 2508.10193). Default <see cref="DeletionNoise.GaussianBasic"/> (V2, the paper's theorem).</summary>
    public DeletionNoise Noise { get; init; } = DeletionNoise.GaussianBasic;

    /// <summary>ε* &gt; 0, the total unlearning budget. Default 1.0 (reference code) [P].</summary>
    public double EpsilonTotal { get; init; } = 1.0;

    /// <summary>δ* ∈ (0, 1), the total failure probability. Default 1e−5 (reference code) [P].</summary>
    public double DeltaTotal { get; init; } = 1e-5;

    /// <summary>m = K ≥ 1, the deletion capacity the budget is split over. Default 20 (reference code) [P].</summary>
    public int MaxDeletions { get; init; } = 20;

    /// <summary>γ &gt; 0, the target average regret R_N/N of the inference gate (Theorem D). Default 1.0, our choice (the paper gives none).</summary>
    public double TargetAverageRegret { get; init; } = 1.0;

    /// <summary>δ_B ∈ (0, 1), the failure probability of the noise term Δ_m of Theorems A, C, D. Default 0.05, our choice.</summary>
    public double RegretConfidence { get; init; } = 0.05;

    /// <summary>When false, <see cref="MemoryPairLearner.Predict"/> never refuses (the gate is off). Default true.</summary>
    public bool InferenceGate { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first property out of range.</summary>
    public void Validate()
    {
        Guard.AtLeast(Dimension, 1, nameof(Dimension));
        Guard.Positive(Lambda, nameof(Lambda));
        Guard.AtLeast(Window, 1, nameof(Window));
        if (StepScale is double a) Guard.Positive(a, nameof(StepScale));
        Guard.NonNegative(StepOffset, nameof(StepOffset));
        if (ConstantInsertStep is double ai) Guard.Positive(ai, nameof(ConstantInsertStep));
        if (ConstantDeleteStep is double ad) Guard.Positive(ad, nameof(ConstantDeleteStep));
        Guard.PositiveOrInfinity(Radius, nameof(Radius));
        Guard.Positive(CurvatureLower, nameof(CurvatureLower));
        Guard.InRange(CurvatureUpper, CurvatureLower, double.MaxValue, nameof(CurvatureUpper));
        Guard.Positive(GradientBound, nameof(GradientBound));
        if (!Enum.IsDefined(Noise)) throw new ArgumentOutOfRangeException(nameof(Noise), Noise, $"Noise = {Noise}; allowed: None, ZCdp, GaussianBasic, CodeCompat.");
        Guard.Positive(EpsilonTotal, nameof(EpsilonTotal));
        if (!(DeltaTotal > 0 && DeltaTotal < 1)) throw new ArgumentOutOfRangeException(nameof(DeltaTotal), DeltaTotal, $"DeltaTotal = {DeltaTotal}; allowed: a number in (0, 1).");
        Guard.AtLeast(MaxDeletions, 1, nameof(MaxDeletions));
        Guard.Positive(TargetAverageRegret, nameof(TargetAverageRegret));
        if (!(RegretConfidence > 0 && RegretConfidence < 1)) throw new ArgumentOutOfRangeException(nameof(RegretConfidence), RegretConfidence, $"RegretConfidence = {RegretConfidence}; allowed: a number in (0, 1).");
    }
}
