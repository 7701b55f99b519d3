using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Optimization.Hierarchical;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The run of <c>optim-hierarchical</c>: rate points (problem M1/B1, method, σ), tuning points (problem, σ) and application points
/// (M2/B2/B3, method, minibatch size); trials = seeds. Error histories are curves over the horizon T ("logErr", "logTrackY", "logTrackZ").
/// </summary>
internal sealed class HierarchicalRun : ScenarioRun<HierarchicalParameters>
{
    internal enum Method { Ada, Nsgdm, TiAda, Sgda }

    internal enum Kind { Rate, Tuning, Application }

    internal enum App { M2, B2, B3 }

    internal sealed record Spec(Kind Kind, bool Bilevel, Method Method, double Sigma, App App = App.M2, int Batch = 0);

    /// <summary>c_η per data-driven problem, ≈ 0.1 × a guess of ‖x* − x0‖ as spec §1.3 advises (our choice).</summary>
    internal static double AppCEta(App app) => app == App.B3 ? 1.0 : 0.5;

    /// <summary>The 5×5 NSGD-M tuning grid of claim 3 (our choice): α ∈ 10^{0, −0.5, …, −2}, η = (c_η/√T)·10^{−1, −0.5, …, 1};
    /// it brackets the σ-aware constants α* = min{1, 1/(σ√T)}, η* = c_η√(α*/T) of spec §2 for every σ ≥ 0.01.</summary>
    internal static readonly double[] GridAlpha = [1, Math.Pow(10, -0.5), 0.1, Math.Pow(10, -1.5), 0.01];

    internal static readonly double[] GridEtaScale = [0.1, Math.Pow(10, -0.5), 1, Math.Pow(10, 0.5), 10];

    /// <summary>Burn-in (steps) excluded from the tracking ratio of claim 6 (our choice).</summary>
    internal const int BurnIn = 50;

    private readonly int[] _horizons;
    private readonly int[] _dense;
    private readonly int[] _all;
    private readonly double[] _adaLevels;

    /// <summary>Creates the run.</summary>
    public HierarchicalRun(HierarchicalParameters p, ScenarioConfig config) : base(p, config)
    {
        _horizons = Horizons(100, p.Iterations);
        _dense = DenseHorizons(10, p.Iterations);
        _all = _horizons.Concat(_dense).Append(p.TuningIterations).Distinct().Order().ToArray();
        _adaLevels = p.NoiseLevels.Concat(p.KneeNoiseLevels).Distinct().Order().ToArray();
    }

    /// <summary>Log-spaced horizons 1, 2, 5 × 10^k from 10² to T (slopes, tracking).</summary>
    internal int[] RateHorizons => _horizons;

    /// <summary>Ten log-spaced horizons per decade from 10 to T (knees).</summary>
    internal int[] DenseRateHorizons => _dense;

    /// <summary>Noise levels run with Ada (the main levels and the knee levels).</summary>
    internal double[] AdaLevels => _adaLevels;

    /// <summary>Start of the late slope window: max(10², T/10).</summary>
    internal int LateFrom => Math.Max(100, P.Iterations / 10);

    /// <summary>The run of a sweep point.</summary>
    internal static Spec SpecOf(SweepPoint point)
    {
        string experiment = point.Category("experiment");
        if (experiment == "application")
        {
            var app = Enum.Parse<App>(point.Category("problem"));
            return new Spec(Kind.Application, app != App.M2, Enum.Parse<Method>(point.Category("method")), double.NaN, app, (int)point.Number("batch"));
        }
        bool bilevel = point.Is("problem", "bilevel");
        return experiment == "tuning"
            ? new Spec(Kind.Tuning, bilevel, Method.Nsgdm, point.Number("sigma"))
            : new Spec(Kind.Rate, bilevel, Enum.Parse<Method>(point.Category("method")), point.Number("sigma"));
    }

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (bool bilevel in new[] { false, true })
            foreach (var m in new[] { Method.Ada, Method.Nsgdm, Method.TiAda, Method.Sgda })
            {
                if (bilevel && m is Method.TiAda or Method.Sgda) continue;
                foreach (double s in m == Method.Ada ? _adaLevels : P.NoiseLevels)
                    sweep.Add($"{Prob(bilevel)}/{m}/σ={s}", ("experiment", "rate"), ("problem", Prob(bilevel)), ("method", m.ToString()), ("sigma", s));
            }
        foreach (bool bilevel in new[] { false, true })
            foreach (double s in P.TuningNoiseLevels)
                sweep.Add($"tuning/{Prob(bilevel)}/σ={s}", ("experiment", "tuning"), ("problem", Prob(bilevel)), ("sigma", s));
        foreach (var app in new[] { App.M2, App.B2, App.B3 })
            foreach (var m in new[] { Method.Ada, Method.Nsgdm, Method.TiAda })
            {
                if (app != App.M2 && m == Method.TiAda) continue;
                foreach (int b in P.ApplicationBatchSizes)
                    sweep.Add($"{app}/{m}/b={b}", ("experiment", "application"), ("problem", app.ToString()), ("method", m.ToString()), ("batch", b));
            }
    }

    /// <summary>Least-squares log–log slope of one seed's tail-mean error over the rate horizons ≥ <paramref name="from"/>.</summary>
    private double SeedSlope(double[] outerGradientNorm, int from)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (int h in _horizons)
        {
            if (h < from) continue;
            xs.Add(h);
            ys.Add(Math.Log(Math.Max(TailMean(outerGradientNorm, h), 1e-300)));
        }
        return LogLogSlope(xs, ys);
    }

    /// <summary>Adds the growth exponent (log–log slope over T ≥ T_max/10) of one seed's log tracking ratio when it is finite.</summary>
    private void AddGrowth(MetricSink sink, string metric, double[] logRatio)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int k = 0; k < _horizons.Length; k++)
            if (_horizons[k] >= P.Iterations / 10.0) { xs.Add(_horizons[k]); ys.Add(logRatio[k]); }
        double g = LogLogSlope(xs, ys);
        if (double.IsFinite(g)) sink.Add(metric, g);
    }

    internal static string Prob(bool bilevel) => bilevel ? "bilevel" : "minimax";

    /// <summary>Ten log-spaced horizons per decade from lo to hi.</summary>
    private static int[] DenseHorizons(int lo, int hi)
    {
        var list = new List<int>();
        for (int k = 0; ; k++)
        {
            int t = (int)Math.Round(lo * Math.Pow(10, k / 10.0));
            if (t > hi) break;
            if (list.Count == 0 || list[^1] != t) list.Add(t);
        }
        return list.ToArray();
    }

    /// <summary>Start point of a seed, shared by every point (common random numbers: methods and σ are compared on the same starts).</summary>
    private double[] Start(int block, int trial)
    {
        var r = new Xoshiro256StarStar(SeedMixer.Mix(MasterSeed, 0x5EED_0F_57A27UL, (ulong)block, (ulong)trial));
        var x0 = new double[20];
        for (int i = 0; i < x0.Length; i++) x0[i] = r.NextGaussian();
        return x0;
    }

    private HierarchicalResult RunOne(bool bilevel, Method method, double sigma, HierarchicalOptions options, double[] x0, ref Xoshiro256StarStar rng, out double kappa)
    {
        // The problem instance (B, H, C) is the same for every point and seed; x0 and the noise vary with the seed.
        if (bilevel)
        {
            var b = new QuadraticBilevel(10, 20, 10, sigma, 7);
            kappa = b.InnerSolutionLipschitz;
            return AdaBilevel.Run(b, x0.AsSpan(0, 10), new double[20], options, ref rng, b);
        }
        var m = new CoupledQuadraticMinimax(20, 10, 1, sigma, 7);
        kappa = m.InnerSolutionLipschitz;
        return method switch
        {
            Method.TiAda => TiAda.Run(m, x0, new double[10], new TiAdaOptions { Iterations = options.Iterations }, ref rng, m),
            Method.Sgda => TwoTimescaleGda.Run(m, x0, new double[10], new TwoTimescaleGdaOptions { Iterations = options.Iterations }, ref rng, m),
            _ => AdaMinimax.Run(m, x0, new double[10], options, ref rng, m),
        };
    }

    /// <inheritdoc/>
    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var spec = SpecOf(Plan.Points[context.PointIndex]);
        if (spec.Kind == Kind.Tuning)
        {
            if (context.BlockIndex < P.TuningSeeds) RunTuning(context, spec, sink);
            return;
        }
        if (spec.Kind == Kind.Application)
        {
            RunApplication(context, spec, sink);
            return;
        }
        int T = P.Iterations;
        for (int trial = 0; trial < context.Trials; trial++)
        {
            var rng = new Xoshiro256StarStar(SeedMixer.Mix(context.Seed, (ulong)trial));
            var x0 = Start(context.BlockIndex, trial);
            var ada = new HierarchicalOptions { Iterations = T, CEta = P.CEta };
            // NSGD-M with the constants the derivation of spec §2 gives for σ = 1 and horizon T (the "tuned for high noise" baseline).
            double alpha = Math.Min(1, 1 / Math.Sqrt(T));
            var nsgdm = ada with { Rule = OuterStepRule.Fixed, FixedAlpha = alpha, FixedEta = P.CEta * Math.Sqrt(alpha / T) };
            var r = RunOne(spec.Bilevel, spec.Method, spec.Sigma, spec.Method == Method.Ada ? ada : nsgdm, x0, ref rng, out double kappa);
            // Floor at 1e-300: a method can reach ‖∇Φ‖ = 0 exactly (fixed-step GDA at σ = 0 contracts to x = 0 and underflows).
            foreach (int h in _all) sink.AddAt("logErr", h, Math.Log(Math.Max(TailMean(r.OuterGradientNorm!, h), 1e-300)));
            // Claim 1 per seed: least-squares log–log slopes of this seed's error over T ∈ [10², T] and [max(10², T/10), T]; their
            // mean over seeds equals the slope of the seed-mean log error (the fit is linear in the logs), and their spread gives its interval.
            sink.Add("slopeEarly", SeedSlope(r.OuterGradientNorm!, 100));
            sink.Add("slopeLate", SeedSlope(r.OuterGradientNorm!, LateFrom));
            sink.Add("logBest", Math.Log(Math.Max(r.BestOuterGradientNorm()![T], 1e-300)));
            sink.Add("innerErrorFinal", r.InnerError![T]);
            sink.Add("oracleCallsPerStep", (double)r.OracleCalls / T);
            if (spec.Method != Method.Ada) continue;
            // Claim 6: running maxima of ‖y_t − y*(x_t)‖/(κη_{t−1}) (and of the z-error for bilevel) over t ∈ (burn-in, h].
            var ly = new double[_horizons.Length];
            var lz = r.LinearSystemError is null ? null : new double[_horizons.Length];
            for (int k = 0; k < _horizons.Length; k++)
            {
                int h = _horizons[k];
                ly[k] = Math.Log(ConvergenceDiagnostics.MaxTrackingRatio(r.InnerError, r.StepLength, kappa, BurnIn, h));
                sink.AddAt("logTrackY", h, ly[k]);
                if (r.LinearSystemError is { } ze)
                {
                    lz![k] = Math.Log(ConvergenceDiagnostics.MaxTrackingRatio(ze, r.StepLength, kappa, BurnIn, h));
                    sink.AddAt("logTrackZ", h, lz[k]);
                }
            }
            // Claim 6 per seed: growth exponent of the running maximum over T ≥ T_max/10 (mean over seeds = the exponent of the seed-mean curve).
            AddGrowth(sink, "trackGrowthY", ly);
            if (lz is not null) AddGrowth(sink, "trackGrowthZ", lz);
        }
    }

    /// <summary>
    /// M2 (DRO classification, d = 10, n = 200, μ = 0.1, 10 % flipped labels), B2 (regularisation selection, n = 500 + 500,
    /// d = 20) and B3 (data cleaning, n = 300 + 300, d = 10, 30 % corrupted, C = 1e-3); data fixed, start and noise per seed.
    /// </summary>
    private void RunApplication(in BlockContext context, Spec spec, MetricSink sink)
    {
        int T = P.ApplicationIterations;
        double cEta = AppCEta(spec.App);
        var ada = new HierarchicalOptions { Iterations = T, CEta = cEta };
        double alpha = Math.Min(1, 1 / Math.Sqrt(T));
        var nsgdm = ada with { Rule = OuterStepRule.Fixed, FixedAlpha = alpha, FixedEta = cEta * Math.Sqrt(alpha / T) };
        var options = spec.Method == Method.Ada ? ada : nsgdm;
        for (int trial = 0; trial < context.Trials; trial++)
        {
            var rng = new Xoshiro256StarStar(SeedMixer.Mix(context.Seed, (ulong)trial));
            var s0 = Start(context.BlockIndex, trial);
            HierarchicalResult r;
            switch (spec.App)
            {
                case App.M2:
                {
                    var m = new DistributionallyRobustClassification(200, 10, 0.1, 0.1, 1, spec.Batch, 17);
                    var p0 = Enumerable.Repeat(1.0 / 200, 200).ToArray();
                    // Start near w = 0 (all losses ½, p* uniform): far from 0 the sigmoid loss saturates and ∇Φ ≈ 0 already.
                    var w0 = s0.AsSpan(0, 10).ToArray();
                    for (int i = 0; i < w0.Length; i++) w0[i] *= 0.1;
                    r = spec.Method == Method.TiAda
                        ? TiAda.Run(m, w0, p0, new TiAdaOptions { Iterations = T }, ref rng, m)
                        : AdaMinimax.Run(m, w0, p0, options, ref rng, m);
                    break;
                }
                case App.B2:
                {
                    var b = new RegularizationSelection(500, 500, 20, spec.Batch, 18);
                    r = AdaBilevel.Run(b, s0, new double[20], options, ref rng, b);
                    break;
                }
                default:
                {
                    var b = new DataCleaning(300, 300, 10, 0.3, 1e-3, spec.Batch, 19);
                    var x0 = new double[300];
                    for (int i = 0; i < 20; i++) x0[i] = 0.1 * s0[i]; // small per-seed perturbation of the neutral weights σ(0) = ½
                    r = AdaBilevel.Run(b, x0, new double[10], options, ref rng, b);
                    break;
                }
            }
            foreach (int h in AppHorizons) sink.AddAt("logErr", h, Math.Log(TailMean(r.OuterGradientNorm!, h)));
            sink.Add("logGrad0", Math.Log(r.OuterGradientNorm![0]));
            sink.Add("oracleCallsPerStep", (double)r.OracleCalls / T);
        }
    }

    internal int[] AppHorizons => Horizons(10, P.ApplicationIterations);

    /// <summary>Claim 3: Ada with the one hyperparameter set vs NSGD-M tuned on the 5×5 grid for this σ, same start and horizon.</summary>
    private void RunTuning(in BlockContext context, Spec spec, MetricSink sink)
    {
        int T = P.TuningIterations;
        for (int trial = 0; trial < context.Trials; trial++)
        {
            var x0 = Start(context.BlockIndex, trial);
            ulong noiseSeed = SeedMixer.Mix(context.Seed, (ulong)trial);
            var ada = new HierarchicalOptions { Iterations = T, CEta = P.CEta };
            var rng = new Xoshiro256StarStar(noiseSeed);
            double adaErr = TailMean(RunOne(spec.Bilevel, Method.Ada, spec.Sigma, ada, x0, ref rng, out _).OuterGradientNorm!, T);
            double best = double.PositiveInfinity;
            int bestCell = -1;
            for (int a = 0; a < GridAlpha.Length; a++)
                for (int e = 0; e < GridEtaScale.Length; e++)
                {
                    var o = ada with { Rule = OuterStepRule.Fixed, FixedAlpha = GridAlpha[a], FixedEta = GridEtaScale[e] * P.CEta / Math.Sqrt(T) };
                    rng = new Xoshiro256StarStar(noiseSeed);
                    double err = TailMean(RunOne(spec.Bilevel, Method.Nsgdm, spec.Sigma, o, x0, ref rng, out _).OuterGradientNorm!, T);
                    sink.Add($"logErrGrid_a{a}_e{e}", Math.Log(err));
                    if (err < best) { best = err; bestCell = a * GridEtaScale.Length + e; }
                }
            sink.Add("logErrAda", Math.Log(adaErr));
            sink.Add("logErrTuned", Math.Log(best));
            sink.Add("logAdaOverTuned", Math.Log(adaErr / best));
            sink.Add("bestAlphaIndex", bestCell / GridEtaScale.Length);
            sink.Add("bestEtaIndex", bestCell % GridEtaScale.Length);
        }
    }

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => HierarchicalReport.Build(this, results, report);
}
