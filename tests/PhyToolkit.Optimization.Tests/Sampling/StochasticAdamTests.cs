using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Sampling;

namespace PhyToolkit.Optimization.Tests.Sampling;

public class StochasticAdamTests
{
    // U(θ) = ½ Σ c_j (θ_j − 1)² with very different curvatures c = (100, 1, 0.01): Adam's per-coordinate scaling moves each
    // coordinate at about lr per step whatever c_j is, so 3000 steps at lr 0.01 reach the minimum from θ = 0 in every coordinate
    // (the final oscillation of Adam is of order lr; tolerance 0.05).
    private sealed class Quadratic : IStochasticEnergy
    {
        private static readonly double[] C = [100, 1, 0.01];
        public int Dimension => 3;
        public double EnergyAndGradient(ReadOnlySpan<double> theta, Span<double> gradient, ref Xoshiro256StarStar rng)
        {
            for (int j = 0; j < 3; j++) gradient[j] = C[j] * (theta[j] - 1);
            return Energy(theta, ref rng);
        }
        public double Energy(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng)
        {
            double u = 0;
            for (int j = 0; j < 3; j++) u += 0.5 * C[j] * (theta[j] - 1) * (theta[j] - 1);
            return u;
        }
    }

    [Fact]
    public void AdamReachesTheMinimumOfAnIllConditionedQuadratic()
    {
        var theta = new double[3];
        double u = StochasticAdam.Minimize(new Quadratic(), theta, 3000, 0.01, 1);
        foreach (double t in theta) Assert.Equal(1.0, t, 0.05);
        Assert.True(u < 1e-2, $"final energy {u}");
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var theta = new double[3];
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => StochasticAdam.Minimize(new Quadratic(), theta, 10, 0, 1)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => StochasticAdam.Minimize(new Quadratic(), theta, 0, 0.1, 1)).ParamName);
        Assert.Throws<ArgumentException>(() => StochasticAdam.Minimize(new Quadratic(), new double[2], 10, 0.1, 1));
        Assert.Equal(new double[3], theta);
    }
}
