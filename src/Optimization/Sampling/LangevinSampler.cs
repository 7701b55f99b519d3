using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Sampling;

/// <summary>
/// Stochastic-gradient Langevin dynamics (Welling and Teh, ICML 2011), one chain at temperature τ:
/// θ ← θ − η ∇Û(θ) + √(2ητ) ξ, ξ ~ N(0, I). For small η the chain targets π_τ(θ) ∝ exp(−U(θ)/τ) (with an O(η) bias).
/// </summary>
public sealed class LangevinSampler
{
    /// <summary>Creates the sampler.</summary>
    /// <param name="stepSize">η &gt; 0.</param>
    /// <param name="temperature">τ &gt; 0 (τ = 1 samples the posterior exp(−U)).</param>
    public LangevinSampler(double stepSize, double temperature = 1.0)
    {
        StepSize = Guard.Positive(stepSize, nameof(stepSize));
        Temperature = Guard.Positive(temperature, nameof(temperature));
    }

    /// <summary>η.</summary>
    public double StepSize { get; }

    /// <summary>τ.</summary>
    public double Temperature { get; }

    /// <summary>One Langevin step of <paramref name="theta"/> in place; returns the energy estimate drawn with the gradient (at the old θ).</summary>
    public double Step(IStochasticEnergy energy, Span<double> theta, Span<double> gradientScratch, ref Xoshiro256StarStar rng)
    {
        double u = energy.EnergyAndGradient(theta, gradientScratch, ref rng);
        double noise = Math.Sqrt(2 * StepSize * Temperature);
        for (int j = 0; j < theta.Length; j++) theta[j] += -StepSize * gradientScratch[j] + noise * rng.NextGaussian();
        return u;
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps from <paramref name="start"/> and returns every <paramref name="thinning"/>-th state
    /// after the first <paramref name="burnIn"/> steps, row-major (count×d).
    /// </summary>
    public double[] Run(IStochasticEnergy energy, ReadOnlySpan<double> start, int steps, int burnIn, int thinning, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(energy);
        int d = energy.Dimension;
        Guard.Length(start.Length, d, nameof(start));
        Guard.AtLeast(steps, 1, nameof(steps));
        Guard.InRange(burnIn, 0, steps - 1, nameof(burnIn));
        Guard.AtLeast(thinning, 1, nameof(thinning));
        var rng = new Xoshiro256StarStar(seed);
        var theta = start.ToArray();
        var g = new double[d];
        var samples = new List<double>();
        for (int k = 1; k <= steps; k++)
        {
            Step(energy, theta, g, ref rng);
            if (k > burnIn && (k - burnIn) % thinning == 0) samples.AddRange(theta);
        }
        return samples.ToArray();
    }
}
