using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Federated;

public class ModelTests
{
    private static void CheckFiniteDifferences(IFederatedModel model, LabeledDataset data, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var p = new double[model.ParameterCount];
        for (int i = 0; i < p.Length; i++) p[i] = 0.3 * rng.NextGaussian();
        var idx = new[] { 0, 3, 5, 7, 7, 11 };
        var g = new double[p.Length];
        model.LossAndGradient(p, data, idx, g);
        const double h = 1e-5;
        for (int j = 0; j < p.Length; j++)
        {
            double keep = p[j];
            p[j] = keep + h; double fp = model.LossAndGradient(p, data, idx, Span<double>.Empty);
            p[j] = keep - h; double fm = model.LossAndGradient(p, data, idx, Span<double>.Empty);
            p[j] = keep;
            // central difference error O(h^2 f''') ~ 1e-10 for these smooth losses; 1e-7 absolute + 1e-6 relative
            Assert.Equal((fp - fm) / (2 * h), g[j], 1e-7 + 1e-6 * Math.Abs(g[j]));
        }
    }

    [Fact]
    public void LogisticGradientMatchesFiniteDifferences()
    {
        var task = SyntheticDatasets.LogisticD1(1, workers: 2, samplesPerWorker: 10, dimension: 5, testSamples: 5);
        CheckFiniteDifferences(new LogisticRegressionModel(5), task.Train, 2);
    }

    [Fact]
    public void SoftmaxGradientMatchesFiniteDifferences()
    {
        var task = SyntheticDatasets.GaussianMixtureD2(1, workers: 2, trainSamples: 40, testSamples: 5, dimension: 4, classes: 3,
            partitioner: new IidPartitioner());
        CheckFiniteDifferences(new SoftmaxRegressionModel(4, 3), task.Train, 3);
    }

    [Fact]
    public void ZeroParametersGiveLogOfClassCount()
    {
        // reference values: at w = 0 every class has probability 1/C, so the loss is ln C exactly
        var d1 = SyntheticDatasets.LogisticD1(4, workers: 1, samplesPerWorker: 50, dimension: 3, testSamples: 5);
        Assert.Equal(Math.Log(2), new LogisticRegressionModel(3).FullLossAndGradient(new double[4], d1.Train, Span<double>.Empty), 1e-14);
        var d2 = SyntheticDatasets.GaussianMixtureD2(4, workers: 1, trainSamples: 50, testSamples: 5, dimension: 3, classes: 5, partitioner: new IidPartitioner());
        Assert.Equal(Math.Log(5), new SoftmaxRegressionModel(3, 5).FullLossAndGradient(new double[20], d2.Train, Span<double>.Empty), 1e-14);
    }

    [Fact]
    public void D1LabelNoiseRateIsTenPercent()
    {
        // the teacher's accuracy on its own data equals 1 - label noise: binomial SE sqrt(0.09/n), 4 SE
        var task = SyntheticDatasets.LogisticD1(9, workers: 10, samplesPerWorker: 1000, dimension: 20, testSamples: 10);
        var model = new LogisticRegressionModel(20);
        // rebuild the teacher direction from the generator's data stream (its first d Gaussian draws; the norm does not
        // change the sign of w*.x), then its accuracy on the noisy labels must be 1 - 0.1
        var w = new double[21];
        var rng = new Xoshiro256StarStar(PhyToolkit.Core.Random.SeedMixer.Mix(9, RandomStreams.Data));
        for (int j = 0; j < 20; j++) w[j] = rng.NextGaussian();
        double acc = model.Accuracy(w, task.Train);
        int n = task.Train.Count;
        Assert.InRange(acc, 0.9 - 4 * Math.Sqrt(0.09 / n), 0.9 + 4 * Math.Sqrt(0.09 / n));
    }
}
