using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;
using TorchSharp;

namespace PhyToolkit.Learning.Tests.Federated;

public class MlpModelTests
{
    [Theory]
    [InlineData(MlpActivation.Tanh)]
    [InlineData(MlpActivation.Relu)]
    public void MlpGradientMatchesCentralFiniteDifferences(MlpActivation activation)
    {
        var task = SyntheticDatasets.GaussianMixtureD2(1, workers: 2, trainSamples: 30, testSamples: 5, dimension: 3, classes: 3,
            partitioner: new IidPartitioner());
        var model = new MlpModel(3, 3, 4, activation, MlpModel.GlorotBasePoint(3, 3, 4, 7));
        var rng = new Xoshiro256StarStar(5);
        var p = new double[model.ParameterCount];
        for (int i = 0; i < p.Length; i++) p[i] = 0.3 * rng.NextGaussian();
        var idx = new[] { 0, 2, 5, 9, 9, 17 };
        var g = new double[p.Length];
        model.LossAndGradient(p, task.Train, idx, g);
        const double h = 1e-5;
        double err2 = 0, norm2 = 0;
        for (int j = 0; j < p.Length; j++)
        {
            double keep = p[j];
            p[j] = keep + h; double fp = model.LossAndGradient(p, task.Train, idx, Span<double>.Empty);
            p[j] = keep - h; double fm = model.LossAndGradient(p, task.Train, idx, Span<double>.Empty);
            p[j] = keep;
            double fd = (fp - fm) / (2 * h);
            err2 += (fd - g[j]) * (fd - g[j]); norm2 += g[j] * g[j];
        }
        // central differences: truncation O(h^2 f''') ~ 1e-10, round-off ~ eps |f| / h ~ 1e-11, against |g| ~ 0.1-1, so the
        // relative error is ~1e-9 in float64; 1e-6 is the brief's bound. (ReLU: with this seed no pre-activation lies within
        // h of a kink, where the difference quotient would be meaningless.)
        Assert.True(norm2 > 1e-6, "gradient must be non-trivial");
        Assert.True(Math.Sqrt(err2 / norm2) < 1e-6, $"relative error {Math.Sqrt(err2 / norm2):E2}");
    }

    [Fact]
    public void LossAndAccuracyOfHandSetParametersMatchHandComputation()
    {
        // d = 2, H = 2, C = 2, tanh. Layout W1 (2x2), b1 (2), W2 (2x2), b2 (2).
        var data = new LabeledDataset([1.0, -1.0, 0.5, 2.0, -1.5, 0.25], [0, 1, 1], 2, 2);
        double[] p = [0.5, -0.25, 1.0, 0.75, 0.1, -0.2, 1.5, -1.0, -0.5, 2.0, 0.05, -0.05];
        var model = new MlpModel(2, 2, 2, MlpActivation.Tanh);
        Assert.Equal(12, model.ParameterCount);

        double[] Logits(double x0, double x1)
        {
            double h0 = Math.Tanh(0.5 * x0 - 0.25 * x1 + 0.1), h1 = Math.Tanh(1.0 * x0 + 0.75 * x1 - 0.2);
            return [1.5 * h0 - 1.0 * h1 + 0.05, -0.5 * h0 + 2.0 * h1 - 0.05];
        }
        static double Nll(double[] z, int y) => Math.Log(Math.Exp(z[0]) + Math.Exp(z[1])) - z[y];
        var z0 = Logits(1.0, -1.0); var z1 = Logits(0.5, 2.0); var z2 = Logits(-1.5, 0.25);
        double full = (Nll(z0, 0) + Nll(z1, 1) + Nll(z2, 1)) / 3;
        int correct = (z0[0] > z0[1] ? 1 : 0) + (z1[1] > z1[0] ? 1 : 0) + (z2[1] > z2[0] ? 1 : 0);

        // same float64 operations in a different order: agreement to a few ulps of the O(1) loss
        Assert.Equal(full, model.FullLossAndGradient(p, data, Span<double>.Empty), 1e-12);
        Assert.Equal((Nll(z1, 1) + Nll(z2, 1)) / 2, model.LossAndGradient(p, data, new[] { 1, 2 }, Span<double>.Empty), 1e-12);
        Assert.Equal(correct / 3.0, model.Accuracy(p, data));   // exact: a count over 3 (no near-ties: margins > 0.1)
        Assert.All(new[] { z0, z1, z2 }, z => Assert.True(Math.Abs(z[0] - z[1]) > 0.1));

        // base point: weights = theta0 + parameters, so (theta0 = p, parameters = 0) gives the same loss exactly
        var shifted = new MlpModel(2, 2, 2, MlpActivation.Tanh, p);
        Assert.Equal(model.FullLossAndGradient(p, data, Span<double>.Empty), shifted.FullLossAndGradient(new double[12], data, Span<double>.Empty));
    }

    [Fact]
    public void ShortCentralisedRunWithMlpLowersTrainingLoss()
    {
        var cfg = new OtaFlExperimentConfig
        {
            Model = "mlp", HiddenUnits = 8, Workers = 3, SamplesPerWorker = 40, TestSamples = 40, Dimension = 5,
            Rounds = 40, EvaluateEvery = 40, BatchSize = 16,
        };
        Assert.IsType<MlpModel>(OtaFlMethods.CreateModel(cfg, 1));
        var r = OtaFlMethods.Run(OtaFlMethod.CentralizedSgd, cfg, 1);
        // (E) with AdaGrad-Norm on a separable-but-noisy logistic task: 40 rounds must make real progress from the Glorot
        // start (loss ~ ln 2); a 10% drop is far beyond batch noise of the full-data evaluation (which has none).
        Assert.True(r.FinalTrainLoss < 0.9 * r.TrainLoss[0], $"train loss {r.TrainLoss[0]:F4} -> {r.FinalTrainLoss:F4}");
        Assert.All(r.TrainLoss, l => Assert.True(double.IsFinite(l)));
        Assert.True(r.FinalTestAccuracy > 0.5, $"accuracy {r.FinalTestAccuracy}");
    }

    [Fact]
    public void LiveTensorCountDoesNotGrowAcrossCalls()
    {
        var task = SyntheticDatasets.LogisticD1(2, workers: 1, samplesPerWorker: 20, dimension: 4, testSamples: 5);
        var model = new MlpModel(4, 2, 6, MlpActivation.Relu, MlpModel.GlorotBasePoint(4, 2, 6, 3));
        var p = new double[model.ParameterCount];
        var g = new double[p.Length];
        var idx = new[] { 1, 4, 9 };
        model.LossAndGradient(p, task.Train, idx, g);   // warm-up
        model.Accuracy(p, task.Train);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int k = 0; k < 200; k++)
        {
            model.LossAndGradient(p, task.Train, idx, g);
            model.FullLossAndGradient(p, task.Train, Span<double>.Empty);
            model.Accuracy(p, task.Train);
        }
        // every call disposes its scope: the live count is back to exactly where it was
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // the counter does see tensors that are not disposed (so the check above can fail)
        var leak = torch.zeros(3);
        Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        leak.Dispose();
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void DefaultConfigKeepsTheLinearModels()
    {
        Assert.IsType<LogisticRegressionModel>(OtaFlMethods.CreateModel(new OtaFlExperimentConfig()));
        Assert.IsType<SoftmaxRegressionModel>(OtaFlMethods.CreateModel(new OtaFlExperimentConfig { DataSet = OtaFlDataSet.D2GaussianMixture }));
        var mlp = Assert.IsType<MlpModel>(OtaFlMethods.CreateModel(new OtaFlExperimentConfig { Model = "MLP", HiddenActivation = "relu", DataSet = OtaFlDataSet.D2GaussianMixture }));
        Assert.Equal((32, 10, MlpActivation.Relu), (mlp.HiddenUnits, mlp.Classes, mlp.Activation));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(MlpModel.MaxHiddenUnits + 1)]
    public void BadHiddenUnitsRejected(int hidden)
    {
        var e = Assert.Throws<ConfigException>(() => OtaFlMethods.CreateModel(new OtaFlExperimentConfig { Model = "mlp", HiddenUnits = hidden }));
        Assert.Equal("config.hiddenUnits", e.Path);
        Assert.Contains($"[1, {MlpModel.MaxHiddenUnits}]", e.Message);
        Assert.Equal("hiddenUnits", Assert.Throws<ArgumentOutOfRangeException>(() => new MlpModel(3, 2, hidden)).ParamName);
    }

    [Fact]
    public void BadModelNameAndParameterLengthRejected()
    {
        Assert.Equal("config.model", Assert.Throws<ConfigException>(() => OtaFlMethods.CreateModel(new OtaFlExperimentConfig { Model = "cnn" })).Path);
        Assert.Equal("config.hiddenActivation", Assert.Throws<ConfigException>(() => OtaFlMethods.CreateModel(new OtaFlExperimentConfig { HiddenActivation = "sigmoid" })).Path);
        var model = new MlpModel(2, 2, 2);
        var data = new LabeledDataset([1.0, 2.0], [0], 2, 2);
        Assert.Throws<ArgumentException>(() => model.FullLossAndGradient(new double[5], data, Span<double>.Empty));
        Assert.Throws<ArgumentException>(() => new MlpModel(2, 2, 2, basePoint: new double[3]));
    }
}
