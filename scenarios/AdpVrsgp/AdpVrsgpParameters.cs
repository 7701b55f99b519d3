using PhyToolkit.Core.Configuration;
using PhyToolkit.Learning.Decentralized;

namespace PhyToolkit.Scenarios.AdpVrsgp;

/// <summary>
/// Parameters of the <c>adp-vrsgp</c> scenario (docs/adp-vrsgp.md). The ADP-VRSGP paper (arXiv:2510.20157) gives no
/// values in the parts that were available; every default is our choice ([Proposed]): a 10-class Gaussian mixture in 20-D
/// split by Dirichlet(0.5) label skew, softmax regression, n = 16 nodes, and the hyper-parameters of
/// <see cref="SgpOptions"/>.
/// </summary>
public sealed record AdpVrsgpParameters : IValidatable
{
    /// <summary>Nodes n.</summary>
    public int Nodes { get; init; } = 16;

    /// <summary>Mean local samples per node J (training set n·J, Dirichlet-split).</summary>
    public int SamplesPerNode { get; init; } = 250;

    /// <summary>Minimum samples per node of the Dirichlet split (at most half of <see cref="SamplesPerNode"/>).</summary>
    public int MinSamplesPerNode { get; init; } = 50;

    /// <summary>Dirichlet concentration of the label skew.</summary>
    public double DirichletAlpha { get; init; } = 0.5;

    /// <summary>Test samples.</summary>
    public int TestSamples { get; init; } = 2000;

    /// <summary>Iterations K.</summary>
    public int Iterations { get; init; } = 2000;

    /// <summary>Expected mini-batch b.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Stage length S of the stepwise schedules.</summary>
    public int StageLength { get; init; } = 400;

    /// <summary>Noise decay per stage γ_s (ADP-VRSGP).</summary>
    public double NoiseDecay { get; init; } = 0.7;

    /// <summary>Step decay per stage γ_η (ADP-VRSGP).</summary>
    public double LearningRateDecay { get; init; } = 0.7;

    /// <summary>Step η_0 (all methods).</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Fusion weight β_0 (ADP-VRSGP).</summary>
    public double FusionBeta0 { get; init; } = 0.25;

    /// <summary>Per-sample clipping norm C.</summary>
    public double ClipNorm { get; init; } = 1;

    /// <summary>Clipping norm of gradient differences C_d.</summary>
    public double DifferenceClipNorm { get; init; } = 0.5;

    /// <summary>Snapshot noise factor κ.</summary>
    public double SnapshotNoiseFactor { get; init; } = 4;

    /// <summary>δ of every node.</summary>
    public double Delta { get; init; } = 1e-4;

    /// <summary>Personalised budgets: node i gets Budgets[⌊i·m/n⌋] (m budgets, equal shares).</summary>
    public double[] Budgets { get; init; } = [2, 4, 8];

    /// <summary>Uniform budgets of the budget-monotonicity study.</summary>
    public double[] BudgetSweep { get; init; } = [1, 2, 4, 8];

    /// <summary>Evaluate every this many iterations.</summary>
    public int EvaluateEvery { get; init; } = 50;

    /// <summary>The budget of node <paramref name="i"/>.</summary>
    public double BudgetOf(int i) => Budgets[i * Budgets.Length / Nodes];

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.InRange(Nodes, 2, 256, Check.Path(path, "nodes"));
        Check.InRange(SamplesPerNode, 10, 100_000, Check.Path(path, "samplesPerNode"));
        Check.InRange(MinSamplesPerNode, 1, SamplesPerNode / 2, Check.Path(path, "minSamplesPerNode")); // at most half the mean, so the Dirichlet split can meet it
        Check.InRange(DirichletAlpha, 1e-3, 1e3, Check.Path(path, "dirichletAlpha"));
        Check.InRange(TestSamples, 10, 1_000_000, Check.Path(path, "testSamples"));
        Check.InRange(Iterations, 10, 1_000_000, Check.Path(path, "iterations"));
        Check.InRange(BatchSize, 1, SamplesPerNode, Check.Path(path, "batchSize"));
        Check.InRange(StageLength, 1, Iterations, Check.Path(path, "stageLength"));
        Check.InRange(NoiseDecay, 0.01, 1, Check.Path(path, "noiseDecay"));
        Check.InRange(LearningRateDecay, 0.01, 1, Check.Path(path, "learningRateDecay"));
        Check.InRange(LearningRate, 1e-6, 100, Check.Path(path, "learningRate"));
        Check.InRange(FusionBeta0, 0.01, 1, Check.Path(path, "fusionBeta0"));
        Check.InRange(ClipNorm, 1e-6, 1e6, Check.Path(path, "clipNorm"));
        Check.InRange(DifferenceClipNorm, 1e-6, 1e6, Check.Path(path, "differenceClipNorm"));
        Check.InRange(SnapshotNoiseFactor, 1, 1e3, Check.Path(path, "snapshotNoiseFactor"));
        if (!(Delta > 0 && Delta < 1)) throw new ConfigException(Check.Path(path, "delta"), $"got {Delta}; allowed: a number in (0, 1)");
        Check.AllInRange(Budgets, 1e-2, 1e3, Check.Path(path, "budgets"));
        if (Budgets.Length == 0 || Budgets.Length > Nodes) throw new ConfigException(Check.Path(path, "budgets"), $"must hold 1..{Nodes} budgets (one share of the nodes each)");
        Check.AllInRange(BudgetSweep, 1e-2, 1e3, Check.Path(path, "budgetSweep"));
        Check.Distinct(BudgetSweep, Check.Path(path, "budgetSweep"));
        Check.InRange(EvaluateEvery, 1, Iterations, Check.Path(path, "evaluateEvery"));
    }
}
