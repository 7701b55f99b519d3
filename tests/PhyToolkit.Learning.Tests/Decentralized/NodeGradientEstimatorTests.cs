using PhyToolkit.Core.LinearAlgebra;
using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Decentralized;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Decentralized;

public class NodeGradientEstimatorTests
{
    private static readonly SyntheticTask Task = SyntheticDatasets.GaussianMixtureD2(2, 4, 400, 100, dimension: 4, classes: 3);
    private static readonly SoftmaxRegressionModel Model = new(4, 3);

    private static double[] Point(ulong seed, double scale)
    {
        var rng = new Xoshiro256StarStar(seed);
        var p = new double[Model.ParameterCount];
        for (int j = 0; j < p.Length; j++) p[j] = scale * rng.NextGaussian();
        return p;
    }

    [Theory]
    [InlineData(GradientEstimator.Plain)]
    [InlineData(GradientEstimator.LSvrg)]
    public void WithoutNoiseAndClippingTheMeanIsTheLocalFullGradient(GradientEstimator kind)
    {
        var local = Task.Partition[1];
        var est = new NodeGradientEstimator(Model, Task.Train, local, kind);
        var rng = new Xoshiro256StarStar(9);
        est.RefreshSnapshot(Point(1, 0.5), double.PositiveInfinity, 0, ref rng);
        var z = Point(2, 0.5);
        var full = new double[Model.ParameterCount];
        Model.LossAndGradient(z, Task.Train, local, full);
        // Monte Carlo mean over N draws (q = 0.2); per coordinate the error is compared with 5 standard errors of the
        // sample mean (a 5σ miss on any of 15 coordinates has probability < 1e-5 for a Gaussian mean)
        const int N = 20_000;
        var sum = new double[full.Length]; var sq = new double[full.Length]; var g = new double[full.Length];
        for (int t = 0; t < N; t++)
        {
            est.Estimate(z, 0.2, double.PositiveInfinity, 0, g, ref rng);
            for (int j = 0; j < g.Length; j++) { sum[j] += g[j]; sq[j] += g[j] * g[j]; }
        }
        for (int j = 0; j < g.Length; j++)
        {
            double mean = sum[j] / N, sd = Math.Sqrt(Math.Max(0, sq[j] / N - mean * mean));
            Assert.True(Math.Abs(mean - full[j]) <= 5 * sd / Math.Sqrt(N) + 1e-12, $"coord {j}: {mean} vs {full[j]} (sd {sd})");
        }
    }

    [Fact]
    public void VarianceIsZeroAtTheSnapshotAndGrowsWithTheDistanceFromIt()
    {
        var local = Task.Partition[0];
        var est = new NodeGradientEstimator(Model, Task.Train, local, GradientEstimator.LSvrg);
        var rng = new Xoshiro256StarStar(4);
        var w = Point(3, 0.5);
        est.RefreshSnapshot(w, double.PositiveInfinity, 0, ref rng);
        var g = new double[w.Length];
        double Spread(double distance)
        {
            var dir = Point(5, 1);
            double nrm = VectorOps.Norm(dir);
            var z = new double[w.Length];
            for (int j = 0; j < z.Length; j++) z[j] = w[j] + distance * dir[j] / nrm;
            var mean = new double[w.Length];
            var draws = new List<double[]>();
            for (int t = 0; t < 400; t++) { est.Estimate(z, 0.2, double.PositiveInfinity, 0, g, ref rng); draws.Add((double[])g.Clone()); }
            foreach (var d in draws) for (int j = 0; j < d.Length; j++) mean[j] += d[j] / draws.Count;
            double v = 0;
            foreach (var d in draws) v += VectorOps.DistanceSquared(d, mean) / draws.Count;
            return v;
        }
        // at z = w̃ every draw is exactly μ̃ (the differences vanish); what remains is the rounding of the running mean
        Assert.True(Spread(0) < 1e-24, $"{Spread(0)}");
        est.Estimate(w, 0.2, double.PositiveInfinity, 0, g, ref rng);
        Assert.Equal(est.SnapshotGradient.ToArray(), g);
        double v1 = Spread(0.1), v2 = Spread(1.0);
        Assert.True(v1 > 0 && v2 > 10 * v1, $"{v1} {v2}"); // ≈ quadratic in the distance for a smooth loss (≈ 100×)
    }

    [Fact]
    public void FusionStartsWithTheFirstGradientAndWeighsFreshGradientsByTheNoiseRatio()
    {
        var f = new GradientFusion(2, 0.25);
        Assert.Equal([1.0, 2.0], f.Update([1, 2], 0.25).ToArray());
        Assert.Equal([0.25 * 5 + 0.75 * 1, 0.25 * 6 + 0.75 * 2], f.Update([5, 6], 0.25).ToArray());
        Assert.Equal(0.25, f.Beta(2, 2));
        Assert.Equal(0.25 / 0.49, f.Beta(1, 0.7), 1e-15);
        Assert.Equal(1, f.Beta(1, 0.3));
        Assert.Equal(1, new GradientFusion(2, 1).Beta(5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientFusion(2, 0));
    }
}
