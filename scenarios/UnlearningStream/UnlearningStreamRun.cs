using System.Collections.Concurrent;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Unlearning.Stream;

namespace PhyToolkit.Scenarios.UnlearningStream;

/// <summary>
/// The <c>unlearning-stream</c> run. One block = one seed; every point of a block sees the same generated streams (common
/// random numbers), so learners and deletion counts are compared per seed. Studies: regret per learner and stream (S1–S3,
/// S7, S10), dynamic regret per drift rate (S8), deletion fidelity against the replay model (S4), noise calibration and
/// odometer (S5), the regret cost of deletions (S6) and the curvature purge (S9). The learners are the library's
/// (<see cref="MemoryPairLearner"/>, <see cref="OnlineGradientBaseline"/>); this file only composes them.
/// </summary>
internal sealed class UnlearningStreamRun : ScenarioRun<UnlearningStreamParameters>
{
    internal const string Regret = "regret", Dynamic = "dynamic", Deletion = "deletion", Noise = "noise", Cost = "cost", Purge = "purge";
    internal const string Iid = "iid", Drift = "drift", Adv = "adv";
    internal const string L0 = "L0", L1 = "L1", L1Plan = "L1'", L2 = "L2", Sgd = "SGD", AdaGrad = "AdaGrad";
    internal static readonly string[] Streams = [Iid, Drift, Adv];
    internal static readonly string[] Learners = [L0, L1, L1Plan, L2, Sgd, AdaGrad];
    internal static readonly string[] Variants = ["V1", "V2", "V3"];

    private delegate double Learn(ReadOnlySpan<double> x, double y);

    private readonly ConcurrentDictionary<ulong, Lazy<double>> kappas = new();

    public UnlearningStreamRun(UnlearningStreamParameters p, ScenarioConfig config) : base(p, config)
    {
        p.L1().Validate();
        CheckpointSteps = LogCheckpoints(100, p.Horizon, p.Checkpoints, p.FitFrom);
        CostSteps = [.. Enumerable.Range(1, 20).Select(i => (int)((long)p.CostHorizon * i / 20))];
    }

    /// <summary>Regret checkpoints: log-spaced in [10², T], plus the fit start.</summary>
    internal int[] CheckpointSteps { get; }

    /// <summary>Checkpoints of the odometer curve of the cost study (20 evenly spaced).</summary>
    internal int[] CostSteps { get; }

    internal double DriftMax => P.DriftRates.Max();

    internal static int[] LogCheckpoints(int from, int to, int count, int extra)
    {
        var set = new SortedSet<int> { extra, to };
        for (int i = 0; i < count; i++) set.Add((int)Math.Round(Math.Exp(Math.Log(from) + (Math.Log(to) - Math.Log(from)) * i / (count - 1))));
        return [.. set];
    }

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (string s in Streams)
            foreach (string l in Learners) sweep.Add($"{Regret}/{s}/{l}", ("study", Regret), ("stream", s), ("learner", l));
        foreach (double w in P.DriftRates.Order()) sweep.Add($"{Dynamic}/{Fmt.G(w)}", ("study", Dynamic), ("omega", w));
        foreach (string l in new[] { L1, L2 })
            foreach (int k in P.DeletionCounts.Order()) sweep.Add($"{Deletion}/{l}/{k}", ("study", Deletion), ("learner", l), ("k", k));
        foreach (string v in Variants) sweep.Add($"{Noise}/{v}", ("study", Noise), ("variant", v));
        foreach (int m in P.CostDeletions.Order()) sweep.Add($"{Cost}/{m}", ("study", Cost), ("m", m));
        sweep.Add(Purge, ("study", Purge));
    }

    private ulong Seed(string what, int block, int index = 0) => SeedMixer.Mix(MasterSeed, SeedMixer.Hash("unlearning-stream/" + what), (ulong)block, (ulong)index);

    private SyntheticRegressionStream NewStream(string kind, ulong seed) => kind switch
    {
        Drift => new SyntheticRegressionStream(P.Dimension, seed, driftRadiansPerEvent: DriftMax),
        Adv => new SyntheticRegressionStream(P.Dimension, seed, swapPeriod: P.SwapPeriod),
        _ => new SyntheticRegressionStream(P.Dimension, seed),
    };

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        int b = context.BlockIndex;
        switch (pt.Category("study"))
        {
            case Regret: RunRegret(pt.Category("stream"), pt.Category("learner"), b, sink); break;
            case Dynamic: RunDynamic(pt.Number("omega"), b, sink); break;
            case Deletion: RunDeletion(pt.Category("learner"), (int)pt.Number("k"), b, sink); break;
            case Noise: RunNoise(pt.Category("variant"), b, sink); break;
            case Cost: RunCost((int)pt.Number("m"), b, sink); break;
            default: RunPurge(b, sink); break;
        }
    }

    private static DeletionNoise VariantNoise(string v) => v switch { "V1" => DeletionNoise.ZCdp, "V2" => DeletionNoise.GaussianBasic, _ => DeletionNoise.CodeCompat };

    // ---------------------------------------------------------------- regret (S1, S2, S3, S7, S10)

    private void RunRegret(string streamKind, string learnerName, int block, MetricSink sink)
    {
        int d = P.Dimension, T = P.Horizon;
        var stream = NewStream(streamKind, Seed("stream/" + streamKind, block));
        var tracker = new RegretTracker(d, P.Lambda, P.Radius);
        MemoryPairLearner? mp = learnerName switch
        {
            L1 => new MemoryPairLearner(P.L1() with { InferenceGate = true }, Seed("noise", block)),
            L1Plan => new MemoryPairLearner(P.L1Plan(), Seed("noise", block)),
            L2 => new MemoryPairLearner(P.L2(), Seed("noise", block)),
            _ => null,
        };
        OnlineGradientBaseline? baseline = learnerName switch
        {
            L0 => new OnlineGradientBaseline(OnlineBaselineKind.Ogd, d, P.Lambda, P.Radius),
            Sgd => new OnlineGradientBaseline(OnlineBaselineKind.Sgd, d, P.Lambda, P.Radius),
            AdaGrad => new OnlineGradientBaseline(OnlineBaselineKind.AdaGrad, d, P.Lambda, P.Radius),
            _ => null,
        };
        Learn learn = mp is { } m1 ? (x, y) => m1.Insert(m1.Inserts, x, y) : baseline is { } b1 ? (x, y) => b1.Insert(x, y) : throw new InvalidOperationException(learnerName);
        bool detail = learnerName == L1 && streamKind == Iid;
        var x = new double[d];
        var ts = new List<double>(); var rs = new List<double>();
        int k = 0, prevT = 0;
        long prevOps = 0;
        double worstBoundRatio = 0;
        bool gateConsistent = true, capacityMonotone = true;
        long prevCapV1 = 0, prevCapV2 = 0;
        double sigmaV1 = new MemoryPairLearner(P.L1(DeletionNoise.ZCdp), 0).SigmaStep;
        double sigmaV2 = mp?.SigmaStep ?? double.NaN;
        for (int t = 1; t <= T; t++)
        {
            double y = stream.Next(x);
            double loss = learn(x, y);
            tracker.Observe(x, y, loss);
            if (t != CheckpointSteps[k]) continue;
            double r = tracker.StaticRegret();
            sink.AddAt("regret", t, r);
            ts.Add(t); rs.Add(r);
            if (mp is not null && learnerName != L2)
            {
                double bound = MemoryPairBounds.RegretBound(t, mp.MaxGradientNorm, P.Lambda, mp.MinCurvatureRatio, 0);
                sink.AddAt("bound", t, bound);
                worstBoundRatio = Math.Max(worstBoundRatio, r / bound);
            }
            if (detail)
            {
                sink.AddAt("stateSize", t, mp!.StateSize);
                sink.AddAt("opsPerEvent", t, (double)(mp.VectorOperations - prevOps) / (t - prevT));
                var o = mp.Options;
                long capV1 = MemoryPairBounds.DeletionCapacity(t, mp.SumSquaredGradients, o.GradientBound, 2 * o.Radius, o.CurvatureLower, o.CurvatureUpper, sigmaV1, o.TargetAverageRegret, o.RegretConfidence);
                long capV2 = MemoryPairBounds.DeletionCapacity(t, mp.SumSquaredGradients, o.GradientBound, 2 * o.Radius, o.CurvatureLower, o.CurvatureUpper, sigmaV2, o.TargetAverageRegret, o.RegretConfidence);
                sink.AddAt("capacityV1", t, capV1);
                sink.AddAt("capacityV2", t, capV2);
                capacityMonotone &= capV1 >= prevCapV1 && capV2 >= prevCapV2;
                prevCapV1 = capV1; prevCapV2 = capV2;
                bool open;
                try { mp.Predict(x); open = true; } catch (InferenceGateClosedException) { open = false; }
                sink.AddAt("gateOpen", t, open ? 1 : 0);
                gateConsistent &= open == (mp.LiveSamples >= mp.GateThreshold);
                prevOps = mp.VectorOperations; prevT = t;
            }
            k++;
        }
        sink.Add("finalRegret", rs[^1]);
        if (mp is not null && learnerName != L2)
        {
            sink.Add("boundRatioMax", worstBoundRatio);
            sink.Add("gMeasured", mp.MaxGradientNorm);
            sink.Add("cMeasured", mp.MinCurvatureRatio);
        }
        if (detail)
        {
            sink.AddRate("gateConsistent", gateConsistent ? 1 : 0, 1);
            sink.AddRate("capacityMonotone", capacityMonotone ? 1 : 0, 1);
            sink.Add("gateThreshold", mp!.GateThreshold);
        }
        // S1 fits on T ≥ FitFrom
        var lnT = new List<double>(); var sqrtT = new List<double>(); var rr = new List<double>();
        double rFrom = double.NaN;
        for (int i = 0; i < ts.Count; i++)
        {
            if (ts[i] < P.FitFrom) continue;
            if (ts[i] == P.FitFrom) rFrom = rs[i];
            lnT.Add(Math.Log(ts[i])); sqrtT.Add(Math.Sqrt(ts[i])); rr.Add(rs[i]);
        }
        var (r2Ln, rssLn) = LinearFit(lnT, rr);
        var (_, rssSqrt) = LinearFit(sqrtT, rr);
        sink.Add("lnFitR2", r2Ln);
        sink.Add("logRssSqrtOverLn", Math.Log(Math.Max(rssSqrt, 1e-300) / Math.Max(rssLn, 1e-300)));
        sink.Add("sqrtRatio", rs[^1] / Math.Sqrt(T) / (rFrom / Math.Sqrt(P.FitFrom)));
    }

    /// <summary>Least-squares y = a + b·x: (R², residual sum of squares).</summary>
    internal static (double R2, double Rss) LinearFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my); syy += (y[i] - my) * (y[i] - my); }
        double bSlope = sxy / sxx, a = my - bSlope * mx, rss = 0;
        for (int i = 0; i < n; i++) { double e = y[i] - a - bSlope * x[i]; rss += e * e; }
        return (syy > 0 ? 1 - rss / syy : 1, rss);
    }

    /// <summary>(a, b) of the least-squares fit y = a + b·x.</summary>
    internal static (double A, double B) FitLine(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++) { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my); }
        return (my - sxy / sxx * mx, sxy / sxx);
    }

    // ---------------------------------------------------------------- dynamic regret (S8)

    /// <summary>κ, the ridge shrinkage of the comparator path u_t = κ w°_t: u = ridge minimiser of KappaSamples static events, κ = uᵀw° (one estimate per seed).</summary>
    private double Kappa(int block) => kappas.GetOrAdd((ulong)block, _ => new Lazy<double>(() =>
    {
        int d = P.Dimension;
        var s = new SyntheticRegressionStream(d, Seed("kappa", block));
        var tr = new RegretTracker(d, P.Lambda, double.PositiveInfinity);
        var x = new double[d];
        for (int i = 0; i < P.KappaSamples; i++) { double y = s.Next(x); tr.Observe(x, y, 0); }
        var u = new double[d]; var w = new double[d];
        tr.BestFixed(u); s.Target(w);
        double k = 0;
        for (int j = 0; j < d; j++) k += u[j] * w[j];
        return k;
    })).Value;

    private void RunDynamic(double omega, int block, MetricSink sink)
    {
        int d = P.Dimension, T = P.Horizon;
        double kappa = Kappa(block);
        var stream = new SyntheticRegressionStream(d, Seed("stream/dynamic", block), driftRadiansPerEvent: omega);
        var mp = new MemoryPairLearner(P.L1(), Seed("noise", block));
        var tracker = new RegretTracker(d, P.Lambda, P.Radius);
        var x = new double[d]; var u = new double[d];
        int k = 0;
        double bound = double.NaN;
        for (int t = 1; t <= T; t++)
        {
            double y = stream.Next(x);
            stream.Target(u);
            for (int j = 0; j < d; j++) u[j] *= kappa;
            double loss = mp.Insert(t, x, y);
            tracker.Observe(x, y, loss, u);
            if (t != CheckpointSteps[k]) continue;
            bound = MemoryPairBounds.RegretBound(t, mp.MaxGradientNorm, P.Lambda, mp.MinCurvatureRatio, 0) + mp.MaxGradientNorm * tracker.PathLength;
            sink.AddAt("dynRegret", t, tracker.DynamicRegret);
            sink.AddAt("dynBound", t, bound);
            k++;
        }
        sink.Add("kappa", kappa);
        sink.Add("pathLength", tracker.PathLength);
        sink.Add("dynRegretFinal", tracker.DynamicRegret);
        sink.Add("dynBoundFinal", bound);
        sink.Add("dynMinusBound", tracker.DynamicRegret - bound);
        sink.Add("staticRegretFinal", tracker.StaticRegret());
    }

    // ---------------------------------------------------------------- deletion fidelity (S4)

    private (double[][] X, double[] Y) Materialise(int n, ulong seed)
    {
        var s = new SyntheticRegressionStream(P.Dimension, seed);
        var xs = new double[n][]; var ys = new double[n];
        for (int i = 0; i < n; i++) { xs[i] = new double[P.Dimension]; ys[i] = s.Next(xs[i]); }
        return (xs, ys);
    }

    private void RunDeletion(string learnerName, int kDel, int block, MetricSink sink)
    {
        int t0 = P.DeletionInserts, d = P.Dimension;
        var (xs, ys) = Materialise(t0, Seed("stream/deletion", block));
        var o = learnerName == L2 ? P.L2(DeletionNoise.None) : P.L1(DeletionNoise.None);
        var rng = new Xoshiro256StarStar(Seed("deletion/pick/" + kDel, block));
        for (int trial = 0; trial < P.DeletionTrialsPerSeed; trial++)
        {
            var removed = new List<int>();
            while (removed.Count < kDel) { int u = rng.NextInt(t0); if (!removed.Contains(u)) removed.Add(u); }
            var orig = new MemoryPairLearner(o, 0);
            for (int i = 0; i < t0; i++) orig.Insert(i, xs[i], ys[i]);
            var thetaOrig = orig.Parameters.ToArray();
            foreach (int u in removed) orig.Delete(u, xs[u], ys[u]);
            var replay = new MemoryPairLearner(o, 0);
            var erm = new RegretTracker(d, P.Lambda, P.Radius);
            for (int i = 0; i < t0; i++)
            {
                if (removed.Contains(i)) continue;
                replay.Insert(i, xs[i], ys[i]);
                erm.Observe(xs[i], ys[i], 0);
            }
            var ermTheta = new double[d];
            erm.BestFixed(ermTheta);
            double num = Dist(orig.Parameters, replay.Parameters), den = Dist(thetaOrig, replay.Parameters);
            double ratio = num / den;
            sink.Add("ratio", ratio);
            sink.Add("log10Ratio", Math.Log10(ratio));
            sink.AddRate("ratioAtMostHalf", ratio <= 0.5 ? 1 : 0, 1);
            sink.AddRate("premise", num <= orig.Sensitivity ? 1 : 0, 1);
            sink.Add("distToReplay", num);
            sink.Add("origDistToReplay", den);
            sink.Add("ermRatio", Dist(orig.Parameters, ermTheta) / Dist(thetaOrig, ermTheta));
            // diagnostics: length of the deletion move relative to the gap, and its cosine with the direction to θ̃
            double move = Dist(orig.Parameters, thetaOrig), dot = 0;
            for (int j = 0; j < d; j++) dot += (orig.Parameters[j] - thetaOrig[j]) * (replay.Parameters[j] - thetaOrig[j]);
            sink.Add("moveOverGap", move / den);
            sink.Add("cosineToReplay", move > 0 ? dot / (move * den) : 0);
        }
    }

    private static double Dist(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) { double e = a[i] - b[i]; s += e * e; }
        return Math.Sqrt(s);
    }

    // ---------------------------------------------------------------- noise calibration and odometer (S5)

    private void RunNoise(string variant, int block, MetricSink sink)
    {
        int d = P.Dimension, n = Math.Max(30, P.MaxDeletions + P.Window + 2);
        var noise = VariantNoise(variant);
        var o = P.L1(noise) with { Radius = double.PositiveInfinity };
        double sumZ2 = 0; long count = 0;
        bool odometerExact = true;
        for (int r = 0; r < P.NoiseLearnersPerSeed; r++)
        {
            var (xs, ys) = Materialise(n, Seed("stream/noise", block, r));
            var noisy = new MemoryPairLearner(o, Seed("noise/" + variant, block, r));
            var clean = new MemoryPairLearner(o with { Noise = DeletionNoise.None }, 0);
            for (int i = 0; i < n; i++) { noisy.Insert(i, xs[i], ys[i]); clean.Insert(i, xs[i], ys[i]); }
            noisy.Delete(0, xs[0], ys[0]); clean.Delete(0, xs[0], ys[0]);
            double sigma = noisy.LastDeletionSigma;
            for (int j = 0; j < d; j++) { double z = (noisy.Parameters[j] - clean.Parameters[j]) / sigma; sumZ2 += z * z; count++; }
            if (r == 0)
            {
                // the odometer: spent = k·cost after k deletions, the (K+1)-th delete raises and changes nothing
                odometerExact &= noisy.Odometer.Spent == noisy.Odometer.PerDeletion;
                for (int k = 1; k < P.MaxDeletions; k++)
                {
                    noisy.Delete(k, xs[k], ys[k]);
                    odometerExact &= noisy.Odometer.Spent == (k + 1) * noisy.Odometer.PerDeletion;
                }
                var before = noisy.Parameters.ToArray();
                bool raised = false;
                try { noisy.Delete(P.MaxDeletions, xs[P.MaxDeletions], ys[P.MaxDeletions]); }
                catch (InvalidOperationException) { raised = true; }
                odometerExact &= raised && noisy.Parameters.SequenceEqual(before) && noisy.Odometer.Deletions == P.MaxDeletions;
                sink.Add("sigmaStep", variant == "V3" ? sigma : noisy.SigmaStep);
                sink.Add("perDeletion", noisy.Odometer.PerDeletion);
                sink.Add("budget", noisy.Odometer.Total);
            }
        }
        sink.Add("stdRatio", Math.Sqrt(sumZ2 / count));
        sink.Add("draws", count);
        sink.AddRate("odometerExact", odometerExact ? 1 : 0, 1);
    }

    // ---------------------------------------------------------------- regret cost of deletions (S6) and odometer over the stream

    private (double Regret, double G, double Sigma) CostRun(int m, int block, int run, MetricSink? curve)
    {
        int d = P.Dimension, T = P.CostHorizon;
        var (xs, ys) = Materialise(T, Seed("stream/cost", block, run));
        var mp = new MemoryPairLearner(P.L1() with { InferenceGate = true }, Seed("noise/cost", block, run));
        var tracker = new RegretTracker(d, P.Lambda, P.Radius);
        var rng = new Xoshiro256StarStar(Seed("cost/pick", block, run));
        int j = 0, c = 0;
        for (int t = 1; t <= T; t++)
        {
            int i = t - 1;
            double loss = mp.Insert(i, xs[i], ys[i]);
            tracker.Observe(xs[i], ys[i], loss);
            if (j < m && t == (long)T * (j + 1) / (m + 1))
            {
                int u;
                do u = rng.NextInt(t); while (!mp.IsLive(u) || mp.Memory.Count <= 1 && mp.Memory.IndexOfTag(u) >= 0);
                mp.Delete(u, xs[u], ys[u]);
                j++;
            }
            if (curve is not null && c < CostSteps.Length && t == CostSteps[c])
            {
                curve.AddAt("spentFraction", t, mp.Odometer.Spent / mp.Odometer.Total);
                curve.AddAt("deletions", t, mp.Odometer.Deletions);
                curve.AddAt("liveSamples", t, mp.LiveSamples);
                c++;
            }
        }
        return (tracker.StaticRegret(), mp.MaxGradientNorm, mp.SigmaStep);
    }

    private void RunCost(int m, int block, MetricSink sink)
    {
        for (int run = 0; run < P.CostRunsPerSeed; run++)
        {
            var (r0, _, _) = CostRun(0, block, run, null);
            var (rm, g, sigma) = CostRun(m, block, run, run == 0 && m == P.CostDeletions.Max() ? sink : null);
            double deltaM = MemoryPairBounds.DeletionCost(m, g, sigma, P.RegretConfidence);
            sink.Add("excess", rm - r0);
            sink.Add("regretWith", rm);
            sink.Add("regretWithout", r0);
            sink.Add("deltaM", deltaM);
            sink.AddRate("withinBound", rm - r0 <= deltaM ? 1 : 0, 1);
        }
    }

    // ---------------------------------------------------------------- curvature purge (S9)

    private void RunPurge(int block, MetricSink sink)
    {
        int n = 100;
        var (xs, ys) = Materialise(n, Seed("stream/purge", block));
        var mp = new MemoryPairLearner(P.L1(), Seed("noise/purge", block));
        for (int i = 0; i < n; i++) mp.Insert(i, xs[i], ys[i]);
        int u = n - 3;
        int idx = mp.Memory.IndexOfTag(u);
        bool ok = idx >= 0;
        if (ok)
        {
            var s = mp.Memory.S(idx).ToArray(); var y = mp.Memory.Y(idx).ToArray();
            mp.Delete(u, xs[u], ys[u]);
            for (int i = 0; i < mp.Memory.Count; i++) ok &= !(mp.Memory.S(i).SequenceEqual(s) && mp.Memory.Y(i).SequenceEqual(y));
        }
        sink.AddRate("purged", ok ? 1 : 0, 1);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => UnlearningStreamReport.Build(this, P, results, report);
}
