using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Decentralized;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Scenarios.AdpVrsgp;

/// <summary>
/// The <c>adp-vrsgp</c> run. Studies (one sweep point each, one seed per block; every point of a block uses the same data,
/// partition and trainer seed, so paired quantities are computed inside the block from common random numbers):
/// methods (the five methods on the directed exponential graph with personalised budgets; the ADP-VRSGP point also runs
/// its comparison partners and emits the paired gaps), budget (ADP-VRSGP with one uniform budget per point) and topology
/// (ADP-VRSGP on the static directed ring, paired with the exponential graph).
/// </summary>
internal sealed class AdpVrsgpRun : ScenarioRun<AdpVrsgpParameters>
{
    internal const string Methods = "methods", Budget = "budget", Topology = "topology";

    /// <summary>Method ids (categories) and their library presets.</summary>
    internal static readonly (string Id, SgpMethod Method, string Label)[] AllMethods =
    [
        ("sgp", SgpMethod.Sgp, "SGP (non-private)"),
        ("dp-sgp", SgpMethod.DpSgp, "DP-SGP"),
        ("privsgp-vr", SgpMethod.PrivSgpVr, "PrivSGP-VR-like"),
        ("adp-vrsgp-nofusion", SgpMethod.AdpVrsgpNoFusion, "ADP-VRSGP w/o fusion"),
        ("adp-vrsgp", SgpMethod.AdpVrsgp, "ADP-VRSGP"),
    ];

    private readonly SoftmaxRegressionModel _model = new(20, 10);

    public AdpVrsgpRun(AdpVrsgpParameters p, ScenarioConfig config) : base(p, config) { }

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (var m in AllMethods)
            sweep.Add($"{Methods}/{m.Id}", ("study", Methods), ("method", m.Id), ("topology", "exponential"));
        foreach (double e in P.BudgetSweep)
            sweep.Add($"{Budget}/ε={Fmt.Label(e)}", ("study", Budget), ("method", "adp-vrsgp"), ("topology", "exponential"), ("epsilon", e));
        sweep.Add($"{Topology}/ring", ("study", Topology), ("method", "adp-vrsgp"), ("topology", "ring"));
    }

    /// <summary>The seed of block <paramref name="block"/>, shared by every point (common random numbers).</summary>
    internal static ulong TrialSeed(ulong masterSeed, int block) => SeedMixer.Mix(SeedMixer.Mix(masterSeed, SeedMixer.Hash("adp-vrsgp/trial")), (ulong)block);

    /// <summary>The data set and node partition of a trial.</summary>
    internal SyntheticTask Task(ulong trialSeed) => SyntheticDatasets.GaussianMixtureD2(SeedMixer.Mix(trialSeed, 1), P.Nodes, P.Nodes * P.SamplesPerNode,
        P.TestSamples, dimension: 20, classes: 10, meanRadius: 3, partitioner: new DirichletPartitioner(P.DirichletAlpha, P.MinSamplesPerNode));

    /// <summary>The shared hyper-parameters (ADP-VRSGP's values; <see cref="SgpOptions.For"/> derives the baselines).</summary>
    internal SgpOptions Shared(double? uniformBudget = null) => new()
    {
        Iterations = P.Iterations, BatchSize = P.BatchSize, StageLength = P.StageLength, NoiseDecay = P.NoiseDecay,
        LearningRate = P.LearningRate, LearningRateDecay = P.LearningRateDecay, FusionBeta0 = P.FusionBeta0, ClipNorm = P.ClipNorm,
        DifferenceClipNorm = P.DifferenceClipNorm, SnapshotNoiseFactor = P.SnapshotNoiseFactor, Delta = P.Delta,
        EvaluateEvery = P.EvaluateEvery,
        Epsilons = [.. Enumerable.Range(0, P.Nodes).Select(i => uniformBudget ?? P.BudgetOf(i))],
    };

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        ulong trial = TrialSeed(MasterSeed, context.BlockIndex);
        var task = Task(trial);
        ulong trainSeed = SeedMixer.Mix(trial, 2);
        var exponential = new DirectedExponentialGraph(P.Nodes);
        SgpRunResult RunOn(SgpMethod m, IDirectedTopology t, double? budget = null) =>
            SgpTrainer.Run(_model, task, t, SgpOptions.For(m, Shared(budget)), trainSeed);

        switch (pt.Category("study"))
        {
            case Methods:
            {
                var method = AllMethods.First(m => pt.Is("method", m.Id)).Method;
                var r = RunOn(method, exponential);
                Emit(sink, r, Shared().Epsilons, method != SgpMethod.Sgp);
                if (method == SgpMethod.PrivSgpVr)
                    AddFinite(sink, "gainOverDpSgp", r.TestAccuracy[^1] - RunOn(SgpMethod.DpSgp, exponential).TestAccuracy[^1]);
                if (method == SgpMethod.AdpVrsgp)
                {
                    var fixedNoise = RunOn(SgpMethod.PrivSgpVr, exponential);
                    var noFusion = RunOn(SgpMethod.AdpVrsgpNoFusion, exponential);
                    var sgp = RunOn(SgpMethod.Sgp, exponential);
                    AddFinite(sink, "gainOverFixedNoise", r.TestAccuracy[^1] - fixedNoise.TestAccuracy[^1]);
                    AddFinite(sink, "fusionEarlyLossGain", EarlyLoss(noFusion) - EarlyLoss(r));
                    AddFinite(sink, "fusionAccuracyGain", r.TestAccuracy[^1] - noFusion.TestAccuracy[^1]);
                    AddFinite(sink, "sgpMargin", sgp.TestAccuracy[^1] - r.TestAccuracy[^1]);
                    // personalisation: mean σ_{i,0} of the smallest-budget nodes over that of the largest-budget nodes
                    double lo = P.Budgets.Min(), hi = P.Budgets.Max();
                    var idx = Enumerable.Range(0, P.Nodes);
                    AddFinite(sink, "sigmaRatio", idx.Where(i => P.BudgetOf(i) == lo).Average(i => r.InitialNoiseMultiplier[i])
                        / idx.Where(i => P.BudgetOf(i) == hi).Average(i => r.InitialNoiseMultiplier[i]));
                    AddFinite(sink, "lossDropAfterStage1", LossAt(r, P.StageLength) - r.TrainLoss[^1]);
                }
                break;
            }
            case Budget:
            {
                double e = pt.Number("epsilon");
                var r = RunOn(SgpMethod.AdpVrsgp, exponential, e);
                Emit(sink, r, Shared(e).Epsilons, true);
                break;
            }
            default: // topology: the static ring, paired with the exponential graph (one message per node per iteration on both)
            {
                var ring = RunOn(SgpMethod.AdpVrsgp, new DirectedRing(P.Nodes));
                Emit(sink, ring, Shared().Epsilons, true);
                var exp = RunOn(SgpMethod.AdpVrsgp, exponential);
                AddFinite(sink, "consensusGap", MeanConsensus(ring) - MeanConsensus(exp));
                AddFinite(sink, "lossGap", ring.TrainLoss[^1] - exp.TrainLoss[^1]);
                break;
            }
        }
    }

    /// <summary>Records a paired quantity when it is finite (a diverged partner run is counted by "diverged" instead).</summary>
    private static void AddFinite(MetricSink sink, string metric, double value)
    {
        if (double.IsFinite(value)) sink.Add(metric, value);
    }

    /// <summary>Mean training loss over the evaluations inside the first stage (0 &lt; k ≤ S).</summary>
    internal double EarlyLoss(SgpRunResult r)
    {
        double s = 0; int c = 0;
        for (int e = 0; e < r.Iterations.Length; e++)
            if (r.Iterations[e] > 0 && r.Iterations[e] <= P.StageLength) { s += r.TrainLoss[e]; c++; }
        return c > 0 ? s / c : double.NaN;
    }

    private static double LossAt(SgpRunResult r, int k)
    {
        int e = Array.FindLastIndex(r.Iterations, x => x <= k);
        return r.TrainLoss[Math.Max(0, e)];
    }

    /// <summary>Mean consensus error over the evaluations after the start.</summary>
    private static double MeanConsensus(SgpRunResult r) => r.ConsensusError.Skip(1).Average();

    private void Emit(MetricSink sink, SgpRunResult r, IReadOnlyList<double> targets, bool isPrivate)
    {
        // a run whose model left the floating-point range is counted, not recorded (the sink takes finite samples only)
        bool diverged = !r.FinalModel.All(double.IsFinite) || !r.TrainLoss.All(double.IsFinite);
        sink.Add("diverged", diverged ? 1 : 0);
        if (diverged) return;
        for (int e = 0; e < r.Iterations.Length; e++)
        {
            sink.AddAt("accuracy", r.Iterations[e], r.TestAccuracy[e]);
            sink.AddAt("loss", r.Iterations[e], r.TrainLoss[e]);
            sink.AddAt("consensus", r.Iterations[e], r.ConsensusError[e]);
            if (isPrivate)
            {
                double frac = 0;
                for (int i = 0; i < P.Nodes; i++) frac += r.EpsilonSpent[e][i] / targets[i] / P.Nodes;
                sink.AddAt("budgetSpent", r.Iterations[e], frac);
            }
        }
        sink.Add("finalAccuracy", r.TestAccuracy[^1]);
        sink.Add("finalLoss", r.TrainLoss[^1]);
        sink.Add("earlyLoss", EarlyLoss(r));
        sink.Add("meanConsensus", MeanConsensus(r));
        sink.Add("worstNodeAccuracy", r.WorstNodeTestAccuracy);
        if (!isPrivate) return;
        double worst = 0;
        for (int i = 0; i < P.Nodes; i++)
        {
            sink.AddAt("epsilon", i, r.EpsilonSpent[^1][i]);
            sink.AddAt("sigma0", i, r.InitialNoiseMultiplier[i]);
            worst = Math.Max(worst, r.EpsilonSpent[^1][i] / targets[i]);
        }
        sink.Add("budgetRatio", worst);
        sink.Add("budgetExceeded", worst > 1 + 1e-9 ? 1 : 0);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => AdpVrsgpReport.Build(this, P, results, report);
}
