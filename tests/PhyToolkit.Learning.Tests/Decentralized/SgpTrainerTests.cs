using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Decentralized;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Decentralized;

public class SgpTrainerTests
{
    private static SyntheticTask Logistic(int n) => SyntheticDatasets.LogisticD1(3, n, 100, dimension: 5, testSamples: 500);

    private sealed class TwoIslands(int n) : IDirectedTopology
    {
        public int NodeCount => n;
        public int MaxOutDegree => 1;
        public int ConnectivityWindow => 3;
        public string Name => "islands";
        public int OutPeers(long iteration, int node, Span<int> peers)
        {
            int half = n / 2, start = node < half ? 0 : half, size = node < half ? half : n - half;
            peers[0] = start + (node - start + 1) % size;
            return 1;
        }
    }

    [Fact]
    public void NonPrivateVarianceReducedSgpReachesTheCentralisedOptimumOfAConvexProblem()
    {
        // reference optimum: full-batch gradient descent on the pooled data (logistic loss is convex and smooth; 20 000
        // steps of size 1 reach its minimum to ≪ 1e-6 on this well-conditioned 6-parameter problem)
        var task = Logistic(8);
        var model = new LogisticRegressionModel(5);
        var w = new double[model.ParameterCount];
        var g = new double[w.Length];
        double fStar = 0;
        for (int t = 0; t < 20_000; t++)
        {
            fStar = model.FullLossAndGradient(w, task.Train, g);
            for (int j = 0; j < w.Length; j++) w[j] -= g[j];
        }
        var options = new SgpOptions
        {
            Iterations = 1500, BatchSize = 10, Private = false, Estimator = GradientEstimator.LSvrg, LearningRate = 0.5,
            LearningRateDecay = 0.5, StageLength = 300, FusionBeta0 = 1, EvaluateEvery = 100,
        };
        var r = SgpTrainer.Run(model, task, new DirectedExponentialGraph(8), options, 5);
        // tolerance 2e-3: the constant-within-stage step leaves an O(η) consensus bias on heterogeneous local data
        Assert.InRange(r.TrainLoss[^1], fStar - 1e-9, fStar + 2e-3);
        Assert.True(r.TrainLoss[^1] < r.TrainLoss[0] - 0.1);
        Assert.True(r.ConsensusError[^1] < 1e-3, $"consensus {r.ConsensusError[^1]}");
    }

    [Fact]
    public void PrivateRunsSpendExactlyTheirPersonalisedBudgetsAndAreDeterministic()
    {
        var task = Logistic(6);
        var model = new LogisticRegressionModel(5);
        var options = SgpOptions.For(SgpMethod.AdpVrsgp, new SgpOptions
        {
            Iterations = 200, BatchSize = 10, StageLength = 50, Epsilons = [1, 1, 2, 2, 8, 8], EvaluateEvery = 50,
        });
        var a = SgpTrainer.Run(model, task, new DirectedExponentialGraph(6), options, 11);
        var b = SgpTrainer.Run(model, task, new DirectedExponentialGraph(6), options, 11);
        Assert.Equal(a.FinalModel, b.FinalModel);
        Assert.Equal(a.TrainLoss, b.TrainLoss);
        for (int i = 0; i < 6; i++)
        {
            // the run's own ledger (step-by-step records) against the calibrator's target: within its 1e-4 tolerance
            Assert.InRange(a.EpsilonSpent[^1][i], options.Epsilons[i] - 1e-3, options.Epsilons[i] + 1e-9);
            for (int e = 1; e < a.EpsilonSpent.Length; e++) Assert.True(a.EpsilonSpent[e][i] >= a.EpsilonSpent[e - 1][i]);
        }
        // a smaller budget needs a larger initial noise multiplier
        Assert.True(a.InitialNoiseMultiplier[0] > a.InitialNoiseMultiplier[4]);
    }

    [Fact]
    public void MethodPresetsDifferOnlyWhereTheMethodsDiffer()
    {
        var shared = new SgpOptions { Epsilons = [2, 4] };
        var sgp = SgpOptions.For(SgpMethod.Sgp, shared);
        Assert.False(sgp.Private);
        Assert.Equal(GradientEstimator.Plain, sgp.Estimator);
        var dp = SgpOptions.For(SgpMethod.DpSgp, shared);
        Assert.True(dp.Private);
        Assert.Equal(GradientEstimator.Plain, dp.Estimator);
        Assert.Equal(1, dp.NoiseSchedule.Factor(1999));
        Assert.Equal(dp.LearningRate, dp.StepAt(1999));
        var priv = SgpOptions.For(SgpMethod.PrivSgpVr, shared);
        Assert.Equal(GradientEstimator.LSvrg, priv.Estimator);
        Assert.Equal(1, priv.FusionBeta0);
        var noFusion = SgpOptions.For(SgpMethod.AdpVrsgpNoFusion, shared);
        var adp = SgpOptions.For(SgpMethod.AdpVrsgp, shared);
        Assert.Equal(1, noFusion.FusionBeta0);
        Assert.Equal(shared.FusionBeta0, adp.FusionBeta0);
        // stepwise decay: σ_k/σ_0 = γ_s^⌊k/S⌋ and η_k = η_0 γ_η^⌊k/S⌋ (defaults S = 400, γ = 0.7)
        Assert.Equal(0.7 * 0.7, adp.NoiseSchedule.Factor(800), 1e-15);
        Assert.Equal(1, adp.NoiseSchedule.Factor(399));
        Assert.Equal(0.5 * 0.7, adp.StepAt(400), 1e-15);
        Assert.Equal(noFusion with { FusionBeta0 = adp.FusionBeta0 }, adp);
    }

    [Fact]
    public void BadInputGivesClearErrors()
    {
        var task = Logistic(6);
        var model = new LogisticRegressionModel(5);
        var ok = new SgpOptions { Iterations = 10, BatchSize = 10, Epsilons = [1, 1, 1, 1, 1, 1] };
        var topo = new DirectedExponentialGraph(6);
        var ex = Assert.Throws<ArgumentException>(() => SgpTrainer.Run(model, task, new TwoIslands(6), ok, 1));
        Assert.Contains("not strongly connected", ex.Message);
        var e0 = Assert.Throws<ArgumentOutOfRangeException>(() => SgpTrainer.Run(model, task, topo, ok with { Epsilons = [1, 1, 0, 1, 1, 1] }, 1));
        Assert.Contains("Epsilons[2]", e0.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SgpTrainer.Run(model, task, topo, ok with { Epsilons = [1, 1, -2, 1, 1, 1] }, 1));
        foreach (double delta in new[] { 0.0, 1.0, -0.5, 2.0 })
        {
            var ed = Assert.Throws<ArgumentOutOfRangeException>(() => SgpTrainer.Run(model, task, topo, ok with { Delta = delta }, 1));
            Assert.Contains("Delta", ed.Message);
            Assert.Contains("(0, 1)", ed.Message);
        }
        Assert.Throws<ArgumentException>(() => SgpTrainer.Run(model, task, topo, ok with { Epsilons = [1, 1] }, 1));
        Assert.Throws<ArgumentException>(() => SgpTrainer.Run(model, task, new DirectedRing(5), ok, 1));
    }
}
