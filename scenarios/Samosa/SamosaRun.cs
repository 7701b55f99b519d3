using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.ActiveLearning;

namespace PhyToolkit.Scenarios.Samosa;

/// <summary>
/// The <c>samosa</c> run: one sweep point; each block is one seed, which generates one open-set pool and runs every strategy on
/// it from the same initial labels, initial weights and minibatch orders (common random numbers), so that differences between
/// strategies are paired per seed.
/// </summary>
/// <remarks>
/// Metrics (strategy names as in <see cref="SamosaParameters.KnownStrategies"/>):
/// curves over labels spent: <c>accuracy.{s}</c> (test accuracy of the K-way classifier), <c>precision.{s}</c> (share of the
/// round's queries that are known), <c>cost.{s}</c> (training passes of the round), <c>filtered.{s}</c> (SAMOSA: |S|/|U|),
/// <c>spearman</c> and <c>rareGap</c> (mechanism, SAMOSA-high's models), and <c>scoreByMargin</c> (mean s per f_A-margin decile
/// bin, last round of SAMOSA-high; step = bin 0..9);
/// scalars: <c>final.{s}</c>, <c>diff.final.{s}.vs.{b}</c> for b = random and entropy, <c>meanPrecision.{s}</c>,
/// <c>trainingPasses.{s}</c>, <c>queryPasses.{s}</c>, <c>costRatio.{s}</c> (training passes over random's), <c>samToSgd</c>,
/// <c>spearmanMean</c>, <c>rareGapMean</c> (means over rounds).
/// </remarks>
internal sealed class SamosaRun(SamosaParameters p, ScenarioConfig config) : ScenarioRun<SamosaParameters>(p, config)
{
    internal const string Random = "random", Entropy = "entropy", High = "samosa-high";

    protected override void DefineSweep(SweepBuilder sweep) => sweep.Add("open-set", ("study", "open-set"));

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pool = OpenSetPool.Generate(P.Pool, context.Seed);
        var loop = P.Loop;
        var final = new Dictionary<string, double>();
        var passes = new Dictionary<string, long>();
        foreach (string name in P.Strategies)
        {
            var r = OpenSetActiveLearning.Run(pool, SamosaParameters.StrategyOf(name), loop, context.Seed, context.Cancellation);
            long training = 0, query = 0, sgd = 0, sam = 0;
            double precisionSum = 0, spearmanSum = 0, gapSum = 0;
            foreach (var x in r.Rounds)
            {
                if (x.LabelsSpent != P.InitialLabelled + (x.Round - 1) * P.Budget)
                    throw new InvalidOperationException($"{name} spent {x.LabelsSpent} labels before round {x.Round}; every strategy must spend b per round");
                sink.AddAt($"accuracy.{name}", x.LabelsSpent, x.TestAccuracy);
                sink.AddAt($"precision.{name}", x.LabelsSpent, x.QueryPrecision);
                long cost = x.ClassifierPasses + x.SgdPasses + x.SamPasses;
                sink.AddAt($"cost.{name}", x.LabelsSpent, cost);
                if (double.IsFinite(x.FilteredShare)) sink.AddAt($"filtered.{name}", x.LabelsSpent, x.FilteredShare);
                if (name == High)
                {
                    sink.AddAt("spearman", x.LabelsSpent, x.ScoreMarginSpearman);
                    sink.AddAt("rareGap", x.LabelsSpent, x.RareMinusCommonScore);
                    spearmanSum += x.ScoreMarginSpearman;
                    gapSum += x.RareMinusCommonScore;
                }
                training += cost; query += x.QueryForwardPasses; sgd += x.SgdPasses; sam += x.SamPasses;
                precisionSum += x.QueryPrecision;
            }
            training += r.FinalClassifierPasses;
            sink.AddAt($"accuracy.{name}", r.FinalLabelsSpent, r.FinalAccuracy);
            sink.Add($"final.{name}", r.FinalAccuracy);
            sink.Add($"meanPrecision.{name}", precisionSum / r.Rounds.Count);
            sink.Add($"trainingPasses.{name}", training);
            sink.Add($"queryPasses.{name}", query);
            final[name] = r.FinalAccuracy;
            passes[name] = training;
            if (name == High)
            {
                sink.Add("samToSgd", (double)sam / sgd);
                sink.Add("spearmanMean", spearmanSum / r.Rounds.Count);
                sink.Add("rareGapMean", gapSum / r.Rounds.Count);
                ScoreByMargin(r, sink);
            }
        }
        foreach (var (name, acc) in final)
            foreach (string b in new[] { Random, Entropy })
                if (name != b && final.TryGetValue(b, out double accB)) sink.Add($"diff.final.{name}.vs.{b}", acc - accB);
        if (passes.TryGetValue(Random, out long randomPasses))
            foreach (var (name, v) in passes) sink.Add($"costRatio.{name}", (double)v / randomPasses);
    }

    /// <summary>The mechanism plot's data: mean s per decile of f_A's margin p_top1 − p_top2 over the pool of SAMOSA-high's last round.</summary>
    private static void ScoreByMargin(ActiveLearningResult r, MetricSink sink)
    {
        var sum = new double[10];
        var count = new int[10];
        for (int j = 0; j < r.LastRoundScores.Length; j++)
        {
            int bin = Math.Min(9, (int)(r.LastRoundMargins[j] * 10));
            sum[bin] += r.LastRoundScores[j];
            count[bin]++;
        }
        for (int b = 0; b < 10; b++) if (count[b] > 0) sink.AddAt("scoreByMargin", b, sum[b] / count[b]);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => SamosaReport.Build(P, results, report);
}
