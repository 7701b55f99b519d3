using PhyToolkit.Learning.Federated;
using PhyToolkit.Learning.Unlearning;

namespace PhyToolkit.Learning.Tests.Federated;

/// <summary>The engine's round hook: a FedAvg plan over equal clients is the engine's own mean bit for bit; early stop; the over-the-air path.</summary>
public class RoundHookTests
{
    private static readonly SyntheticTask Task = SyntheticDatasets.LogisticD1(3, workers: 4, samplesPerWorker: 50, dimension: 5, testSamples: 100);
    private static readonly FedAvgSettings Settings = new() { LocalSteps = 2, LocalLearningRate = 0.1, BatchSize = 8 };

    private static int[] Sizes => [.. Task.Partition.Select(p => p.Length)];

    [Fact]
    public void EqualClientFedAvgPlanEqualsTheHooklessEngineBitForBit()
    {
        var model = new LogisticRegressionModel(5);
        var hooked = FederatedTrainer.Run(model, Task, Settings.ToConfig(6, 0, null, new FederatedUnlearningServer(Sizes)), 4);
        var plain = FederatedTrainer.Run(model, Task, Settings.ToConfig(6, 0, null, new FederatedUnlearningServer(Sizes)) with { RoundHook = null }, 4);
        Assert.Equal(plain.FinalParameters, hooked.FinalParameters);   // weights n/(4n) = 1/4, pre-scale 4 x 1/4 = 1 exactly
    }

    [Fact]
    public void ObserverStopsTheRunAndContinuationStartsFromTheGivenModel()
    {
        var model = new LogisticRegressionModel(5);
        var server = new FederatedUnlearningServer(Sizes) { Observer = (round, _) => round < 2 };
        var stopped = FederatedTrainer.Run(model, Task, Settings.ToConfig(10, 0, null, server), 4);
        Assert.Equal(3, stopped.Rounds[^1]);
        var full = FederatedTrainer.Run(model, Task, Settings.ToConfig(5, 0, null, new FederatedUnlearningServer(Sizes)), 4);
        var first = FederatedTrainer.Run(model, Task, Settings.ToConfig(3, 0, null, new FederatedUnlearningServer(Sizes)), 4);
        var rest = FederatedTrainer.Run(model, Task, Settings.ToConfig(2, 3, first.FinalParameters, new FederatedUnlearningServer(Sizes)), 4);
        Assert.Equal(full.FinalParameters, rest.FinalParameters);   // same rounds, same streams: a split run is the same run
    }

    [Fact]
    public void OverTheAirUplinkCarriesNegativeWeightsAndApproachesTheIdealAtHighSnr()
    {
        var model = new LogisticRegressionModel(5);
        double[] w0 = [.. Enumerable.Range(0, model.ParameterCount).Select(i => 0.1 * i)];
        FederatedUnlearningServer Server()
        {
            var s = new FederatedUnlearningServer(Sizes);
            s.Submit(new UnlearningRequest(0, [1], UnlearningMode.PufRegular, 20));
            return s;
        }
        var ideal = FederatedTrainer.Run(model, Task, Settings.ToConfig(1, 0, w0, Server()), 4).FinalParameters;
        double Err(double snrDb)
        {
            var w = FederatedTrainer.Run(model, Task, (Settings with { OtaSnrDb = snrDb }).ToConfig(1, 0, w0, Server()), 4).FinalParameters;
            return Math.Sqrt(w.Select((v, i) => (v - ideal[i]) * (v - ideal[i])).Sum());
        }
        double step = Math.Sqrt(ideal.Select((v, i) => (v - w0[i]) * (v - w0[i])).Sum());
        // noise std on the aggregate scales as 10^(-SNR/20): 60 dB leaves ~1e-3 of the step, 20 dB ~1e-1 (digital downlink is float32: 1e-7)
        Assert.True(Err(60) < 1e-2 * step, $"{Err(60)} vs step {step}");
        Assert.True(Err(20) > Err(60));
    }
}
