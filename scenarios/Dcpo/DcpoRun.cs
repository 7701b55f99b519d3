using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.PolicyOptimization;
using PhyToolkit.Scenarios.Optimizers;
using TorchSharp;

namespace PhyToolkit.Scenarios.Dcpo;

/// <summary>
/// The <c>dcpo</c> run. Points: one per task (T1, T2) and the rare-token study (T1 with a log-uniform prior). A trial is one seed
/// and runs every method from the same warm-started policy with the same prompt order and sampling seed (common random numbers),
/// each until it has generated the response budget; per-method metrics carry the method in their name and paired differences
/// "diff.&lt;metric&gt;.dcpo.vs.&lt;method&gt;" give the paired intervals of the claims.
/// </summary>
internal sealed class DcpoRun(DcpoParameters p, ScenarioConfig config) : ScenarioRun<DcpoParameters>(p, config)
{
    internal const string Rare = "T1-rare";

    /// <summary>Edges of the old-probability buckets of the ratio histograms.</summary>
    internal static readonly double[] QEdges = [0, 0.05, 0.2, 0.5, 1.0000001];

    /// <summary>Ratio histogram: <see cref="RatioBins"/> bins of width <see cref="RatioBinWidth"/> from 0; larger ratios fall in the last bin.</summary>
    internal const int RatioBins = 30;

    /// <summary>Width of a ratio-histogram bin.</summary>
    internal const double RatioBinWidth = 0.1;

    /// <summary>The scalar per-method metrics with a paired difference against DCPO.</summary>
    internal static readonly string[] PairedMetrics = ["meanClipRatio", "meanNonZeroAdvantage", "finalAccuracy", "responsesToTarget"];

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (string t in P.Tasks) sweep.Add(t, ("task", t));
        if (P.RareTokenStudy) sweep.Add(Rare, ("task", Rare));
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        string task = Plan.Points[context.PointIndex].Category("task");
        for (int trial = 0; trial < context.Trials; trial++)
        {
            ulong seed = SeedMixer.Mix(context.Seed, (ulong)trial);
            if (task == Rare) RunRare(seed, sink);
            else RunTask(task == "T1" ? DigitSumTask.T1() : DigitSumTask.T2(), seed, sink);
        }
    }

    private void RunTask(DigitSumTask task, ulong seed, MetricSink sink)
    {
        var values = new Dictionary<string, double>();
        bool first = true;
        foreach (string m in P.Methods)
        {
            using var gen = TorchScenarioKit.Init(seed);
            using var scope = torch.NewDisposeScope();
            using var policy = new MlpTokenPolicy(task, P.Hidden, gen);
            WarmStart(policy, task, seed);
            double acc = TokenPolicyEvaluation.GreedyAccuracy(policy, task);
            if (first) sink.Add("initialAccuracy", acc);
            first = false;

            using var opt = new ManagedAdam(policy.Parameters, P.LearningRate, beta1: 0.9, beta2: 0.999);
            var trainer = new GroupPolicyTrainer(policy, task, P.Method(m), opt);
            var hist = new long[QEdges.Length - 1, RatioBins];
            trainer.RatioObserver = (q, r) => Accumulate(hist, q, r);
            var cycler = new PromptCycler(task.PromptCount, SeedMixer.Mix(seed, 2));
            var visits = new int[task.PromptCount];
            int Next()
            {
                int k = cycler.Next();
                visits[k]++;
                return k;
            }
            var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 3));

            long generated = 0;
            int step = 0, checkpoint = 1, windowSteps = 0;
            double clipSum = 0, nzSum = 0;
            long reachedAt = -1;
            sink.AddAt($"accuracy.{m}", 0, acc);
            while (P.BudgetResponses - generated >= P.Generations)
            {
                bool window = visits.Min() >= 2;   // claim D2 counts steps once every prompt has been visited twice
                var s = trainer.Step(Next, P.PromptsPerStep, ref rng, P.BudgetResponses - generated);
                generated += s.GeneratedResponses;
                sink.AddAt($"clipRatio.{m}", step, s.TokenClipFraction);
                sink.AddAt($"nonZeroAdvantage.{m}", step, s.NonZeroAdvantageFraction);
                clipSum += s.TokenClipFraction;
                if (window) { nzSum += s.NonZeroAdvantageFraction; windowSteps++; }
                acc = TokenPolicyEvaluation.GreedyAccuracy(policy, task);
                while (generated >= (long)checkpoint * P.CheckpointResponses)
                {
                    sink.AddAt($"accuracy.{m}", checkpoint, acc);
                    checkpoint++;
                }
                if (reachedAt < 0 && acc > P.AccuracyTarget) reachedAt = generated;
                step++;
            }
            values[$"meanClipRatio.{m}"] = clipSum / Math.Max(step, 1);
            values[$"meanNonZeroAdvantage.{m}"] = windowSteps > 0 ? nzSum / windowSteps : double.NaN;
            values[$"finalAccuracy.{m}"] = acc;
            values[$"responsesToTarget.{m}"] = reachedAt < 0 ? generated : reachedAt;
            sink.Add($"censoredTarget.{m}", reachedAt < 0 ? 1 : 0);
            sink.Add($"steps.{m}", step);
            sink.Add($"generatedResponses.{m}", generated);
            for (int b = 0; b < hist.GetLength(0); b++)
            {
                long total = 0;
                for (int k = 0; k < RatioBins; k++) total += hist[b, k];
                if (total == 0) continue;
                for (int k = 0; k < RatioBins; k++) sink.AddAt($"ratioHistogram.{m}.q{b}", k, (double)hist[b, k] / total);
            }
        }
        foreach (var (k, v) in values) if (double.IsFinite(v)) sink.Add(k, v);
        RecordPairs(sink, values, PairedMetrics);
    }

    /// <summary>"diff.&lt;metric&gt;.dcpo.vs.&lt;other&gt;" for every other method.</summary>
    private void RecordPairs(MetricSink sink, Dictionary<string, double> values, IEnumerable<string> metrics)
    {
        if (!P.Methods.Contains("dcpo")) return;
        foreach (string metric in metrics)
            foreach (string other in P.Methods)
                if (other != "dcpo" && values.TryGetValue($"{metric}.dcpo", out double a) && values.TryGetValue($"{metric}.{other}", out double b)
                    && double.IsFinite(a) && double.IsFinite(b))
                    sink.Add($"diff.{metric}.dcpo.vs.{other}", a - b);
    }

    private static void Accumulate(long[,] hist, double[] q, double[] r)
    {
        for (int i = 0; i < q.Length; i++)
        {
            int b = 0;
            while (b < QEdges.Length - 2 && q[i] >= QEdges[b + 1]) b++;
            int k = Math.Min((int)(r[i] / RatioBinWidth), RatioBins - 1);
            hist[b, k]++;
        }
    }

    /// <summary>Supervised warm start on a seeded random subset of prompts (fresh Adam, same learning rate).</summary>
    private void WarmStart(ITokenPolicy policy, IVerifiableTokenTask task, ulong seed)
    {
        if (P.WarmStartSteps == 0) return;
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 1));
        var order = Enumerable.Range(0, task.PromptCount).ToArray();
        for (int i = order.Length - 1; i > 0; i--)
        {
            int k = rng.NextInt(i + 1);
            (order[i], order[k]) = (order[k], order[i]);
        }
        int count = Math.Max(1, (int)Math.Round(P.WarmStartFraction * task.PromptCount));
        using var opt = new ManagedAdam(policy.Parameters, P.LearningRate, beta1: 0.9, beta2: 0.999);
        SupervisedWarmStart.Run(policy, task, order[..count], P.WarmStartSteps, opt);
    }

    /// <summary>
    /// Claim D5: T1 with a prior that puts q(correct) log-uniform in [1e-3, 0.5] and favours one wrong token (0.9 of the rest; the
    /// other 8 share 0.1), as fixed logit offsets on the MLP policy ("mlp") or as the initial logits of a tabular policy ("tabular");
    /// after <see cref="DcpoParameters.RareSteps"/> steps, the mean increase of log π(correct) over the prompts whose initial
    /// π(correct) lies below the threshold.
    /// </summary>
    private void RunRare(ulong seed, MetricSink sink)
    {
        var task = DigitSumTask.T1();
        int n = task.PromptCount, v = task.VocabularySize;
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 4));
        var logits = new double[n * v];
        for (int i = 0; i < n; i++)
        {
            double u = Math.Exp(Math.Log(1e-3) + rng.NextDouble() * (Math.Log(0.5) - Math.Log(1e-3)));
            int answer = task.Answer(i)[0], wrong = (answer + 1 + rng.NextInt(v - 1)) % v;
            for (int k = 0; k < v; k++)
                logits[i * v + k] = Math.Log(k == answer ? u : k == wrong ? 0.9 * (1 - u) : 0.1 * (1 - u) / (v - 2));
        }
        var values = new Dictionary<string, double>();
        bool first = true;
        foreach (string m in P.Methods)
        {
            using var gen = TorchScenarioKit.Init(seed);
            using var scope = torch.NewDisposeScope();
            using ITokenPolicy policy = P.RarePolicy == "tabular"
                ? new TabularTokenPolicy(logits, n, 1, v)
                : new PriorOffsetTokenPolicy(new MlpTokenPolicy(task, P.Hidden, gen), logits, n, 1, v);
            var before = TokenPolicyEvaluation.AnswerLogProbabilities(policy, task);
            var rare = Enumerable.Range(0, n).Where(i => before[i] < Math.Log(P.RareThreshold)).ToArray();
            if (first) sink.Add("rarePrompts", rare.Length);
            first = false;
            using var opt = new ManagedAdam(policy.Parameters, P.LearningRate, beta1: 0.9, beta2: 0.999);
            var trainer = new GroupPolicyTrainer(policy, task, P.Method(m), opt);
            var cycler = new PromptCycler(n, SeedMixer.Mix(seed, 2));
            var srng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 3));
            long generated = 0;
            double clip = 0;
            for (int s = 0; s < P.RareSteps; s++)
            {
                var st = trainer.Step(cycler.Next, P.PromptsPerStep, ref srng);
                generated += st.GeneratedResponses;
                clip += st.TokenClipFraction / P.RareSteps;
            }
            var after = TokenPolicyEvaluation.AnswerLogProbabilities(policy, task);
            values[$"rareGain.{m}"] = rare.Length == 0 ? double.NaN : rare.Average(i => after[i] - before[i]);
            sink.Add($"rareResponses.{m}", generated);
            sink.Add($"rareClipRatio.{m}", clip);
        }
        foreach (var (k, val) in values) if (double.IsFinite(val)) sink.Add(k, val);
        RecordPairs(sink, values, ["rareGain"]);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => DcpoReport.Build(P, results, report);
}
