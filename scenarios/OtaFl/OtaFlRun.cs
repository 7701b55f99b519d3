using System.Globalization;
using PhyToolkit.Channels.LinkAdaptation;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Federated;
using PhyToolkit.Channels.Fading;
using PhyToolkit.Channels.Noise;

namespace PhyToolkit.Scenarios.OtaFl;

/// <summary>
/// The prepared ota-fl run. Learning points: one block = one trial = one seed, running every method of the point with
/// the same trial seed; the trial seed depends on (master seed, block index) only, so every method and every point of a
/// trial share data, partition, batches and fading (common random numbers; paired per-trial differences are recorded).
/// Channel points: one block = <c>channelDraws</c> independent channel draws seeded from the block seed.
/// Sweep coordinates: <c>study</c> and <c>dataSet</c> are categories; snrDb, adcBits, k, eta and batch are numbers. Curves
/// (<c>loss.X</c>, <c>acc.X</c>, <c>sym.X</c> by round; <c>mingn.B</c> by horizon T; <c>link.*.vhat</c> by the index of
/// <see cref="LinkValues"/>; <c>uplink.*.err</c> by coordinate index) are recorded with <see cref="MetricSink.AddAt"/>.
/// </summary>
internal sealed class OtaFlRun : ScenarioRun<OtaFlParameters>
{
    /// <summary>Method identifiers used in metric names (B' is "Bp").</summary>
    public static readonly (OtaFlMethod Method, string Id)[] AllMethods =
    [
        (OtaFlMethod.DigitalAdaGradNorm, "A"), (OtaFlMethod.OtaAdaGradNormCorrected, "B"), (OtaFlMethod.OtaAdaGradNormPlain, "Bp"),
        (OtaFlMethod.NaiveAnalogAdaGradNorm, "C"), (OtaFlMethod.OtaFixedStep, "D"), (OtaFlMethod.CentralizedSgd, "E"),
    ];

    /// <summary>Method ids of the SNR-adaptive digital baselines by the CSI their MCS selection uses (parameters.adaptiveCsi).</summary>
    public static readonly (string Csi, string Id, CsiKind Kind)[] AdaptiveVariants =
        [("instantaneous", "Ainst", CsiKind.Instantaneous), ("mean", "Amean", CsiKind.Mean)];

    /// <summary>Normalised coordinates v sent over the point-to-point link in the channel study (spec claim 1).</summary>
    public static readonly double[] LinkValues = [-0.9, -0.3, 0, 0.5, 1];

    /// <summary>Coordinates per uplink vector in the channel study.</summary>
    public const int UplinkCoordinates = 8;

    /// <summary>Uplink aggregation variants of the channel study: exact P1 + dithered ADC, naive + deterministic ADC, P1 without 1/p_m.</summary>
    public static readonly string[] UplinkVariants = ["p1", "naive", "noipw"];

    internal sealed record PointSpec(OtaFlStudy Study, OtaFlDataSet DataSet, double SnrDb, int? AdcBits, int K, int DownlinkK, double Eta, int Batch);

    private readonly OtaFlParameters _p;
    private readonly ulong _masterSeed;
    private readonly PointSpec[] _points;

    public OtaFlRun(OtaFlParameters p, ScenarioConfig config) : base(p, config)
    {
        _p = p;
        _masterSeed = config.Seed;
        _points = Points(p);
    }

    /// <summary>The points of the sweep, in order (main, ADC bits, repetitions, step size, rate, accumulator, channel).</summary>
    internal static PointSpec[] Points(OtaFlParameters p)
    {
        var x = p.Experiment;
        int? adc = x.AdcBits;
        var pts = new List<PointSpec>();
        foreach (var ds in p.DataSets)
            foreach (var s in p.SnrDb)
                pts.Add(new(OtaFlStudy.Main, ds == "d1" ? OtaFlDataSet.D1Logistic : OtaFlDataSet.D2GaussianMixture, s, adc, x.Repetitions, x.DownlinkRepetitions, x.LearningRate, x.BatchSize));
        foreach (var b in p.AdcBits) pts.Add(new(OtaFlStudy.AdcBits, OtaFlDataSet.D1Logistic, x.SnrDb, b, x.Repetitions, x.DownlinkRepetitions, x.LearningRate, x.BatchSize));
        foreach (var k in p.Repetitions) pts.Add(new(OtaFlStudy.Repetitions, OtaFlDataSet.D1Logistic, x.SnrDb, adc, k, k, x.LearningRate, x.BatchSize));
        foreach (var eta in p.LearningRates) pts.Add(new(OtaFlStudy.StepSize, OtaFlDataSet.D1Logistic, x.SnrDb, adc, x.Repetitions, x.DownlinkRepetitions, eta, x.BatchSize));
        for (int i = 0; i < p.RateBatchSizes.Length; i++)
            pts.Add(new(OtaFlStudy.Rate, OtaFlDataSet.D1Logistic, x.SnrDb, adc, p.RateRepetitions[i], p.RateRepetitions[i], x.LearningRate, p.RateBatchSizes[i]));
        foreach (var s in p.AccumulatorSnrDb) pts.Add(new(OtaFlStudy.Accumulator, OtaFlDataSet.D1Logistic, s, adc, x.Repetitions, x.DownlinkRepetitions, x.LearningRate, p.AccumulatorBatchSize));
        foreach (var b in p.ChannelAdcBits)
            foreach (var k in p.ChannelRepetitions)
                foreach (var s in p.ChannelSnrDb) pts.Add(new(OtaFlStudy.Channel, OtaFlDataSet.D1Logistic, s, b, k, k, x.LearningRate, 1));
        return pts.ToArray();
    }

    /// <summary>The category value of a study (the <c>study</c> coordinate).</summary>
    internal static string StudyKey(OtaFlStudy s) => s switch
    {
        OtaFlStudy.Main => "main",
        OtaFlStudy.AdcBits => "adcBits",
        OtaFlStudy.Repetitions => "repetitions",
        OtaFlStudy.StepSize => "stepSize",
        OtaFlStudy.Rate => "rate",
        OtaFlStudy.Accumulator => "accumulator",
        _ => "channel",
    };

    /// <summary>The category value of a data set (the <c>dataSet</c> coordinate).</summary>
    internal static string DataKey(OtaFlDataSet d) => d == OtaFlDataSet.D1Logistic ? "d1" : "d2";

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (var pt in _points)
        {
            // adcBits is absent where the experiment's ADC is ideal (experiment.adcBits = null)
            var c = new List<Coordinate> { ("study", StudyKey(pt.Study)) };
            if (pt.Study != OtaFlStudy.Channel) c.Add(("dataSet", DataKey(pt.DataSet)));
            c.Add(("snrDb", pt.SnrDb));
            if (pt.AdcBits is int bits) c.Add(("adcBits", bits));
            c.Add(("k", pt.K));
            if (pt.Study != OtaFlStudy.Channel) { c.Add(("eta", pt.Eta)); c.Add(("batch", pt.Batch)); }
            sweep.Add(Label(pt), [.. c]);
        }
    }

    internal static string F(double v) => Fmt.Label(v);

    private static string Label(PointSpec pt) => pt.Study switch
    {
        OtaFlStudy.Main => $"main {DataKey(pt.DataSet)} snr={F(pt.SnrDb)}dB",
        OtaFlStudy.AdcBits => $"bits={pt.AdcBits}",
        OtaFlStudy.Repetitions => $"k={pt.K}",
        OtaFlStudy.StepSize => $"eta={F(pt.Eta)}",
        OtaFlStudy.Rate => $"rate batch={pt.Batch} k={pt.K}",
        OtaFlStudy.Accumulator => $"accumulator snr={F(pt.SnrDb)}dB",
        _ => $"channel bits={pt.AdcBits} k={pt.K} snr={F(pt.SnrDb)}dB",
    };

    /// <summary>The library's experiment configuration of point <paramref name="pt"/>.</summary>
    private OtaFlExperimentConfig Experiment(PointSpec pt, int rounds, int evaluateEvery, int resyncEvery) => _p.Experiment with
    {
        DataSet = pt.DataSet,
        Rounds = rounds,
        BatchSize = pt.Batch,
        SnrDb = pt.SnrDb,
        AdcBits = pt.AdcBits,
        Repetitions = pt.K,
        DownlinkRepetitions = pt.DownlinkK,
        LearningRate = pt.Eta,
        EvaluateEvery = evaluateEvery,
        ResyncEvery = resyncEvery,
    };

    /// <summary>The trial seed of block <paramref name="block"/>: shared by every point and method (common random numbers).</summary>
    internal static ulong TrialSeed(ulong masterSeed, int block) => SeedMixer.Mix(SeedMixer.Mix(masterSeed, SeedMixer.Hash("ota-fl/trial")), (ulong)block);

    /// <summary>Evaluation times of the rate study: T/16, T/8, T/4, T/2, T.</summary>
    internal static int[] RateHorizons(int rounds) => Enumerable.Range(0, 5).Select(i => rounds >> (4 - i)).ToArray();

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = _points[context.PointIndex];
        if (pt.Study == OtaFlStudy.Channel) { RunChannel(pt, context.Seed, sink); return; }
        ulong seed = TrialSeed(_masterSeed, context.BlockIndex);
        switch (pt.Study)
        {
            case OtaFlStudy.Main:
            {
                // evaluated every round (evaluation draws no random numbers, so training is unchanged) for the symbols-to-target
                // metrics; the curves keep every (T / curvePoints)-th round and T
                var cfg = Experiment(pt, X.Rounds, 1, X.ResyncEvery);
                var methods = pt.DataSet == OtaFlDataSet.D1Logistic ? AllMethods : AllMethods.Where(m => _p.D2Methods.Contains(m.Id)).ToArray();
                int curveEvery = Math.Max(1, X.Rounds / _p.CurvePoints);
                var runs = RunMethods(cfg, seed, sink, curveEvery, methods.Select(m => m.Method).ToArray());
                // the SNR-adaptive digital baselines: same seed (data, batches, fading), same power, gains and noise
                foreach (var (csi, id, kind) in AdaptiveVariants)
                    if (_p.AdaptiveCsi.Contains(csi))
                        RunOne(id, OtaFlMethod.AdaptiveDigitalAdaGradNorm, cfg with { AdaptiveDigital = cfg.AdaptiveDigital with { Csi = kind } }, seed, sink, curveEvery, runs);
                SymbolsToTarget(sink, runs);
                Paired(sink, runs, "acc", "B", "A");
                Paired(sink, runs, "loss", "C", "B");
                Paired(sink, runs, "loss", "B", "Bp");
                break;
            }
            case OtaFlStudy.AdcBits:
            {
                var runs = RunMethods(Experiment(pt, X.Rounds, X.Rounds, X.ResyncEvery), seed, sink, 0,
                    OtaFlMethod.OtaAdaGradNormCorrected, OtaFlMethod.NaiveAnalogAdaGradNorm);
                Paired(sink, runs, "loss", "C", "B");
                break;
            }
            case OtaFlStudy.Repetitions:
            {
                var runs = RunMethods(Experiment(pt, X.Rounds, X.Rounds, X.ResyncEvery), seed, sink, 0,
                    OtaFlMethod.DigitalAdaGradNorm, OtaFlMethod.OtaAdaGradNormCorrected);
                Paired(sink, runs, "acc", "B", "A");
                break;
            }
            case OtaFlStudy.StepSize:
                RunMethods(Experiment(pt, X.Rounds, X.Rounds, X.ResyncEvery), seed, sink, 0,
                    OtaFlMethod.OtaAdaGradNormCorrected, OtaFlMethod.OtaFixedStep);
                break;
            case OtaFlStudy.Rate:
            {
                // Resync every round (as in the library's claim-7 tests): the downlink random-walk floor would otherwise
                // dominate min ||grad F||^2 and hide the rate.
                var cfg = Experiment(pt, _p.RateRounds, Math.Max(1, _p.RateRounds / 320), 1);
                var runs = RunMethods(cfg, seed, sink, 0, OtaFlMethod.OtaAdaGradNormCorrected);
                if (runs.TryGetValue("B", out var r))
                {
                    int[] ts = RateHorizons(_p.RateRounds);
                    var y = new double[ts.Length];
                    for (int i = 0; i < ts.Length; i++)
                    {
                        y[i] = r.MinGradientNormSquared(ts[i]);
                        sink.AddAt("mingn.B", ts[i], y[i]);
                    }
                    double slope = LogLogSlope(ts, y);
                    if (double.IsFinite(slope)) sink.Add("slope.B", slope);
                }
                break;
            }
            case OtaFlStudy.Accumulator:
            {
                var runs = RunMethods(Experiment(pt, X.Rounds, X.Rounds, 1), seed, sink, 0,
                    OtaFlMethod.OtaAdaGradNormCorrected, OtaFlMethod.OtaAdaGradNormPlain);
                Paired(sink, runs, "loss", "B", "Bp");
                break;
            }
        }
    }

    /// <summary>Least-squares slope of log y against log t (NaN if any y is not positive).</summary>
    internal static double LogLogSlope(IReadOnlyList<int> t, IReadOnlyList<double> y)
    {
        int n = t.Count;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(y[i] > 0) || !double.IsFinite(y[i])) return double.NaN;
            mx += Math.Log(t[i]) / n; my += Math.Log(y[i]) / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = Math.Log(t[i]) - mx;
            sxy += dx * (Math.Log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    private static string IdOf(OtaFlMethod m) => AllMethods.First(x => x.Method == m).Id;

    /// <summary>
    /// Runs <paramref name="methods"/> on one trial seed and records their metrics; diverged runs are counted, not recorded.
    /// With <paramref name="curveEvery"/> &gt; 0 the loss/accuracy/symbol curves are recorded at rounds that are multiples of it
    /// and at the last round.
    /// </summary>
    private static Dictionary<string, FederatedRunResult> RunMethods(OtaFlExperimentConfig cfg, ulong seed, MetricSink sink, int curveEvery, params OtaFlMethod[] methods)
    {
        var runs = new Dictionary<string, FederatedRunResult>(StringComparer.Ordinal);
        foreach (var method in methods) RunOne(IdOf(method), method, cfg, seed, sink, curveEvery, runs);
        return runs;
    }

    /// <summary>Runs one method under id <paramref name="id"/>, records its metrics and adds it to <paramref name="runs"/> (not if it diverged).</summary>
    private static void RunOne(string id, OtaFlMethod method, OtaFlExperimentConfig cfg, ulong seed, MetricSink sink, int curveEvery, Dictionary<string, FederatedRunResult> runs)
    {
        {
            FederatedRunResult r;
            try { r = OtaFlMethods.Run(method, cfg, seed); }
            catch (InvalidOperationException)
            {
                // the server update became non-finite (fixed step too large): recorded as a divergence
                sink.Add($"diverged.{id}", 1);
                return;
            }
            if (!double.IsFinite(r.FinalTrainLoss)) { sink.Add($"diverged.{id}", 1); return; }
            sink.Add($"diverged.{id}", 0);
            runs[id] = r;
            sink.Add($"final.loss.{id}", r.FinalTrainLoss);
            sink.Add($"final.acc.{id}", r.FinalTestAccuracy);
            sink.Add($"final.sym.{id}", r.CumulativeSymbolsPerWorker[^1]);
            sink.Add($"final.payload.{id}", r.CumulativePayloadSymbolsPerWorker[^1]);
            if (r.UplinkPackets is { } up)
            {
                // adaptive digital link: retransmissions per packet, lost-packet fraction, mean MCS rate (bits per real use)
                sink.Add($"retx.up.{id}", (double)up.Retransmissions / up.Packets);
                sink.Add($"lost.up.{id}", (double)up.Lost / up.Packets);
                sink.Add($"outage.up.{id}", (double)up.Outages / up.Packets);
                if (MeanRate(up) is var ru && double.IsFinite(ru)) sink.Add($"rate.up.{id}", ru);
            }
            if (r.DownlinkPackets is { } dn)
            {
                sink.Add($"retx.dn.{id}", (double)dn.Retransmissions / dn.Packets);
                sink.Add($"missed.dn.{id}", (double)dn.Lost / (dn.Packets * (double)cfg.Workers));
                if (MeanRate(dn) is var rd && double.IsFinite(rd)) sink.Add($"rate.dn.{id}", rd);
            }
            if (curveEvery <= 0) return;
            for (int i = 0; i < r.Rounds.Length; i++)
            {
                if (r.Rounds[i] % curveEvery != 0 && i != r.Rounds.Length - 1) continue;
                sink.AddAt($"loss.{id}", r.Rounds[i], r.TrainLoss[i]);
                sink.AddAt($"acc.{id}", r.Rounds[i], r.TestAccuracy[i]);
                sink.AddAt($"sym.{id}", r.Rounds[i], r.CumulativeSymbolsPerWorker[i]);
            }
        }
    }

    /// <summary>Mean information bits per real channel use of the MCS used by the packets sent in <paramref name="c"/> (default table; NaN if none was sent).</summary>
    internal static double MeanRate(PacketCounts c)
    {
        double sum = 0;
        long sent = 0;
        for (int j = 0; j < c.McsUse.Length; j++) { sum += c.McsUse[j] * McsTable.Default.Entries[j].BitsPerRealUse; sent += c.McsUse[j]; }
        return sent > 0 ? sum / sent : double.NaN;
    }

    /// <summary>Accuracy targets of the headline, as fractions of (A)'s plateau in the same seed.</summary>
    public static readonly (string Key, double Fraction)[] Targets = [("q95", 0.95), ("q99", 0.99)];

    /// <summary>
    /// Symbols to reach a target accuracy (the fair headline): per seed, (A)'s plateau is its mean test accuracy over the last
    /// quarter of the rounds; for each target q and each method X with a channel, the first round t ≥ 1 with acc_X(t) ≥ q ·
    /// plateau gives the cumulative symbols and airtime per worker spent until then. Records reached.q.X (0/1), sym.q.X and
    /// air.q.X (reached seeds only) and the paired ratio symRatio.q.X = symbols of X / symbols of (A) in the same seed. A seed
    /// in which X never reaches the target contributes its total symbols at T instead: a lower bound of its ratio.
    /// </summary>
    internal static void SymbolsToTarget(MetricSink sink, Dictionary<string, FederatedRunResult> runs)
    {
        if (!runs.TryGetValue("A", out var a)) return;
        int n = a.Rounds.Length, T = a.Rounds[^1];
        double plateau = 0;
        int count = 0;
        for (int i = 0; i < n; i++)
            if (4 * a.Rounds[i] > 3 * T) { plateau += a.TestAccuracy[i]; count++; }
        plateau /= count;
        sink.Add("plateau.A", plateau);
        foreach (var (key, q) in Targets)
        {
            double target = q * plateau;
            int ia = FirstReach(a, target);
            if (ia < 0) continue;   // cannot happen: some evaluation in the last quarter is ≥ its mean
            double symA = a.CumulativeSymbolsPerWorker[ia];
            foreach (var (id, r) in runs)
            {
                if (id == "E") continue;   // no channel
                int ix = FirstReach(r, target);
                sink.AddRate($"reached.{key}.{id}", ix >= 0 ? 1 : 0, 1);
                if (ix >= 0)
                {
                    sink.Add($"sym.{key}.{id}", r.CumulativeSymbolsPerWorker[ix]);
                    sink.Add($"air.{key}.{id}", r.CumulativeAirtime[ix]);
                    sink.Add($"round.{key}.{id}", r.Rounds[ix]);
                }
                if (id != "A") sink.Add($"symRatio.{key}.{id}", (ix >= 0 ? r.CumulativeSymbolsPerWorker[ix] : r.CumulativeSymbolsPerWorker[^1]) / symA);
            }
            // (B) against each SNR-adaptive digital baseline D in the same seed: symRatio.q.B.D = symbols of (B) / symbols of D to
            // the same target. A method that never reaches it counts its total at T, so the ratio is a lower bound in a seed where
            // (B) is censored and an upper bound where D is (reached.q.B and reached.q.D, recorded above, tell which)
            if (!runs.TryGetValue("B", out var b)) continue;
            int ib = FirstReach(b, target);
            foreach (var (_, baseId, _) in AdaptiveVariants)
            {
                if (!runs.TryGetValue(baseId, out var dr)) continue;
                int idr = FirstReach(dr, target);
                double symB = ib >= 0 ? b.CumulativeSymbolsPerWorker[ib] : b.CumulativeSymbolsPerWorker[^1];
                double symD = idr >= 0 ? dr.CumulativeSymbolsPerWorker[idr] : dr.CumulativeSymbolsPerWorker[^1];
                sink.Add($"symRatio.{key}.B.{baseId}", symB / symD);
            }
        }
    }

    /// <summary>Index of the first evaluation after round 0 whose test accuracy reaches <paramref name="target"/>, or −1.</summary>
    internal static int FirstReach(FederatedRunResult r, double target)
    {
        for (int i = 0; i < r.Rounds.Length; i++)
            if (r.Rounds[i] >= 1 && r.TestAccuracy[i] >= target) return i;
        return -1;
    }

    private static void Paired(MetricSink sink, Dictionary<string, FederatedRunResult> runs, string what, string a, string b)
    {
        if (!runs.TryGetValue(a, out var ra) || !runs.TryGetValue(b, out var rb)) return;
        double d = what == "acc" ? ra.FinalTestAccuracy - rb.FinalTestAccuracy : ra.FinalTrainLoss - rb.FinalTrainLoss;
        sink.Add($"diff.{what}.{a}-{b}", d);
    }

    /// <summary>Channel study: the P1 and naive point-to-point estimates and three uplink aggregations, against their closed forms.</summary>
    private void RunChannel(PointSpec pt, ulong blockSeed, MetricSink sink)
    {
        var sym = new Xoshiro256StarStar(SeedMixer.Mix(blockSeed, 1));
        var noise = new Xoshiro256StarStar(SeedMixer.Mix(blockSeed, 2));
        var frng = new Xoshiro256StarStar(SeedMixer.Mix(blockSeed, 3));
        double sigma = AwgnNoise.NoiseStdFromSnrDb(pt.SnrDb, 1, 1);

        // point-to-point link, h = 1 (the closed forms are exact there), k = 1
        var hw = LinkHardwareFor(X, pt.AdcBits!.Value, sigma);
        var p1 = new BinaryStochasticCoder(1);
        var naive = new NaiveAmplitudeCoder(1);
        var u = LinkValues;
        var uHat = new double[u.Length];

        // uplink: M workers with fixed non-IID vectors (near workers positive, far negative) and unequal mean gains
        int M = X.Workers, d = UplinkCoordinates;
        var updates = UplinkVectors(_masterSeed, M);
        var target = new double[d];
        for (int m = 0; m < M; m++)
            for (int i = 0; i < d; i++) target[i] += updates[m * d + i] / M;
        var beta = MeanGains(X);
        var fading = X.CreateFadingModel();
        var aggs = UplinkAggregators(X, pt.AdcBits!.Value, sigma, pt.K);
        bool link = pt.K == _p.ChannelRepetitions[0];   // the point-to-point checks (k = 1) run once per (bits, SNR)
        var workers = Enumerable.Range(0, M).ToArray();
        var gains = new double[M];
        var est = new double[d];
        var errNames = new string[aggs.Length];
        for (int a = 0; a < aggs.Length; a++) errNames[a] = $"uplink.{UplinkVariants[a]}.err";

        for (int n = 0; n < _p.ChannelDraws; n++)
        {
            if (link)
            {
                PointToPointLink.Transmit(p1, u, 1.0, hw, ref sym, ref noise, uHat);
                for (int i = 0; i < u.Length; i++) sink.AddAt("link.p1.vhat", i, uHat[i]);
                PointToPointLink.Transmit(naive, u, 1.0, hw, ref sym, ref noise, uHat);
                for (int i = 0; i < u.Length; i++) sink.AddAt("link.naive.vhat", i, uHat[i]);
            }

            for (int m = 0; m < M; m++) gains[m] = fading.SampleAmplitude(ref frng, beta[m]);
            for (int a = 0; a < aggs.Length; a++)
            {
                var rep = aggs[a].Aggregate(updates, workers, gains, 0, ref sym, ref noise, est);
                double sq = 0;
                for (int i = 0; i < d; i++)
                {
                    double e = est[i] - target[i];
                    sq += e * e;
                    sink.AddAt(errNames[a], i, e);
                }
                string v = UplinkVariants[a];
                sink.Add($"uplink.{v}.sqerr", sq);
                sink.Add($"uplink.{v}.vchBound", rep.ChannelVarianceBound);
                if (double.IsFinite(rep.OverloadBiasBound)) sink.Add($"uplink.{v}.biasBound", rep.OverloadBiasBound);
            }
        }
    }

    /// <summary>The point-to-point hardware of the channel study: A = 1, DAC as configured, ADC with full scale h A = 1 (AGC).</summary>
    internal static LinkHardware LinkHardwareFor(OtaFlExperimentConfig x, int adcBits, double noiseStd) =>
        new(1, noiseStd, x.DacBits is int dac ? new UniformQuantizer(dac, 1) : IdealQuantizer.Instance, new UniformQuantizer(adcBits, 1));

    /// <summary>Worker m's vector in the channel study: (1 - 2m/(M-1)) + 0.5 N(0,1) per coordinate (fixed by the master seed).</summary>
    internal static double[] UplinkVectors(ulong masterSeed, int workers)
    {
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(masterSeed, SeedMixer.Hash("ota-fl/uplink-vectors")));
        var u = new double[workers * UplinkCoordinates];
        for (int m = 0; m < workers; m++)
        {
            double offset = workers == 1 ? 0 : 1 - 2.0 * m / (workers - 1);
            for (int i = 0; i < UplinkCoordinates; i++) u[m * UplinkCoordinates + i] = offset + 0.5 * rng.NextGaussian();
        }
        return u;
    }

    /// <summary>beta_m of the library (evenly spaced in dB over the spread, mean 1; worker 0 is the nearest).</summary>
    internal static double[] MeanGains(OtaFlExperimentConfig x) => OtaFlMethods.MeanGains(x);

    /// <summary>The three uplink variants at <paramref name="repetitions"/>: exact P1 with IPW and dithered sum ADC; naive with deterministic ADC; P1 without IPW.</summary>
    internal static UplinkAggregator[] UplinkAggregators(OtaFlExperimentConfig p, int adcBits, double noiseStd, int repetitions)
    {
        var beta = MeanGains(p);
        var peaks = Enumerable.Repeat(1.0, p.Workers).ToArray();
        double theta = p.ThresholdFactor * beta.Average();
        var fading = p.CreateFadingModel();
        var ipw = new TruncatedChannelInversion(theta, peaks, beta, fading, 1, true);
        var noIpw = new TruncatedChannelInversion(theta, peaks, beta, fading, 1, false);
        UplinkOptions Options(OtaSymbolScheme scheme, QuantizerMode mode) => new()
        {
            Mode = UplinkMode.OtaTruncatedInversion, Scheme = scheme, Repetitions = repetitions, SymbolAmplitude = 1, NoiseStd = noiseStd,
            AdcBits = adcBits, SumAdcMode = mode, DacBits = p.DacBits, DigitalCodeRate = p.DigitalCodeRate,
        };
        return
        [
            new UplinkAggregator(Options(OtaSymbolScheme.BinaryStochastic, QuantizerMode.Dithered), ipw),
            new UplinkAggregator(Options(OtaSymbolScheme.NaiveAmplitude, QuantizerMode.Deterministic), ipw),
            new UplinkAggregator(Options(OtaSymbolScheme.BinaryStochastic, QuantizerMode.Dithered), noIpw),
        ];
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => OtaFlReport.Build(_p, Plan, results, report);

    /// <summary>The shared experiment settings.</summary>
    private OtaFlExperimentConfig X => _p.Experiment;
}
