using PhyToolkit.Core.Configuration;
using PhyToolkit.Learning.Unlearning;

namespace PhyToolkit.Scenarios.UnlearningPuf;

/// <summary>
/// Parameters of the <c>unlearning-puf</c> scenario (docs/unlearning-puf.md). Defaults are the reproduction plan's
/// ([Proposed], scaled from the code of arXiv 2504.05822) after the plan's one-time canary calibration on this machine:
/// 1,000 natural training samples, class-mean scale 1 and local rate 0.3 so that the original model memorises its
/// canaries (plan: 10,000 samples, scale 2, rate 0.1, where the MLP did not memorise within the budget). JSON names are camelCase.
/// </summary>
public sealed record UnlearningPufParameters : IValidatable
{
    /// <summary>Feature dimension d (plan 32).</summary>
    public int Dimension { get; init; } = 32;
    /// <summary>Classes C (plan 10).</summary>
    public int Classes { get; init; } = 10;
    /// <summary>Natural training samples over all clients (calibrated: 1,000).</summary>
    public int TrainSamples { get; init; } = 1000;
    /// <summary>Test samples.</summary>
    public int TestSamples { get; init; } = 1000;
    /// <summary>Clients K (code: 10).</summary>
    public int Clients { get; init; } = 10;
    /// <summary>Dirichlet alpha of the label skew (code, CIFAR-10: 0.3).</summary>
    public double DirichletAlpha { get; init; } = 0.3;
    /// <summary>Class-mean scale, mu_c = scale N(0, I) (calibrated: 1; plan 2).</summary>
    public double MeanScale { get; init; } = 1;
    /// <summary>Canaries per forgotten client (calibrated: 50; plan 100).</summary>
    public int CanariesPerClient { get; init; } = 50;
    /// <summary>Hidden width of the ReLU MLP (plan 128).</summary>
    public int HiddenUnits { get; init; } = 128;
    /// <summary>Model back end: "managed" (the managed ReLU MLP, default) or "torchsharp" (the TorchSharp MLP, same architecture, slower).</summary>
    public string Model { get; init; } = "managed";
    /// <summary>Rounds T of the original training and of retrain-from-scratch.</summary>
    public int Rounds { get; init; } = 60;
    /// <summary>Local SGD steps per round.</summary>
    public int LocalSteps { get; init; } = 20;
    /// <summary>Local learning rate (calibrated: 0.3; code 0.1).</summary>
    public double LocalLearningRate { get; init; } = 0.3;
    /// <summary>Mini-batch size (code 32).</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Recovery cap in rounds (code 30).</summary>
    public int RecoveryRoundsMax { get; init; } = 30;
    /// <summary>Recovery ends when test accuracy &gt;= retrained - this: 0.005, the tolerance of claim P3 (the code stops at 0).</summary>
    public double RecoveryTolerance { get; init; } = 0.005;
    /// <summary>The forgotten client of the single-request studies.</summary>
    public int ForgetClient { get; init; }
    /// <summary>eta_u of PUF-Special (code 2).</summary>
    public double EtaSpecial { get; init; } = 2;
    /// <summary>eta_u of PUF-Regular (code 20).</summary>
    public double EtaRegular { get; init; } = 20;
    /// <summary>eta_u grid of the PUF-Special sweep (plan 0.5, 1, 2, 4).</summary>
    public double[] EtaSweep { get; init; } = [0.5, 1, 2, 4];
    /// <summary>Concurrent request sets (plan {0, 1} and {0, 1, 2}), served by PUF-Special with <see cref="EtaSpecial"/>.</summary>
    public int[][] ConcurrentSets { get; init; } = [[0, 1], [0, 1, 2]];
    /// <summary>Over-the-air uplink SNRs in dB for PUF-Special (plan 10, 20, 30).</summary>
    public double[] OtaSnrDb { get; init; } = [10, 20, 30];
    /// <summary>FedEraser retention interval (code tag 2).</summary>
    public int FedEraserInterval { get; init; } = 2;
    /// <summary>FedEraser calibration ratio (code tag 0.5).</summary>
    public double FedEraserCalibrationRatio { get; init; } = 0.5;
    /// <summary>Largest D_r / D_test subsample of the membership attacks' shadow sets (our choice).</summary>
    public int MaxShadow { get; init; } = 1000;

    /// <summary>Clients holding canaries: the forgotten client and every client of a concurrent set.</summary>
    public int[] CanaryClients => [.. ConcurrentSets.SelectMany(s => s).Append(ForgetClient).Distinct().Order()];

    /// <summary>The library's trial options.</summary>
    public PufTrialOptions ToTrialOptions() => new()
    {
        Data = new CanaryTaskOptions
        {
            Dimension = Dimension, Classes = Classes, TrainSamples = TrainSamples, TestSamples = TestSamples, Clients = Clients,
            DirichletAlpha = DirichletAlpha, MeanScale = MeanScale, CanariesPerClient = CanariesPerClient, CanaryClients = CanaryClients,
        },
        HiddenUnits = HiddenUnits,
        TorchSharpModel = Model == "torchsharp",
        FedAvg = new FedAvgSettings { LocalSteps = LocalSteps, LocalLearningRate = LocalLearningRate, BatchSize = BatchSize },
        Rounds = Rounds,
        RecoveryRoundsMax = RecoveryRoundsMax,
        RecoveryTolerance = RecoveryTolerance,
        FedEraserInterval = FedEraserInterval,
        FedEraserCalibrationRatio = FedEraserCalibrationRatio,
        MaxShadow = MaxShadow,
    };

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.InRange(Dimension, 2, 256, Check.Path(path, "dimension"));
        Check.InRange(Classes, 2, 100, Check.Path(path, "classes"));
        Check.InRange(Clients, 3, 100, Check.Path(path, "clients"));
        Check.InRange(TrainSamples, 10 * Clients, 1_000_000, Check.Path(path, "trainSamples"));
        Check.InRange(TestSamples, 50, 1_000_000, Check.Path(path, "testSamples"));
        Check.InRange(DirichletAlpha, 0.01, 1000, Check.Path(path, "dirichletAlpha"));
        Check.InRange(MeanScale, 0.05, 10, Check.Path(path, "meanScale"));
        Check.InRange(CanariesPerClient, 1, 100_000, Check.Path(path, "canariesPerClient"));
        Check.InRange(HiddenUnits, 4, 1024, Check.Path(path, "hiddenUnits"));
        Check.OneOf(Model, Check.Path(path, "model"), "managed", "torchsharp");
        Check.InRange(Rounds, 2, 100_000, Check.Path(path, "rounds"));
        Check.InRange(LocalSteps, 1, 10_000, Check.Path(path, "localSteps"));
        Check.InRange(LocalLearningRate, 1e-5, 5, Check.Path(path, "localLearningRate"));
        Check.InRange(BatchSize, 1, 100_000, Check.Path(path, "batchSize"));
        Check.InRange(RecoveryRoundsMax, 1, 1000, Check.Path(path, "recoveryRoundsMax"));
        Check.InRange(RecoveryTolerance, 0, 0.5, Check.Path(path, "recoveryTolerance"));
        Check.InRange(ForgetClient, 0, Clients - 1, Check.Path(path, "forgetClient"));
        Check.InRange(EtaSpecial, 1e-6, 1000, Check.Path(path, "etaSpecial"));
        Check.InRange(EtaRegular, 1e-6, 10_000, Check.Path(path, "etaRegular"));
        Check.AllInRange(EtaSweep, 1e-6, 1000, Check.Path(path, "etaSweep"));
        Check.Distinct(EtaSweep, Check.Path(path, "etaSweep"));
        if (EtaSweep.Length < 2) throw new ConfigException(Check.Path(path, "etaSweep"), $"got {EtaSweep.Length} values; allowed: at least 2 (the monotonicity claim compares neighbours)");
        string cs = Check.Path(path, "concurrentSets");
        if (ConcurrentSets is null) throw new ConfigException(cs, "got null; allowed: a list of client sets");
        for (int i = 0; i < ConcurrentSets.Length; i++)
        {
            string si = $"{cs}[{i}]";
            var set = ConcurrentSets[i] ?? throw new ConfigException(si, "got null; allowed: a list of client indices");
            if (set.Length < 2 || set.Length > Clients - 1)
                throw new ConfigException(si, $"got {set.Length} clients; allowed: 2 to {Clients - 1} (a concurrent request with at least one client left to train)");
            Check.AllInRange(set, 0, Clients - 1, si);
            Check.Distinct(set, si);
        }
        Check.AllInRange(OtaSnrDb, -10, 60, Check.Path(path, "otaSnrDb"));
        Check.Distinct(OtaSnrDb, Check.Path(path, "otaSnrDb"));
        Check.InRange(FedEraserInterval, 1, Rounds, Check.Path(path, "fedEraserInterval"));
        Check.InRange(FedEraserCalibrationRatio, 0.01, 1, Check.Path(path, "fedEraserCalibrationRatio"));
        Check.InRange(MaxShadow, 10, 1_000_000, Check.Path(path, "maxShadow"));
    }
}
