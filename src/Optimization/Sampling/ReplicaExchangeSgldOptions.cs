namespace PhyToolkit.Optimization.Sampling;

/// <summary>Settings of <see cref="ReplicaExchangeSgld"/> (two replicas).</summary>
/// <remarks>
/// Defaults are our choice (the Morephy-Net paper, arXiv 2509.00663, gives none): τ1 = 1 (posterior), τ2 = 10,
/// η2 = 2η1, swap attempt every 10 steps, variance EMA ρ = 0.05, correction factor F = 1 (the unbiased correction of
/// Deng et al., arXiv 2008.05367), 4 independent energy probes per attempt, burn-in 50 %, thinning 20.
/// </remarks>
public sealed record ReplicaExchangeSgldOptions
{
    /// <summary>Step size η1 &gt; 0 of the low-temperature (sampling) replica.</summary>
    public required double LowStepSize { get; init; }

    /// <summary>Step size η2 &gt; 0 of the high-temperature (exploring) replica; null means 2η1.</summary>
    public double? HighStepSize { get; init; }

    /// <summary>Temperature τ1 &gt; 0 of the sampling replica (default 1).</summary>
    public double LowTemperature { get; init; } = 1.0;

    /// <summary>Temperature τ2 &gt; τ1 of the exploring replica (default 10).</summary>
    public double HighTemperature { get; init; } = 10.0;

    /// <summary>Total Langevin steps K ≥ 1 (each replica).</summary>
    public required int Steps { get; init; }

    /// <summary>Steps S ≥ 1 between swap attempts (default 10).</summary>
    public int SwapEvery { get; init; } = 10;

    /// <summary>Weight ρ ∈ (0, 1] of the newest variance estimate in the running average σ̂² (default 0.05).</summary>
    public double VarianceEma { get; init; } = 0.05;

    /// <summary>
    /// Correction factor F ≥ 1 dividing the bias correction Δσ̂² (default 1 = unbiased swap score);
    /// +∞ switches the correction off (the naive swap rule exp(Δ·D̃)).
    /// </summary>
    public double CorrectionFactor { get; init; } = 1.0;

    /// <summary>Independent energy-difference probes k ≥ 2 drawn per swap attempt (default 4); their mean is D̃ and their spread estimates its variance.</summary>
    public int VarianceProbes { get; init; } = 4;

    /// <summary>Fraction of the steps discarded as burn-in, in [0, 1) (default 0.5).</summary>
    public double BurnInFraction { get; init; } = 0.5;

    /// <summary>Keep the low-temperature state every this many steps after burn-in, ≥ 1 (default 20).</summary>
    public int Thinning { get; init; } = 20;

    /// <summary>η2 actually used.</summary>
    public double EffectiveHighStepSize => HighStepSize ?? 2 * LowStepSize;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming the field and its range.</summary>
    public ReplicaExchangeSgldOptions Validate()
    {
        Guard.Positive(LowStepSize, nameof(LowStepSize));
        if (HighStepSize is double h) Guard.Positive(h, nameof(HighStepSize));
        Guard.Positive(LowTemperature, nameof(LowTemperature));
        Guard.Positive(HighTemperature, nameof(HighTemperature));
        if (!(HighTemperature > LowTemperature))
            throw new ArgumentOutOfRangeException(nameof(HighTemperature), HighTemperature, $"{nameof(HighTemperature)} = {HighTemperature}; allowed: a number > LowTemperature = {LowTemperature}.");
        Guard.AtLeast(Steps, 1, nameof(Steps));
        Guard.AtLeast(SwapEvery, 1, nameof(SwapEvery));
        if (!(VarianceEma > 0) || VarianceEma > 1)
            throw new ArgumentOutOfRangeException(nameof(VarianceEma), VarianceEma, $"{nameof(VarianceEma)} = {VarianceEma}; allowed: a number in (0, 1].");
        if (double.IsNaN(CorrectionFactor) || CorrectionFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(CorrectionFactor), CorrectionFactor, $"{nameof(CorrectionFactor)} = {CorrectionFactor}; allowed: a number ≥ 1 (+Infinity = no correction).");
        Guard.AtLeast(VarianceProbes, 2, nameof(VarianceProbes));
        if (double.IsNaN(BurnInFraction) || BurnInFraction < 0 || BurnInFraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(BurnInFraction), BurnInFraction, $"{nameof(BurnInFraction)} = {BurnInFraction}; allowed: a number in [0, 1).");
        Guard.AtLeast(Thinning, 1, nameof(Thinning));
        return this;
    }
}
