using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Sampling;

namespace PhyToolkit.Optimization.Tests.Sampling;

/// <summary>
/// 1-D double well U(θ) = a(θ² − 1)² + cθ, with optional additive N(0, σ_E²) noise on every energy estimate and
/// N(0, σ_g²) noise on every gradient estimate (a stand-in for mini-batch noise).
/// </summary>
public sealed class DoubleWell(double height = 5, double tilt = 0, double energyNoise = 0, double gradientNoise = 0) : IStochasticEnergy
{
    public int Dimension => 1;
    public double Exact(double t) => height * (t * t - 1) * (t * t - 1) + tilt * t;

    public double EnergyAndGradient(ReadOnlySpan<double> theta, Span<double> gradient, ref Xoshiro256StarStar rng)
    {
        double t = theta[0];
        gradient[0] = 4 * height * t * (t * t - 1) + tilt + (gradientNoise > 0 ? gradientNoise * rng.NextGaussian() : 0);
        return Exact(t) + (energyNoise > 0 ? energyNoise * rng.NextGaussian() : 0);
    }

    public double Energy(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng) =>
        Exact(theta[0]) + (energyNoise > 0 ? energyNoise * rng.NextGaussian() : 0);

    /// <summary>P(θ &lt; 0) under exp(−U/τ), by the trapezoid rule on [−4, 4] (the density is negligible beyond).</summary>
    public double LeftWellProbability(double temperature)
    {
        double left = 0, total = 0;
        const int n = 80000;
        double h = 8.0 / n;
        for (int i = 0; i <= n; i++)
        {
            double t = -4 + i * h, w = (i == 0 || i == n ? 0.5 : 1) * Math.Exp(-Exact(t) / temperature);
            total += w;
            if (t < 0) left += w;
        }
        return left / total;
    }
}

/// <summary>Gaussian energy U(θ) = ½ θᵀ P θ (precision P, covariance P⁻¹), exact gradient.</summary>
public sealed class GaussianEnergy(double[,] precision) : IStochasticEnergy
{
    public int Dimension => precision.GetLength(0);

    public double EnergyAndGradient(ReadOnlySpan<double> theta, Span<double> gradient, ref Xoshiro256StarStar rng)
    {
        double u = 0;
        for (int i = 0; i < Dimension; i++)
        {
            double gi = 0;
            for (int j = 0; j < Dimension; j++) gi += precision[i, j] * theta[j];
            gradient[i] = gi;
            u += 0.5 * theta[i] * gi;
        }
        return u;
    }

    public double Energy(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng)
    {
        Span<double> g = stackalloc double[Dimension];
        return EnergyAndGradient(theta, g, ref rng);
    }
}
