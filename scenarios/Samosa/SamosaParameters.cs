using PhyToolkit.Core.Configuration;
using PhyToolkit.Learning.ActiveLearning;

namespace PhyToolkit.Scenarios.Samosa;

/// <summary>
/// Parameters of the <c>samosa</c> scenario (docs/samosa.md): the open-set pool, the query rounds and the training schedule.
/// Defaults are the SAMOSA reproduction plan ([Proposed]; the paper, arXiv 2510.16757, uses CIFAR and ResNet-18) except the
/// pool's scales, which are our choice.
/// </summary>
public sealed record SamosaParameters : IValidatable
{
    /// <summary>The strategy names the scenario knows, in report order.</summary>
    public static readonly string[] KnownStrategies = ["random", "entropy", "lfosa", "samosa-low", "samosa-high", "samosa-dynamic"];

    /// <summary>Strategies to compare (names from <see cref="KnownStrategies"/>; every one spends the same labelling budget).</summary>
    public string[] Strategies { get; init; } = [.. KnownStrategies];

    /// <summary>Query rounds R (plan: 6).</summary>
    public int Rounds { get; init; } = 6;

    /// <summary>Oracle queries per round b, the same for every strategy (plan: 100).</summary>
    public int Budget { get; init; } = 100;

    /// <summary>SAM radius ρ of SAMOSA's second model (authors' default 0.05).</summary>
    public double SamRho { get; init; } = 0.05;

    /// <summary>Epochs per model per round (plan: 60).</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Minibatch size (plan: 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Hidden width of the MLP d→H→H→C (plan: 64).</summary>
    public int HiddenUnits { get; init; } = 64;

    /// <summary>SGD learning rate (plan: 0.05).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>SGD momentum (authors' script: 0.9).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Weight decay (authors' script: 5e-4).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Feature dimension (plan: 10).</summary>
    public int Dimension { get; init; } = 10;

    /// <summary>Known classes K (plan: 4).</summary>
    public int KnownClasses { get; init; } = 4;

    /// <summary>Unknown classes U (plan: 4).</summary>
    public int UnknownClasses { get; init; } = 4;

    /// <summary>Pool size (plan: 6000).</summary>
    public int PoolSize { get; init; } = 6000;

    /// <summary>Share of the pool from unknown classes (plan: 0.5).</summary>
    public double MismatchRatio { get; init; } = 0.5;

    /// <summary>Weight of each class's rare sub-cluster (plan: 0.05).</summary>
    public double RareWeight { get; init; } = 0.05;

    /// <summary>Initial known labels (plan: 40).</summary>
    public int InitialLabelled { get; init; } = 40;

    /// <summary>Known-class test samples (plan: 2000).</summary>
    public int TestSize { get; init; } = 2000;

    /// <summary>Spread of the class centres σ_c (our choice).</summary>
    public double ClassSpread { get; init; } = 0.5;

    /// <summary>Spread of the sub-cluster offsets σ_o (our choice).</summary>
    public double SubClusterSpread { get; init; } = 0.8;

    /// <summary>Within-sub-cluster noise σ_n (our choice).</summary>
    public double NoiseSd { get; init; } = 1.0;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.MaxCount(Strategies, KnownStrategies.Length, Check.Path(path, "strategies"));
        if (Strategies.Length == 0) throw new ConfigException(Check.Path(path, "strategies"), $"got an empty list: allowed: one or more of {string.Join(", ", KnownStrategies)}");
        for (int i = 0; i < Strategies.Length; i++) Check.OneOf(Strategies[i], $"{Check.Path(path, "strategies")}[{i}]", KnownStrategies);
        Check.Distinct(Strategies, Check.Path(path, "strategies"));
        Check.InRange(Rounds, 1, 50, Check.Path(path, "rounds"));
        Check.InRange(Budget, 1, 10_000, Check.Path(path, "budget"));
        Check.InRange(SamRho, 0, 2, Check.Path(path, "samRho"));
        Check.InRange(Epochs, 1, 1000, Check.Path(path, "epochs"));
        Check.InRange(BatchSize, 1, 4096, Check.Path(path, "batchSize"));
        Check.InRange(HiddenUnits, 1, 1024, Check.Path(path, "hiddenUnits"));
        Check.InRange(LearningRate, 1e-6, 1, Check.Path(path, "learningRate"));
        Check.InRange(Momentum, 0, 0.999, Check.Path(path, "momentum"));
        Check.InRange(WeightDecay, 0, 0.1, Check.Path(path, "weightDecay"));
        Check.InRange(Dimension, 1, 1000, Check.Path(path, "dimension"));
        Check.InRange(KnownClasses, 2, 100, Check.Path(path, "knownClasses"));
        Check.InRange(UnknownClasses, 1, 100, Check.Path(path, "unknownClasses"));
        Check.InRange(PoolSize, 100, 1_000_000, Check.Path(path, "poolSize"));
        Check.InRange(MismatchRatio, 0, 0.95, Check.Path(path, "mismatchRatio"));
        Check.InRange(RareWeight, 1e-4, 1.0 / 3, Check.Path(path, "rareWeight"));
        int known = (int)Math.Round(PoolSize * (1 - MismatchRatio));
        if (known / 2 < KnownClasses)
            throw new ConfigException(Check.Path(path, "mismatchRatio"), $"got {MismatchRatio}; the pool of {PoolSize} then holds {known} known samples, fewer than 2·K = {2 * KnownClasses}: allowed: at most {Math.Max(0, 1 - 2.0 * KnownClasses / PoolSize):0.###}");
        Check.InRange(InitialLabelled, KnownClasses, known / 2, Check.Path(path, "initialLabelled"));
        Check.InRange(TestSize, 10, 1_000_000, Check.Path(path, "testSize"));
        Check.InRange(ClassSpread, 1e-3, 100, Check.Path(path, "classSpread"));
        Check.InRange(SubClusterSpread, 1e-3, 100, Check.Path(path, "subClusterSpread"));
        Check.InRange(NoiseSd, 1e-3, 100, Check.Path(path, "noiseSd"));
        int unlabelled = PoolSize - InitialLabelled;
        if ((long)Rounds * Budget > unlabelled)
            throw new ConfigException(Check.Path(path, "budget"), $"got {Budget}; {Rounds} rounds of {Budget} queries exceed the {unlabelled} unlabelled pool samples: allowed: 1 to {unlabelled / Rounds}");
    }

    /// <summary>The pool options these parameters describe.</summary>
    public OpenSetPoolOptions Pool => new()
    {
        Dimension = Dimension, KnownClasses = KnownClasses, UnknownClasses = UnknownClasses, SubClusters = 3, RareWeight = RareWeight,
        PoolSize = PoolSize, MismatchRatio = MismatchRatio, InitialLabelled = InitialLabelled, TestSize = TestSize,
        ClassSpread = ClassSpread, SubClusterSpread = SubClusterSpread, NoiseSd = NoiseSd,
    };

    /// <summary>The loop options these parameters describe.</summary>
    public ActiveLearningOptions Loop => new()
    {
        Rounds = Rounds, Budget = Budget, SamRho = SamRho,
        Training = new ClassifierTrainingOptions
        {
            Epochs = Epochs, BatchSize = BatchSize, HiddenUnits = HiddenUnits, LearningRate = LearningRate, Momentum = Momentum, WeightDecay = WeightDecay,
        },
    };

    /// <summary>The library strategy behind a scenario name.</summary>
    public static QueryStrategy StrategyOf(string name) => name switch
    {
        "random" => QueryStrategy.Random,
        "entropy" => QueryStrategy.Entropy,
        "lfosa" => QueryStrategy.Lfosa,
        "samosa-low" => QueryStrategy.SamosaLow,
        "samosa-high" => QueryStrategy.SamosaHigh,
        "samosa-dynamic" => QueryStrategy.SamosaDynamic,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown strategy"),
    };
}
