using System.Collections.Concurrent;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Unlearning;
using PhyToolkit.Learning.Unlearning.Evaluation;

namespace PhyToolkit.Scenarios.UnlearningPuf;

/// <summary>
/// The <c>unlearning-puf</c> run. One block = one trial seed, the same for every point (common random numbers: same
/// data, partition, initialisation and batch streams), so that every comparison is paired per seed. Points: the
/// reference study (original vs retrained), the unlearning arms (PUF-Special per eta_u, PUF-Regular at the code's eta_u
/// and at the eta_u matching Special's effective scale, natural forgetting, FedEraser), concurrent requests and the
/// over-the-air uplink. The trial's trainings are shared between points through a per-seed cache (each a pure function
/// of the seed), and a point that compares with another arm reads that arm's outcome for the same seed from the cache.
/// </summary>
internal sealed class UnlearningPufRun : ScenarioRun<UnlearningPufParameters>
{
    internal const string Reference = "reference", Unlearn = "unlearn", Concurrent = "concurrent", Ota = "ota";
    internal const string Special = "puf-special", Regular = "puf-regular", Matched = "puf-regular-matched", Natural = "natural", Eraser = "fedEraser";

    private readonly PufTrialOptions options;
    private readonly ConcurrentDictionary<ulong, Lazy<PufTrial>> trials = new();
    private readonly ConcurrentDictionary<(ulong, string), Lazy<UnlearningOutcome>> arms = new();

    public UnlearningPufRun(UnlearningPufParameters p, ScenarioConfig config) : base(p, config)
    {
        options = p.ToTrialOptions();
        options.Validate();
        EtaSorted = [.. p.EtaSweep.Order()];
    }

    internal double[] EtaSorted { get; }

    internal int FixedRounds => 1 + P.RecoveryRoundsMax;

    internal static string SetLabel(int[] set) => string.Join(",", set.Order());

    protected override void DefineSweep(SweepBuilder sweep)
    {
        sweep.Add(Reference, ("study", Reference));
        foreach (double e in EtaSorted) sweep.Add($"{Unlearn}/{Special}/{Fmt.Label(e)}", ("study", Unlearn), ("method", Special), ("etaU", e));
        sweep.Add($"{Unlearn}/{Regular}", ("study", Unlearn), ("method", Regular), ("etaU", P.EtaRegular));
        sweep.Add($"{Unlearn}/{Matched}", ("study", Unlearn), ("method", Matched));
        sweep.Add($"{Unlearn}/{Natural}", ("study", Unlearn), ("method", Natural));
        sweep.Add($"{Unlearn}/{Eraser}", ("study", Unlearn), ("method", Eraser));
        foreach (var set in P.ConcurrentSets) sweep.Add($"{Concurrent}/{SetLabel(set)}", ("study", Concurrent), ("clients", SetLabel(set)));
        foreach (double s in P.OtaSnrDb) sweep.Add($"{Ota}/{Fmt.Label(s)}", ("study", Ota), ("snrDb", s));
    }

    private PufTrial Trial(ulong seed) => trials.GetOrAdd(seed, s => new Lazy<PufTrial>(() => new PufTrial(options, s), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private UnlearningOutcome Arm(ulong seed, string key, Func<PufTrial, UnlearningOutcome> run) =>
        arms.GetOrAdd((seed, key), _ => new Lazy<UnlearningOutcome>(() => run(Trial(seed)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private int[] U => [P.ForgetClient];

    private UnlearningOutcome SpecialArm(ulong seed, double eta) =>
        Arm(seed, $"special:{Fmt.Label(eta)}", t => t.Unlearn(U, UnlearningMode.PufSpecial, eta, null, FixedRounds));

    private UnlearningOutcome NaturalArm(ulong seed) =>
        Arm(seed, "natural", t => t.Unlearn(U, UnlearningMode.NaturalForgetting, 0, null, FixedRounds));

    /// <summary>eta_u of PUF-Regular whose effective scale eta_u n_u / N_t equals PUF-Special's eta (N_t = all clients' data).</summary>
    internal static double MatchedEta(PufTrial t, int u, double etaSpecial) => etaSpecial * t.Sizes.Sum() / t.Sizes[u];

    /// <summary>The trial seed of trial <paramref name="trial"/> of block <paramref name="block"/>: independent of the point.</summary>
    internal ulong TrialSeed(int block, int trial, int trialsPerBlock) =>
        SeedMixer.Mix(MasterSeed, SeedMixer.Hash("unlearning-puf/trial"), (ulong)(block * trialsPerBlock + trial), 0);

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        for (int i = 0; i < context.Trials; i++)
        {
            ulong seed = TrialSeed(context.BlockIndex, i, context.Trials);
            if (pt.Is("study", Reference)) RunReference(seed, sink);
            else if (pt.Is("study", Unlearn)) RunUnlearn(pt, seed, sink);
            else if (pt.Is("study", Concurrent))
            {
                int[] set = [.. pt.Category("clients").Split(',').Select(int.Parse)];
                Emit(sink, Arm(seed, "concurrent:" + SetLabel(set), t => t.Unlearn(set, UnlearningMode.PufSpecial, P.EtaSpecial, null, FixedRounds)), null, seed, set);
            }
            else
            {
                double snr = pt.Number("snrDb");
                var o = Arm(seed, $"ota:{Fmt.Label(snr)}", t => t.Unlearn(U, UnlearningMode.PufSpecial, P.EtaSpecial, snr, FixedRounds));
                Emit(sink, o, NaturalArm(seed), seed, U);
                var ideal = SpecialArm(seed, P.EtaSpecial);
                sink.Add("recoveryVsIdeal", Recovery(o) - Recovery(ideal));
            }
        }
    }

    private void RunReference(ulong seed, MetricSink sink)
    {
        var t = Trial(seed);
        var eval = t.Evaluator(U);
        var reference = t.Retrained(U);
        var o = eval.Evaluate(t.Original, reference);
        var r = eval.Evaluate(reference, reference);
        sink.Add("origCanary", o.CanaryAccuracy);
        sink.Add("refCanary", r.CanaryAccuracy);
        sink.Add("origTest", o.TestAccuracy);
        sink.Add("refTest", r.TestAccuracy);
        sink.Add("origForget", o.ForgetAccuracy);
        sink.Add("refForget", r.ForgetAccuracy);
        sink.Add("origMiaYeom", o.MiaYeom);
        sink.Add("refMiaYeom", r.MiaYeom);
        sink.Add("miaYeomDrop", o.MiaYeom - r.MiaYeom);
        sink.Add("origMiaThreshold", o.MiaThreshold);
        sink.Add("refMiaThreshold", r.MiaThreshold);
        sink.Add("origYeomAdvantage", o.YeomAdvantage);
        sink.Add("origDistToRetrain", o.WeightDistance);
        int rounds = t.RetrainRoundsToTarget(U);
        sink.Add("retrainRoundsToTarget", rounds);
        var cost = new UnlearningCost(rounds, (long)rounds * (P.Clients - 1), t.Model.ParameterCount, 0);
        sink.Add("retrainBytesToTarget", cost.BytesCommunicated);
        sink.Add("parameters", t.Model.ParameterCount);
        sink.Add("pufStoredVectors", SpecialArm(seed, P.EtaSpecial).Cost.StoredVectors);   // what the PUF server held after serving the request
        sink.Add("fedEraserStoredVectors", t.FedEraserStoredVectors);
        var acc = t.RetrainTestAccuracy(U);
        for (int k = 0; k < acc.Length; k++) sink.AddAt("retrainTestAcc", k + 1, acc[k]);
    }

    private void RunUnlearn(SweepPoint pt, ulong seed, MetricSink sink)
    {
        string method = pt.Category("method");
        switch (method)
        {
            case Special:
            {
                double eta = pt.Number("etaU");
                var o = SpecialArm(seed, eta);
                Emit(sink, o, NaturalArm(seed), seed, U);
                sink.Add("kappa", eta);
                int i = Array.IndexOf(EtaSorted, eta);
                if (i > 0)
                {
                    // P8: paired differences to the next smaller eta_u of the sweep (same seed)
                    var prev = SpecialArm(seed, EtaSorted[i - 1]);
                    sink.Add("canaryAfterVsPrev", o.Trajectory[1].CanaryAccuracy - prev.Trajectory[1].CanaryAccuracy);
                    sink.Add("testDropVsPrev", Drop(o) - Drop(prev));
                    sink.Add("recoveryVsPrev", Recovery(o) - Recovery(prev));
                }
                break;
            }
            case Regular:
            {
                var o = Arm(seed, "regular", t => t.Unlearn(U, UnlearningMode.PufRegular, P.EtaRegular, null, FixedRounds));
                Emit(sink, o, NaturalArm(seed), seed, U);
                var t = Trial(seed);
                sink.Add("kappa", P.EtaRegular * t.Sizes[P.ForgetClient] / t.Sizes.Sum());
                break;
            }
            case Matched:
            {
                var t = Trial(seed);
                double eta = MatchedEta(t, P.ForgetClient, P.EtaSpecial);
                var o = Arm(seed, "matched", tr => tr.Unlearn(U, UnlearningMode.PufRegular, eta, null, FixedRounds));
                Emit(sink, o, NaturalArm(seed), seed, U);
                sink.Add("kappa", P.EtaSpecial);
                sink.Add("etaU", eta);
                // P6: paired differences to PUF-Special at the same kappa, at the end of the fixed-length run
                var s = SpecialArm(seed, P.EtaSpecial);
                sink.Add("finalTestVsSpecial", o.Last.TestAccuracy - s.Last.TestAccuracy);
                sink.Add("finalCanaryVsSpecial", o.Last.CanaryAccuracy - s.Last.CanaryAccuracy);
                sink.Add("finalMiaVsSpecial", o.Last.MiaYeom - s.Last.MiaYeom);
                sink.Add("afterCanaryVsSpecial", o.Trajectory[1].CanaryAccuracy - s.Trajectory[1].CanaryAccuracy);
                break;
            }
            case Natural:
                Emit(sink, NaturalArm(seed), null, seed, U);
                break;
            default:
                Emit(sink, Arm(seed, "fedEraser", t => t.FedEraserUnlearn(U)), null, seed, U);
                break;
        }
    }

    private static double Drop(UnlearningOutcome o) => o.Trajectory[0].TestAccuracy - o.Trajectory[1].TestAccuracy;

    private double Recovery(UnlearningOutcome o) => o.RecoveryRounds ?? P.RecoveryRoundsMax + 1;

    /// <summary>Index of the trajectory entry where the method is charged: the recovery round, or the last one when censored.</summary>
    internal static int StopIndex(UnlearningOutcome o) => o.RecoveryRounds is int r ? r + 1 : o.Trajectory.Count - 1;

    /// <summary>Relearn steps (SGD on D_f and the canaries, rate 0.01, batch 32, at most 200) until their loss is back to
    /// 1.05 x the original model's loss on them; 201 = censored.</summary>
    internal int Relearn(ulong seed, int[] forgotten, double[] model)
    {
        var t = Trial(seed);
        var eval = t.Evaluator(forgotten);
        double target = 1.05 * eval.TargetLoss(t.Original);
        return RelearnTime.Steps(t.Model, model, t.Data.Task.Train, [.. eval.Target], target, SeedMixer.Mix(seed, SeedMixer.Hash("unlearning-puf/relearn")));
    }

    private void Emit(MetricSink sink, UnlearningOutcome o, UnlearningOutcome? natural, ulong seed, int[] forgotten)
    {
        sink.Add("relearnSteps", Relearn(seed, forgotten, o.Final));
        sink.Add("refRelearnSteps", Relearn(seed, forgotten, Trial(seed).Retrained(forgotten)));
        var first = o.Trajectory[1];
        var rf = o.Retrained;
        int k = StopIndex(o);
        var s = o.Trajectory[k];
        sink.Add("canaryAfter", first.CanaryAccuracy);
        sink.Add("testAfter", first.TestAccuracy);
        sink.Add("testDrop", Drop(o));
        sink.Add("canaryAfterGap", first.CanaryAccuracy - rf.CanaryAccuracy);
        sink.Add("recovered", o.RecoveryRounds is null ? 0 : 1);
        sink.Add("recoveryRounds", Recovery(o));
        sink.Add("roundsToTarget", o.Cost.Rounds);
        sink.Add("uploadsToTarget", o.Cost.ClientUploads);
        sink.Add("bytesToTarget", o.Cost.BytesCommunicated);
        sink.Add("storedVectors", o.Cost.StoredVectors);
        sink.Add("canaryGap", s.CanaryAccuracy - rf.CanaryAccuracy);
        sink.Add("testGap", s.TestAccuracy - rf.TestAccuracy);
        sink.Add("forgetGap", s.ForgetAccuracy - rf.ForgetAccuracy);
        sink.Add("miaYeomGap", s.MiaYeom - rf.MiaYeom);
        sink.Add("miaThresholdGap", s.MiaThreshold - rf.MiaThreshold);
        sink.Add("averageGap", s.AverageGap(rf));
        sink.Add("distToRetrain", s.WeightDistance);
        sink.Add("jsToRetrain", s.JsToReference);
        sink.Add("agreementWithRetrain", s.AgreementWithReference);
        sink.Add("refCanary", rf.CanaryAccuracy);
        sink.Add("refTest", rf.TestAccuracy);
        if (natural is not null && k < natural.Trajectory.Count)
            sink.Add("canaryVsNatural", s.CanaryAccuracy - natural.Trajectory[k].CanaryAccuracy);
        for (int j = 0; j < o.Trajectory.Count; j++)
        {
            var e = o.Trajectory[j];
            sink.AddAt("testAcc", j, e.TestAccuracy);
            sink.AddAt("canaryAcc", j, e.CanaryAccuracy);
            sink.AddAt("forgetAcc", j, e.ForgetAccuracy);
            sink.AddAt("miaYeom", j, e.MiaYeom);
        }
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => UnlearningPufReport.Build(this, P, results, report);
}
