using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Sampling;

/// <summary>
/// Adam (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1) minimising a stochastic energy
/// Û(θ) (<see cref="IStochasticEnergy"/>): the optimiser counterpart of the Langevin samplers, used for the Adam-trained
/// baselines of Morephy-Net (arXiv 2509.00663, §1.5 of its reproduction plan in docs/morephy.md).
/// m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², θ ← θ − lr·m̂/(√v̂ + ε) with m̂ = m/(1 − β1^k), v̂ = v/(1 − β2^k).
/// </summary>
public static class StochasticAdam
{
    /// <summary>Runs <paramref name="steps"/> Adam steps on <paramref name="theta"/> in place and returns the last energy estimate.</summary>
    /// <param name="energy">The stochastic energy (each step draws one estimate of Û and ∇Û).</param>
    /// <param name="theta">θ₀ in, θ_K out.</param>
    /// <param name="steps">K ≥ 1.</param>
    /// <param name="learningRate">lr &gt; 0 (Kingma and Ba's default 1e-3).</param>
    /// <param name="seed">Seed of the energy's random draws.</param>
    /// <param name="beta1">β1 ∈ [0, 1) (default 0.9).</param>
    /// <param name="beta2">β2 ∈ [0, 1) (default 0.999).</param>
    /// <param name="epsilon">ε &gt; 0 (default 1e-8).</param>
    /// <exception cref="ArithmeticException">The energy estimate became non-finite (the learning rate is too large).</exception>
    public static double Minimize(IStochasticEnergy energy, Span<double> theta, int steps, double learningRate, ulong seed,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(energy);
        Guard.Length(theta.Length, energy.Dimension, nameof(theta));
        Guard.AtLeast(steps, 1, nameof(steps));
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.UnitInterval(beta1, nameof(beta1));
        Guard.UnitInterval(beta2, nameof(beta2));
        Guard.Positive(epsilon, nameof(epsilon));
        int d = theta.Length;
        var g = new double[d];
        var m = new double[d];
        var v = new double[d];
        var rng = new Xoshiro256StarStar(seed);
        double u = double.NaN, b1k = 1, b2k = 1;
        for (int k = 1; k <= steps; k++)
        {
            u = energy.EnergyAndGradient(theta, g, ref rng);
            if (!double.IsFinite(u)) throw new ArithmeticException($"the energy estimate became non-finite at step {k}; reduce the learning rate.");
            b1k *= beta1;
            b2k *= beta2;
            for (int j = 0; j < d; j++)
            {
                m[j] = beta1 * m[j] + (1 - beta1) * g[j];
                v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
                theta[j] -= learningRate * (m[j] / (1 - b1k)) / (Math.Sqrt(v[j] / (1 - b2k)) + epsilon);
            }
        }
        return u;
    }
}
