using PhyToolkit.Core.Configuration;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Federated;

public class FederatedTrainerTests
{
    private static readonly OtaFlExperimentConfig Small = new()
    {
        Workers = 4, SamplesPerWorker = 100, TestSamples = 200, Dimension = 5, Rounds = 40, BatchSize = 8, EvaluateEvery = 10,
    };

    [Theory]
    [InlineData(OtaFlMethod.DigitalAdaGradNorm)]
    [InlineData(OtaFlMethod.OtaAdaGradNormCorrected)]
    [InlineData(OtaFlMethod.NaiveAnalogAdaGradNorm)]
    [InlineData(OtaFlMethod.CentralizedSgd)]
    public void SameSeedGivesIdenticalRuns(OtaFlMethod method)
    {
        var a = OtaFlMethods.Run(method, Small, 7);
        var b = OtaFlMethods.Run(method, Small, 7);
        Assert.Equal(a.TrainLoss, b.TrainLoss);
        Assert.Equal(a.FinalParameters, b.FinalParameters);
        Assert.Equal(a.CumulativeAirtime, b.CumulativeAirtime);
        var c = OtaFlMethods.Run(method, Small, 8);
        Assert.NotEqual(a.FinalParameters, c.FinalParameters);
    }

    [Fact]
    public void DigitalAndNoiselessShareBatchesAndDifferOnlyByFloat32Rounding()
    {
        // common random numbers: (A) and (E) see the same data and mini-batches; the digital link only rounds to
        // float32 (relative 6e-8 per coordinate), so the trajectories agree to ~1e-6 after 40 rounds
        var a = OtaFlMethods.Run(OtaFlMethod.DigitalAdaGradNorm, Small, 3);
        var e = OtaFlMethods.Run(OtaFlMethod.CentralizedSgd, Small, 3);
        for (int i = 0; i < a.TrainLoss.Length; i++) Assert.Equal(e.TrainLoss[i], a.TrainLoss[i], 1e-6);
        Assert.Equal(0, e.CumulativeAirtime[^1]);
    }

    [Fact]
    public void TrainingReducesTheLossForEveryMethod()
    {
        foreach (var m in Enum.GetValues<OtaFlMethod>())
        {
            var r = OtaFlMethods.Run(m, Small with { Rounds = 60 }, 11);
            // ln 2 = 0.693 at w = 0; 60 rounds of any method must make clear progress (well-conditioned 5-D problem)
            Assert.True(r.FinalTrainLoss < 0.9 * r.TrainLoss[0], $"{m}: {r.TrainLoss[0]} -> {r.FinalTrainLoss}");
        }
    }

    [Fact]
    public void LedgerSymbolsMatchTheAccountingPerRound()
    {
        int d = Small.Dimension + 1, T = Small.Rounds, M = Small.Workers, k = Small.Repetitions;
        var a = OtaFlMethods.Run(OtaFlMethod.DigitalAdaGradNorm, Small, 1);
        // digital: 64 uses per coordinate per link, up (per worker) and down (broadcast), no side information
        Assert.Equal(T * (64.0 * d + 64.0 * d), a.CumulativeSymbolsPerWorker[^1], 1e-9);
        Assert.Equal((long)T * (M * 64 * d + 64 * d), a.CumulativeAirtime[^1]);
        var b = OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small, 1);
        // OTA: k d down each round; k d up for every scheduled worker, truncated ones included (their slots are reserved on
        // the shared medium whether or not they transmit); side info: c_m up, c down, ||Delta||_inf down (64 each)
        Assert.True(b.MeanParticipants < M, "the test needs some truncation to check that reserved slots are charged");
        Assert.Equal((long)T * (k * d + M * 64 + 64 + k * d + 64), b.CumulativeAirtime[^1]);
        double upPayloadPerWorker = b.CumulativePayloadSymbolsPerWorker[^1] - (double)T * k * d;
        Assert.Equal((double)T * k * d, upPayloadPerWorker, 1e-6);
    }

    [Fact]
    public void ResyncIsChargedOnlyWhereTheDownlinkIsAnalog()
    {
        int d = Small.Dimension + 1, T = Small.Rounds;
        const int every = 5;
        // (A)'s digital downlink leaves no drift to repair: no resync is sent or charged
        var a0 = OtaFlMethods.Run(OtaFlMethod.DigitalAdaGradNorm, Small, 3);
        var a1 = OtaFlMethods.Run(OtaFlMethod.DigitalAdaGradNorm, Small with { ResyncEvery = every }, 3);
        Assert.Equal(a0.CumulativeAirtime[^1], a1.CumulativeAirtime[^1]);
        Assert.Equal(a0.CumulativeSymbolsPerWorker[^1], a1.CumulativeSymbolsPerWorker[^1]);
        // (B): floor(T / every) resyncs of d float32 at rate 1/2 (64 uses per coordinate) on the broadcast
        var b0 = OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small, 3);
        var b1 = OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { ResyncEvery = every }, 3);
        Assert.Equal(b0.CumulativeAirtime[^1] + (long)(T / every) * 64 * d, b1.CumulativeAirtime[^1]);
        Assert.Equal(b0.CumulativeSymbolsPerWorker[^1] + (T / every) * 64.0 * d, b1.CumulativeSymbolsPerWorker[^1], 1e-9);
    }

    [Fact]
    public void ClientSamplingSchedulesCeilQM()
    {
        var r = OtaFlMethods.Run(OtaFlMethod.CentralizedSgd, Small with { Workers = 10, SamplingFraction = 0.25 }, 2);
        Assert.Equal(3.0, r.MeanParticipants);   // ceil(0.25 * 10) = 3 every round (no channel, so no truncation)
    }

    [Fact]
    public void LocalStepsWithOneStepEqualFedSgd()
    {
        // with LocalSteps = 1 the worker sends its batch gradient; LocalSteps = 2 changes the trajectory
        var one = OtaFlMethods.Run(OtaFlMethod.CentralizedSgd, Small, 4);
        var two = OtaFlMethods.Run(OtaFlMethod.CentralizedSgd, Small with { LocalSteps = 2 }, 4);
        Assert.NotEqual(one.FinalParameters, two.FinalParameters);
        Assert.True(two.FinalTrainLoss < two.TrainLoss[0]);
    }

    [Fact]
    public void EngineAcceptsOtherServerOptimizers()
    {
        var task = OtaFlMethods.CreateTask(Small, 5);
        var baseCfg = OtaFlMethods.BuildConfig(OtaFlMethod.OtaAdaGradNormCorrected, Small);
        foreach (Func<int, IServerOptimizer> f in new Func<int, IServerOptimizer>[] { d => new FedAdagradServerOptimizer(d), d => new FedAdamServerOptimizer(d, eta: 0.05) })
        {
            var r = FederatedTrainer.Run(OtaFlMethods.CreateModel(Small), task, baseCfg with { ServerOptimizer = f }, 5);
            Assert.True(r.FinalTrainLoss < r.TrainLoss[0], $"{r.Method}: {r.TrainLoss[0]} -> {r.FinalTrainLoss}");
        }
    }

    [Fact]
    public void BadInputNamesTheField()
    {
        // the experiment record is validated once (OtaFlExperimentConfig.Validate): a ConfigException naming the camelCase path
        string Path(Action a) => Assert.Throws<ConfigException>(a).Path;
        Assert.Equal("config.snrDb", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { SnrDb = double.NaN }, 1)));
        Assert.Equal("config.workers", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { Workers = 0 }, 1)));
        Assert.Equal("config.dirichletAlpha", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { DirichletAlpha = 0 }, 1)));
        Assert.Equal("config.dirichletAlpha", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { DirichletAlpha = -0.5 }, 1)));
        Assert.Equal("config.adcBits", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { AdcBits = 0 }, 1)));
        Assert.Equal("config.samplingFraction", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { SamplingFraction = 0 }, 1)));
        Assert.Equal("config.samplingFraction", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { SamplingFraction = 1.5 }, 1)));
        Assert.Equal("config.samplingFraction", Path(() => OtaFlMethods.Run(OtaFlMethod.OtaAdaGradNormCorrected, Small with { SamplingFraction = double.NaN }, 1)));
        // engine-level checks (FederatedTrainer, UplinkOptions) name their own fields
        string Param(Action a) => Assert.ThrowsAny<ArgumentException>(a).ParamName!;
        var task = OtaFlMethods.CreateTask(Small, 1);
        var cfg = OtaFlMethods.BuildConfig(OtaFlMethod.OtaAdaGradNormCorrected, Small);
        var model = OtaFlMethods.CreateModel(Small);
        Assert.Equal("config.Workers", Param(() => FederatedTrainer.Run(model, task with { Partition = Array.Empty<int[]>() }, cfg, 1)));
        Assert.Equal("config.SamplingFraction", Param(() => FederatedTrainer.Run(model, task, cfg with { SamplingFraction = -0.1 }, 1)));
        Assert.Equal("options.NoiseStd", Param(() => FederatedTrainer.Run(model, task, cfg with { Uplink = cfg.Uplink with { NoiseStd = double.NaN } }, 1)));
        Assert.Equal("bits", Param(() => new UniformQuantizer(0, 1)));
        // the message carries the allowed range
        var ex = Assert.Throws<ConfigException>(() => OtaFlMethods.Validate(Small with { SamplingFraction = 0 }));
        Assert.Contains("(0, 1]", ex.Message);
    }
}
