using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Sampling;

/// <summary>
/// Replica-exchange stochastic-gradient Langevin dynamics with the bias-corrected swap (reSGLD; Deng, Feng, Gao, Liang,
/// Lin, "Non-convex learning via replica exchange stochastic gradient MCMC", ICML 2020, arXiv 2008.05367), the sampler
/// of Morephy-Net (arXiv 2509.00663).
/// </summary>
/// <remarks>
/// <para>Two replicas move by SGLD: θ¹ at τ1 (samples exp(−U/τ1)) and θ² at τ2 &gt; τ1 (explores), with independent noise:
/// θ^r ← θ^r − η_r ∇Û(θ^r) + √(2η_r τ_r) ξ^r.</para>
/// <para>Every S steps a swap is attempted. k independent probes D_p = Û_p(θ¹) − Û_p(θ²) give D̃ = mean D_p and the
/// instantaneous estimate v = s²_D/(2k) of half the variance of D̃; σ̂² ← (1 − ρ)σ̂² + ρ v (σ̂² = v at the first
/// attempt). With Δ = 1/τ1 − 1/τ2 the swap score is
/// s = exp(Δ (D̃ − Δ σ̂²/F)), and the replicas exchange states when U(0,1) &lt; min(1, s).</para>
/// <para>Why half the variance [derived]: if D̃ ~ N(D, V) then E[exp(Δ D̃ − Δ² V/2)] = exp(Δ D), so with σ̂² = V/2 and F = 1
/// the score is an unbiased estimate of the exact swap ratio exp(Δ D) (Deng et al.'s σ² is the variance of one replica's
/// energy estimate, and the difference of two independent estimates has variance 2σ²). F &gt; 1 trades bias for more
/// swaps; F = +∞ is the naive rule exp(Δ D̃).</para>
/// <para>Randomness: one <see cref="Xoshiro256StarStar"/> from the seed, consumed in a fixed order (step of replica 1, step
/// of replica 2, probes, swap draw).</para>
/// </remarks>
public sealed class ReplicaExchangeSgld
{
    /// <summary>Creates the sampler; <paramref name="options"/> are validated.</summary>
    public ReplicaExchangeSgld(ReplicaExchangeSgldOptions options) =>
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <summary>The settings.</summary>
    public ReplicaExchangeSgldOptions Options { get; }

    /// <summary>
    /// The swap score s = exp(Δ (D̃ − Δ σ̂²/F)), Δ = 1/τ1 − 1/τ2 (F = +∞: exp(Δ D̃)). Computed in log form and capped at
    /// e^{700} so that it never overflows.
    /// </summary>
    /// <param name="energyDifference">D̃ = Û(θ¹) − Û(θ²).</param>
    /// <param name="lowTemperature">τ1 &gt; 0.</param>
    /// <param name="highTemperature">τ2 &gt; τ1.</param>
    /// <param name="varianceEstimate">σ̂² ≥ 0 (half the variance of D̃).</param>
    /// <param name="correctionFactor">F ≥ 1 or +∞.</param>
    public static double SwapScore(double energyDifference, double lowTemperature, double highTemperature, double varianceEstimate, double correctionFactor)
    {
        double delta = 1 / lowTemperature - 1 / highTemperature;
        double correction = double.IsPositiveInfinity(correctionFactor) ? 0 : delta * varianceEstimate / correctionFactor;
        return Math.Exp(Math.Min(700, delta * (energyDifference - correction)));
    }

    /// <summary>Runs the two replicas from the given starts.</summary>
    /// <param name="energy">The stochastic energy.</param>
    /// <param name="lowStart">θ¹ at step 0.</param>
    /// <param name="highStart">θ² at step 0.</param>
    /// <param name="seed">Seed of the run.</param>
    public ReplicaExchangeResult Run(IStochasticEnergy energy, ReadOnlySpan<double> lowStart, ReadOnlySpan<double> highStart, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(energy);
        var o = Options;
        int d = energy.Dimension;
        Guard.Length(lowStart.Length, d, nameof(lowStart));
        Guard.Length(highStart.Length, d, nameof(highStart));
        var low = new LangevinSampler(o.LowStepSize, o.LowTemperature);
        var high = new LangevinSampler(o.EffectiveHighStepSize, o.HighTemperature);
        var rng = new Xoshiro256StarStar(seed);
        var t1 = lowStart.ToArray();
        var t2 = highStart.ToArray();
        var g = new double[d];
        var probes = new double[o.VarianceProbes];
        int burnIn = (int)Math.Floor(o.BurnInFraction * o.Steps);
        var samples = new List<double>();
        int attempts = 0, accepted = 0;
        double sigma2 = double.NaN;
        for (int k = 1; k <= o.Steps; k++)
        {
            low.Step(energy, t1, g, ref rng);
            high.Step(energy, t2, g, ref rng);
            if (k % o.SwapEvery == 0)
            {
                double mean = 0;
                for (int p = 0; p < probes.Length; p++)
                {
                    probes[p] = energy.Energy(t1, ref rng) - energy.Energy(t2, ref rng);
                    mean += probes[p];
                }
                mean /= probes.Length;
                double ss = 0;
                for (int p = 0; p < probes.Length; p++) ss += (probes[p] - mean) * (probes[p] - mean);
                double v = ss / (probes.Length - 1) / (2.0 * probes.Length);
                sigma2 = double.IsNaN(sigma2) ? v : (1 - o.VarianceEma) * sigma2 + o.VarianceEma * v;
                if (!double.IsFinite(mean))
                    throw new ArithmeticException($"the energy estimate became non-finite at step {k}; reduce the step sizes.");
                double s = SwapScore(mean, o.LowTemperature, o.HighTemperature, sigma2, o.CorrectionFactor);
                attempts++;
                if (rng.NextDouble() < Math.Min(1, s))
                {
                    (t1, t2) = (t2, t1);
                    accepted++;
                }
            }
            if (k > burnIn && (k - burnIn) % o.Thinning == 0) samples.AddRange(t1);
        }
        return new ReplicaExchangeResult(d, samples.ToArray(), attempts, accepted, sigma2, t1, t2);
    }
}
