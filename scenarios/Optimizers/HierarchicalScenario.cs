using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Optimization.Hierarchical;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-hierarchical</c>.</summary>
public sealed record HierarchicalScenarioParameters
{
    /// <summary>Oracle noise levels σ, each in [0, 100]; must include 0.25 and 1 for the noise-scaling claim.</summary>
    public double[] NoiseLevels { get; init; } = [0, 0.01, 0.1, 0.25, 1];

    /// <summary>Iterations T per run, in [1000, 10^6].</summary>
    public int Iterations { get; init; } = 10000;

    /// <summary>c_η of the adaptive rule, &gt; 0 (0.5 ≈ 0.1·‖x0‖ for x0 ~ N(0, I₂₀); spec §1.3).</summary>
    public double CEta { get; init; } = 0.5;

    /// <summary>Extra noise levels run with Ada only, each in (0, 100], for the knee claim (pairs σ, σ/10 among all Ada levels).</summary>
    public double[] KneeNoiseLevels { get; init; } = [0.03, 0.3];

    /// <summary>Knee departure factor &gt; 1: the knee is where the error exceeds this multiple of the σ = 0 error (our choice 2).</summary>
    public double KneeFactor { get; init; } = 2;

    /// <summary>Noise levels at which NSGD-M is tuned on the 5×5 (α, η) grid (claim 3), each in [0, 100].</summary>
    public double[] TuningNoiseLevels { get; init; } = [0, 0.01, 0.1, 0.25, 1];

    /// <summary>Horizon T of the tuning runs (Ada and every grid cell run to this T), in [100, iterations].</summary>
    public int TuningIterations { get; init; } = 10000;

    /// <summary>Seeds (blocks) used for the tuning grid, in [1, 100]; later blocks of the tuning points do nothing.</summary>
    public int TuningSeeds { get; init; } = 2;

    /// <summary>Iterations of the data-driven problems M2, B2, B3, in [10, 10^6] (spec §4.1: 3·10³).</summary>
    public int ApplicationIterations { get; init; } = 3000;

    /// <summary>Minibatch sizes of M2, B2, B3 (the noise levels), each in [0, 1000]; 0 = exact full-batch oracles.</summary>
    public int[] ApplicationBatchSizes { get; init; } = [10, 0];
}

/// <summary>
/// The noise-adaptive minimax and bilevel methods (docs/optim-hierarchical.md, reconstructions [proposal] of arXiv:2509.15399)
/// versus the oracle noise level on the exact problems M1 (<see cref="CoupledQuadraticMinimax"/>) and B1
/// (<see cref="QuadraticBilevel"/>): claims 1 (slopes), 2 (knee T ∝ σ⁻²), 3 (one hyperparameter set vs 5×5-tuned NSGD-M),
/// 4, 5 (√σ scaling), 6 (inner tracking ratio) of §4.2; and Ada vs NSGD-M (vs TiAda on M2) on the data-driven problems M2
/// (<see cref="DistributionallyRobustClassification"/>), B2 (<see cref="RegularizationSelection"/>) and B3 (<see cref="DataCleaning"/>).
/// Points = (problem, method, σ or minibatch size), plus one tuning point per (problem, σ); trials = seeds (start point and
/// oracle noise; starts are shared by all points of a seed).
/// </summary>
public sealed class HierarchicalScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "optim-hierarchical";

    /// <inheritdoc/>
    public string Summary => "Ada-Minimax / Ada-BiO vs NSGD-M, TiAda and two-time-scale SGDA: rates, knees, tuning and inner tracking vs oracle noise (M1, B1); DRO, regularisation selection, data cleaning (M2, B2, B3)";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        Run = Seeds(quick ? 3 : 8),
        Parameters = ConfigBinder.ToJsonObject(quick
            ? new HierarchicalScenarioParameters { Iterations = 10000, TuningIterations = 1000, TuningSeeds = 1, TuningNoiseLevels = [0, 0.1, 1], ApplicationIterations = 300 }
            : new HierarchicalScenarioParameters { Iterations = 30000 }),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<HierarchicalScenarioParameters>(config.Parameters, "parameters");
        Check.AllInRange(p.NoiseLevels, 0, 100, "parameters.noiseLevels");
        Check.InRange(p.Iterations, 1000, 1_000_000, "parameters.iterations");
        Check.InRange(p.CEta, 1e-6, 1e3, "parameters.cEta");
        Check.AllInRange(p.KneeNoiseLevels, 1e-12, 100, "parameters.kneeNoiseLevels");
        Check.InRange(p.KneeFactor, 1.01, 100, "parameters.kneeFactor");
        Check.AllInRange(p.TuningNoiseLevels, 0, 100, "parameters.tuningNoiseLevels");
        Check.InRange(p.TuningIterations, 100, p.Iterations, "parameters.tuningIterations");
        Check.InRange(p.TuningSeeds, 1, 100, "parameters.tuningSeeds");
        Check.InRange(p.ApplicationIterations, 10, 1_000_000, "parameters.applicationIterations");
        Check.AllInRange(p.ApplicationBatchSizes, 0, 1000, "parameters.applicationBatchSizes");
        return new Run(p, config);
    }

    private enum Method { Ada, Nsgdm, TiAda, Sgda }

    private enum Kind { Rate, Tuning, Application }

    private enum App { M2, B2, B3 }

    private sealed record Spec(Kind Kind, bool Bilevel, Method Method, double Sigma, App App = App.M2, int Batch = 0);

    /// <summary>c_η per data-driven problem, ≈ 0.1 × a guess of ‖x* − x0‖ as spec §1.3 advises (our choice).</summary>
    private static double AppCEta(App app) => app == App.B3 ? 1.0 : 0.5;

    /// <summary>The 5×5 NSGD-M tuning grid of claim 3 (our choice): α ∈ 10^{0, −0.5, …, −2}, η = (c_η/√T)·10^{−1, −0.5, …, 1};
    /// it brackets the σ-aware constants α* = min{1, 1/(σ√T)}, η* = c_η√(α*/T) of spec §2 for every σ ≥ 0.01.</summary>
    private static readonly double[] GridAlpha = [1, Math.Pow(10, -0.5), 0.1, Math.Pow(10, -1.5), 0.01];

    private static readonly double[] GridEtaScale = [0.1, Math.Pow(10, -0.5), 1, Math.Pow(10, 0.5), 10];

    /// <summary>Burn-in (steps) excluded from the tracking ratio of claim 6 (our choice).</summary>
    private const int BurnIn = 50;

    private sealed class Run : IScenarioRun
    {
        private readonly HierarchicalScenarioParameters _p;
        private readonly ulong _masterSeed;
        private readonly List<Spec> _specs = [];
        private readonly int[] _horizons;
        private readonly int[] _dense;
        private readonly int[] _all;
        private readonly double[] _adaLevels;

        public Run(HierarchicalScenarioParameters p, ScenarioConfig config)
        {
            _p = p;
            _masterSeed = config.Seed;
            _horizons = Horizons(100, p.Iterations);
            _dense = DenseHorizons(10, p.Iterations);
            _all = _horizons.Concat(_dense).Append(p.TuningIterations).Distinct().Order().ToArray();
            _adaLevels = p.NoiseLevels.Concat(p.KneeNoiseLevels).Distinct().Order().ToArray();
            var points = new List<SweepPoint>();
            foreach (bool bilevel in new[] { false, true })
                foreach (var m in new[] { Method.Ada, Method.Nsgdm, Method.TiAda, Method.Sgda })
                {
                    if (bilevel && m is Method.TiAda or Method.Sgda) continue;
                    foreach (double s in m == Method.Ada ? _adaLevels : p.NoiseLevels)
                    {
                        Point(points, $"{Prob(bilevel)}/{m}/σ={s}", ("bilevel", bilevel ? 1 : 0), ("method", (int)m), ("sigma", s));
                        _specs.Add(new Spec(Kind.Rate, bilevel, m, s));
                    }
                }
            foreach (bool bilevel in new[] { false, true })
                foreach (double s in p.TuningNoiseLevels)
                {
                    Point(points, $"tuning/{Prob(bilevel)}/σ={s}", ("bilevel", bilevel ? 1 : 0), ("sigma", s), ("tuning", 1));
                    _specs.Add(new Spec(Kind.Tuning, bilevel, Method.Nsgdm, s));
                }
            foreach (var app in new[] { App.M2, App.B2, App.B3 })
                foreach (var m in new[] { Method.Ada, Method.Nsgdm, Method.TiAda })
                {
                    if (app != App.M2 && m == Method.TiAda) continue;
                    foreach (int b in p.ApplicationBatchSizes)
                    {
                        Point(points, $"{app}/{m}/b={b}", ("app", (int)app), ("method", (int)m), ("batch", b));
                        _specs.Add(new Spec(Kind.Application, app != App.M2, m, double.NaN, app, b));
                    }
                }
            Plan = new SweepPlan { Points = points, TrialsPerBlock = config.Run.TrialsPerBlock, Stop = ScenarioConfigResolver.ToStoppingRule(config.Run) };
        }

        private static string Prob(bool bilevel) => bilevel ? "bilevel" : "minimax";

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

        public SweepPlan Plan { get; }

        public object? CreateWorkspace() => null;

        /// <summary>Start point of a seed, shared by every point (common random numbers: methods and σ are compared on the same starts).</summary>
        private double[] Start(int block, int trial)
        {
            var r = new Xoshiro256StarStar(SeedMixer.Mix(_masterSeed, 0x5EED_0F_57A27UL, (ulong)block, (ulong)trial));
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

        public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
        {
            var spec = _specs[context.PointIndex];
            if (spec.Kind == Kind.Tuning)
            {
                if (context.BlockIndex < _p.TuningSeeds) RunTuning(context, spec, sink);
                return;
            }
            if (spec.Kind == Kind.Application)
            {
                RunApplication(context, spec, sink);
                return;
            }
            int T = _p.Iterations;
            for (int trial = 0; trial < context.Trials; trial++)
            {
                var rng = new Xoshiro256StarStar(SeedMixer.Mix(context.Seed, (ulong)trial));
                var x0 = Start(context.BlockIndex, trial);
                var ada = new HierarchicalOptions { Iterations = T, CEta = _p.CEta };
                // NSGD-M with the constants the derivation of spec §2 gives for σ = 1 and horizon T (the "tuned for high noise" baseline).
                double alpha = Math.Min(1, 1 / Math.Sqrt(T));
                var nsgdm = ada with { Rule = OuterStepRule.Fixed, FixedAlpha = alpha, FixedEta = _p.CEta * Math.Sqrt(alpha / T) };
                var r = RunOne(spec.Bilevel, spec.Method, spec.Sigma, spec.Method == Method.Ada ? ada : nsgdm, x0, ref rng, out double kappa);
                // Floor at 1e-300: a method can reach ‖∇Φ‖ = 0 exactly (fixed-step GDA at σ = 0 contracts to x = 0 and underflows).
                foreach (int h in _all) sink.Add($"logErr_T{h}", Math.Log(Math.Max(TailMean(r.OuterGradientNorm!, h), 1e-300)));
                sink.Add("logBest", Math.Log(Math.Max(r.BestOuterGradientNorm()![T], 1e-300)));
                sink.Add("innerErrorFinal", r.InnerError![T]);
                sink.Add("oracleCallsPerStep", (double)r.OracleCalls / T);
                if (spec.Method != Method.Ada) continue;
                // Claim 6: running maxima of ‖y_t − y*(x_t)‖/(κη_{t−1}) (and of the z-error for bilevel) over t ∈ (burn-in, h].
                foreach (int h in _horizons)
                {
                    sink.Add($"logTrackY_T{h}", Math.Log(ConvergenceDiagnostics.MaxTrackingRatio(r.InnerError, r.StepLength, kappa, BurnIn, h)));
                    if (r.LinearSystemError is { } ze)
                        sink.Add($"logTrackZ_T{h}", Math.Log(ConvergenceDiagnostics.MaxTrackingRatio(ze, r.StepLength, kappa, BurnIn, h)));
                }
            }
        }

        /// <summary>
        /// M2 (DRO classification, d = 10, n = 200, μ = 0.1, 10 % flipped labels), B2 (regularisation selection, n = 500 + 500,
        /// d = 20) and B3 (data cleaning, n = 300 + 300, d = 10, 30 % corrupted, C = 1e-3); data fixed, start and noise per seed.
        /// </summary>
        private void RunApplication(in BlockContext context, Spec spec, MetricSink sink)
        {
            int T = _p.ApplicationIterations;
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
                foreach (int h in AppHorizons) sink.Add($"logErr_T{h}", Math.Log(TailMean(r.OuterGradientNorm!, h)));
                sink.Add("logGrad0", Math.Log(r.OuterGradientNorm![0]));
                sink.Add("oracleCallsPerStep", (double)r.OracleCalls / T);
            }
        }

        private int[] AppHorizons => Horizons(10, _p.ApplicationIterations);

        /// <summary>Claim 3: Ada with the one hyperparameter set vs NSGD-M tuned on the 5×5 grid for this σ, same start and horizon.</summary>
        private void RunTuning(in BlockContext context, Spec spec, MetricSink sink)
        {
            int T = _p.TuningIterations;
            for (int trial = 0; trial < context.Trials; trial++)
            {
                var x0 = Start(context.BlockIndex, trial);
                ulong noiseSeed = SeedMixer.Mix(context.Seed, (ulong)trial);
                var ada = new HierarchicalOptions { Iterations = T, CEta = _p.CEta };
                var rng = new Xoshiro256StarStar(noiseSeed);
                double adaErr = TailMean(RunOne(spec.Bilevel, Method.Ada, spec.Sigma, ada, x0, ref rng, out _).OuterGradientNorm!, T);
                double best = double.PositiveInfinity;
                int bestCell = -1;
                for (int a = 0; a < GridAlpha.Length; a++)
                    for (int e = 0; e < GridEtaScale.Length; e++)
                    {
                        var o = ada with { Rule = OuterStepRule.Fixed, FixedAlpha = GridAlpha[a], FixedEta = GridEtaScale[e] * _p.CEta / Math.Sqrt(T) };
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

        private int Find(bool bilevel, Method m, double sigma) =>
            _specs.FindIndex(s => s.Kind == Kind.Rate && s.Bilevel == bilevel && s.Method == m && s.Sigma == sigma);

        private int FindTuning(bool bilevel, double sigma) => _specs.FindIndex(s => s.Kind == Kind.Tuning && s.Bilevel == bilevel && s.Sigma == sigma);

        private double Slope(RunResults res, int point, int from)
        {
            var xs = _horizons.Where(h => h >= from).Select(h => (double)h).ToList();
            var ys = _horizons.Where(h => h >= from).Select(h => Mean(res, point, $"logErr_T{h}")).ToList();
            return ys.Any(double.IsNaN) ? double.NaN : LogLogSlope(xs, ys);
        }

        public void BuildReport(RunResults results, ReportBuilder report)
        {
            int T = _p.Iterations;
            report.AddText("Ada-Minimax and Ada-BiO are our reconstructions (docs/optim-hierarchical.md, [proposal]) of the methods of arXiv:2509.15399, "
                + "whose algorithm boxes were not reachable. Error = mean of the exact ‖∇Φ(x_t)‖ over t ∈ (T/2, T], geometric mean over seeds. "
                + $"One hyperparameter set for every σ: c_α = 1, c_η = {F(_p.CEta)}. NSGD-M uses the constants that the spec's derivation gives for σ = 1 at horizon T = {T}. "
                + "TiAda (arXiv:2210.17478) uses α = 0.6, β = 0.4, η = 0.1. Sgda = two-time-scale SGDA with fixed steps η_x = 0.05, η_y = 0.5 "
                + "(spec §1.4 baseline [proposal]; η_y = 1/(2μ), η_x = η_y/10 by the two-time-scale scaling, not tuned per σ), M1 only. Problems: M1 (d = 20, p = 10, μ = 1) and B1 (d = 10, p = 20, cond(H) = 10). "
                + "Starts are shared by all methods and σ of a seed (paired comparisons). Further sections: the knee of the error curve (claim 2), "
                + "Ada against NSGD-M tuned per σ on a 5×5 grid (claim 3), the inner tracking ratio (claim 6), and the data-driven problems M2, B2, B3 "
                + "(spec §4.1 [proposal]; synthetic data, exact ∇Φ for measurement only).");
            var panels = new List<Figure>();
            var rateClaims = new List<string>();
            var slopeRows = new List<IReadOnlyList<string>>();
            int large = Math.Max(100, T / 10);
            foreach (bool bilevel in new[] { false, true })
            {
                var series = new List<Series>();
                int color = 0;
                foreach (double s in _p.NoiseLevels)
                {
                    int pi = Find(bilevel, Method.Ada, s);
                    series.Add(Line($"σ = {F(s)}", _horizons.Select(h => (double)h), _horizons.Select(h => Math.Exp(Mean(results, pi, $"logErr_T{h}"))), color++));
                    slopeRows.Add([bilevel ? "bilevel (B1)" : "minimax (M1)", F(s), F(Slope(results, pi, 100), "0.000"), F(Slope(results, pi, large), "0.000"),
                        G(Math.Exp(Mean(results, pi, $"logErr_T{T}"))), G(Math.Exp(Mean(results, pi, "logBest")))]);
                }
                double det = Slope(results, Find(bilevel, Method.Ada, 0), 100);
                double noisy = Slope(results, Find(bilevel, Method.Ada, 1), large);
                bool? detHeld = double.IsNaN(det) ? null : det is >= -0.6 and <= -0.4;
                bool? noisyHeld = double.IsNaN(noisy) ? null : noisy is >= -0.35 and <= -0.15;
                string name = bilevel ? "B1" : "M1";
                string caption = Claim($"{name}: slope −0.5 ± 0.1 at σ = 0 over T ∈ [10², {T}]", detHeld, $"slope {F(det, "0.00")}") + " "
                    + Claim($"{name}: slope −0.25 ± 0.1 at σ = 1 over T ∈ [{large}, {T}]", noisyHeld, $"slope {F(noisy, "0.00")}");
                rateClaims.Add(caption);
                panels.Add(new Figure
                {
                    Id = bilevel ? "bilevel-rate" : "minimax-rate", Title = bilevel ? "Ada-BiO on B1" : "Ada-Minimax on M1",
                    XLabel = "iterations T", YLabel = "mean ‖∇Φ(x_t)‖, t ∈ (T/2, T]", LogX = true, LogY = true, Series = series, Caption = caption,
                });
            }
            report.AddPanels(new PanelFigure
            {
                Id = "rate-vs-noise", Title = "Error vs iterations for each noise level", Panels = panels, Columns = 2,
                Caption = "Expected rate Õ(1/√T + √σ/T^{1/4}) (arXiv:2509.15399 abstract): slope −1/2 without noise, −1/4 with noise at large T. "
                    + string.Join(" ", rateClaims),
            });

            // Error at T vs σ for every method; claims 4 and 5.
            var errPanels = new List<Figure>();
            var claimText = new List<string>();
            foreach (bool bilevel in new[] { false, true })
            {
                var series = new List<Series>();
                int color = 0;
                var sig = _p.NoiseLevels.Where(s => s > 0).ToArray();
                foreach (var m in new[] { Method.Ada, Method.Nsgdm, Method.TiAda, Method.Sgda })
                {
                    if (bilevel && m is Method.TiAda or Method.Sgda) continue;
                    series.Add(Line(m.ToString(), sig, sig.Select(s => Math.Exp(Mean(results, Find(bilevel, m, s), $"logErr_T{T}"))), color++));
                }
                double e1 = Mean(results, Find(bilevel, Method.Ada, 1), $"logErr_T{T}"), e025 = Mean(results, Find(bilevel, Method.Ada, 0.25), $"logErr_T{T}");
                double ratio = Math.Exp(e1 - e025);
                double nsg0 = Mean(results, Find(bilevel, Method.Nsgdm, 0), $"logErr_T{T}"), ada0 = Mean(results, Find(bilevel, Method.Ada, 0), $"logErr_T{T}");
                double worse = Math.Exp(nsg0 - ada0);
                string name = bilevel ? "B1" : "M1";
                string c5 = Claim($"{name}: error(σ = 1)/error(σ = 0.25) ∈ [1.5, 2.7] (ideal 2)", double.IsNaN(ratio) ? null : ratio is >= 1.5 and <= 2.7, $"ratio {F(ratio, "0.00")}");
                string c4 = Claim($"{name}: NSGD-M tuned for σ = 1 is ≥ 5× worse than Ada at σ = 0", double.IsNaN(worse) ? null : worse >= 5, $"{F(worse, "0.0")}×");
                claimText.Add(c5 + " " + c4);
                errPanels.Add(new Figure
                {
                    Id = bilevel ? "bilevel-methods" : "minimax-methods", Title = bilevel ? "B1: methods vs σ" : "M1: methods vs σ",
                    XLabel = "oracle noise σ", YLabel = $"error at T = {T}", LogX = true, LogY = true, Series = series, Caption = c5 + " " + c4,
                });
            }
            report.AddPanels(new PanelFigure
            {
                Id = "methods-vs-noise", Title = "Final error vs noise level, adaptive and non-adaptive methods", Panels = errPanels, Columns = 2,
                Caption = string.Join(" ", claimText) + " TiAda and Sgda use one oracle call per step, Ada-Minimax two (compare at equal calls by halving its T).",
            });
            report.AddTable(new Table
            {
                Id = "rate-slopes", Title = "Fitted log–log slopes of the error",
                Columns = ["problem", "σ", "slope T ∈ [10², T]", $"slope T ∈ [{large}, T]", "error at T", "best ‖∇Φ‖ so far"],
                Rows = slopeRows,
            });
            ReportKnee(results, report);
            ReportTuning(results, report);
            ReportTracking(results, report);
            ReportApplications(results, report);
        }

        /// <summary>Ada vs NSGD-M (and TiAda on M2) on the data-driven problems, at each minibatch size.</summary>
        private void ReportApplications(RunResults results, ReportBuilder report)
        {
            var hs = AppHorizons;
            int T = _p.ApplicationIterations;
            var rows = new List<IReadOnlyList<string>>();
            foreach (var app in new[] { App.M2, App.B2, App.B3 })
            {
                var series = new List<Series>();
                var parts = new List<string>();
                bool any = false, all = true;
                int color = 0;
                foreach (var m in new[] { Method.Ada, Method.Nsgdm, Method.TiAda })
                {
                    if (app != App.M2 && m == Method.TiAda) continue;
                    int bi = 0;
                    foreach (int b in _p.ApplicationBatchSizes)
                    {
                        int pi = _specs.FindIndex(s => s.Kind == Kind.Application && s.App == app && s.Method == m && s.Batch == b);
                        var e = hs.Select(h => Math.Exp(Mean(results, pi, $"logErr_T{h}"))).ToArray();
                        string lvl = b == 0 ? "exact" : $"b = {b}";
                        series.Add(Line($"{m}, {lvl}", hs.Select(h => (double)h), e, color, bi++ == 0 ? SeriesStyle.LineMarkers : SeriesStyle.DashedLine));
                        rows.Add([app.ToString(), m.ToString(), lvl, G(Math.Exp(Mean(results, pi, "logGrad0"))), G(e[^1]), F(Mean(results, pi, "oracleCallsPerStep"), "0")]);
                    }
                    color++;
                }
                foreach (int b in _p.ApplicationBatchSizes)
                {
                    double ada = Mean(results, _specs.FindIndex(s => s.Kind == Kind.Application && s.App == app && s.Method == Method.Ada && s.Batch == b), $"logErr_T{T}");
                    var others = _specs.Select((s, i) => (s, i)).Where(q => q.s.Kind == Kind.Application && q.s.App == app && q.s.Method != Method.Ada && q.s.Batch == b)
                        .Select(q => (q.s.Method, E: Mean(results, q.i, $"logErr_T{T}"))).ToList();
                    if (double.IsNaN(ada) || others.Any(o => double.IsNaN(o.E))) continue;
                    any = true;
                    all &= others.All(o => ada <= o.E);
                    parts.Add($"{(b == 0 ? "exact" : $"b = {b}")}: Ada {G(Math.Exp(ada))}, " + string.Join(", ", others.Select(o => $"{o.Method} {G(Math.Exp(o.E))}")));
                }
                string what = app switch
                {
                    App.M2 => "M2, distributionally robust classification (n = 200, d = 10, μ = 0.1, 10 % flipped labels, p ∈ Δ₂₀₀ by exact sort-based projection)",
                    App.B2 => "B2, regularisation selection (logistic, n_train = n_val = 500, d = 20, ridge exp(x_j))",
                    _ => "B3, hyper data-cleaning (linear logistic model, n_train = n_val = 300, d = 10, 30 % corrupted labels, weights σ(x_i), C = 1e-3)",
                };
                string c = Claim($"{app}: Ada's final ‖∇Φ‖ at T = {T} is no larger than every baseline's at each noise level ([secondary]: Ada-BiO faster than the baselines in deterministic and stochastic settings)",
                    any ? all : null, string.Join("; ", parts));
                report.AddFigure(new Figure
                {
                    Id = $"app-{app.ToString().ToLowerInvariant()}", Title = $"{app}: ‖∇Φ‖ vs iterations",
                    XLabel = "iterations T", YLabel = "mean ‖∇Φ(x_t)‖, t ∈ (T/2, T]", LogX = true, LogY = true, Series = series,
                    Caption = $"Problem {what} [proposal], exact ∇Φ ({(app == App.M2 ? "Danskin with p* = Proj_Δ(1/n + ℓ/μ)" : "implicit-function formula at a Newton-converged lower solution")}). "
                        + $"Noise = importance-weighted/uniform minibatches of b samples (b = 0: exact oracles). c_η = {F(AppCEta(app))} (our choice), c_α = 1; "
                        + "NSGD-M uses the σ = 1 constants of spec §2 for this T (not tuned for the problem)"
                        + (app == App.M2 ? "; TiAda α = 0.6, β = 0.4, η = 0.1. " : ". ") + c,
                });
            }
            report.AddTable(new Table
            {
                Id = "applications", Title = "Data-driven problems: ‖∇Φ‖ at the start and at T",
                Columns = ["problem", "method", "oracle", "‖∇Φ(x₀)‖", $"error at T = {T}", "oracle calls / step"], Rows = rows,
            });
        }

        private double[] MeanCurve(RunResults results, int point, IEnumerable<int> hs, string metric) =>
            hs.Select(h => Mean(results, point, $"{metric}_T{h}")).ToArray();

        /// <summary>Claim 2: knee T(σ) where the error exceeds KneeFactor × the σ = 0 error; ratio T(σ/10)/T(σ) ∈ [20, 500].</summary>
        private void ReportKnee(RunResults results, ReportBuilder report)
        {
            var hs = _dense.Select(h => (double)h).ToArray();
            var panels = new List<Figure>();
            var captions = new List<string>();
            var rows = new List<IReadOnlyList<string>>();
            string f = F(_p.KneeFactor);
            foreach (bool bilevel in new[] { false, true })
            {
                string name = bilevel ? "B1" : "M1";
                var e0 = MeanCurve(results, Find(bilevel, Method.Ada, 0), _dense, "logErr");
                var series = new List<Series>();
                var knees = new Dictionary<double, double>();
                int color = 0;
                foreach (double s in _adaLevels.Where(v => v > 0))
                {
                    var es = MeanCurve(results, Find(bilevel, Method.Ada, s), _dense, "logErr");
                    series.Add(Line($"σ = {F(s)}", hs, es.Zip(e0, (a, b) => Math.Exp(a - b)), color++, SeriesStyle.Line));
                    knees[s] = e0.Any(double.IsNaN) || es.Any(double.IsNaN) ? double.NaN : ConvergenceDiagnostics.KneeIteration(hs, es, e0, _p.KneeFactor);
                }
                series.Add(Line($"factor {f}", [hs[0], hs[^1]], [_p.KneeFactor, _p.KneeFactor], color, SeriesStyle.DashedLine));
                var ratios = new List<string>();
                bool any = false, all = true;
                foreach (double s in knees.Keys)
                {
                    double lo = knees.Keys.FirstOrDefault(v => Math.Abs(v - s / 10) <= 1e-9 * s, double.NaN);
                    if (double.IsNaN(lo)) continue;
                    double ratio = knees[lo] / knees[s];
                    rows.Add([name, F(s), F(lo), G(knees[s]), G(knees[lo]), F(ratio, "0.0")]);
                    if (double.IsNaN(ratio)) { ratios.Add($"σ {F(s)}→{F(lo)}: knee outside [{_dense[0]}, {_dense[^1]}]"); continue; }
                    any = true;
                    all &= ratio is >= 20 and <= 500;
                    ratios.Add($"σ {F(s)}→{F(lo)}: {G(knees[s])} → {G(knees[lo])}, ratio {F(ratio, "0.0")}");
                }
                string c = Claim($"{name}: the knee moves right ~100× when σ is divided by 10 (ratio in [20, 500]) for every pair whose knees are both inside [{_dense[0]}, {_dense[^1]}]",
                    any ? all : null, ratios.Count > 0 ? string.Join("; ", ratios) : "no σ, σ/10 pair");
                captions.Add(c);
                panels.Add(new Figure
                {
                    Id = bilevel ? "bilevel-knee" : "minimax-knee", Title = $"Ada on {name}: error relative to σ = 0",
                    XLabel = "iterations T", YLabel = "error(σ) / error(σ = 0)", LogX = true, LogY = true, Series = series, Caption = c,
                });
            }
            report.AddPanels(new PanelFigure
            {
                Id = "knee-vs-noise", Title = "Crossover from the deterministic to the noisy regime (claim 2)", Panels = panels, Columns = 2,
                Caption = $"Knee definition (ours): the first T at which the tail-mean error at σ exceeds {f}× the σ = 0 error from the same starts "
                    + "(geometric mean over seeds; log-linear interpolation between horizons). For e(T) = A/√T + B√σ·T^{−1/4} this T equals "
                    + $"(A({f} − 1)/B)⁴/σ², so the predicted ratio for σ → σ/10 is 100 (spec §2, T ≈ σ̄^{{−2}}). " + string.Join(" ", captions),
            });
            report.AddTable(new Table
            {
                Id = "knees", Title = "Knee iterations of Ada (claim 2)",
                Columns = ["problem", "σ", "σ/10", "knee T(σ)", "knee T(σ/10)", "ratio"], Rows = rows,
            });
        }

        /// <summary>Claim 3: one hyperparameter set vs NSGD-M tuned per σ on a 5×5 grid; Ada within 3× of the tuned error.</summary>
        private void ReportTuning(RunResults results, ReportBuilder report)
        {
            int T = _p.TuningIterations;
            var panels = new List<Figure>();
            var captions = new List<string>();
            var rows = new List<IReadOnlyList<string>>();
            const double zeroAt = 1e-3;
            foreach (bool bilevel in new[] { false, true })
            {
                string name = bilevel ? "B1" : "M1";
                var sig = _p.TuningNoiseLevels;
                var xs = sig.Select(s => s > 0 ? s : zeroAt).ToArray();
                var ada = sig.Select(s => Math.Exp(Mean(results, FindTuning(bilevel, s), "logErrAda"))).ToArray();
                var tuned = sig.Select(s => Math.Exp(Mean(results, FindTuning(bilevel, s), "logErrTuned"))).ToArray();
                var ratio = sig.Select(s => Math.Exp(Mean(results, FindTuning(bilevel, s), "logAdaOverTuned"))).ToArray();
                for (int i = 0; i < sig.Length; i++)
                {
                    int pi = FindTuning(bilevel, sig[i]);
                    double ai = Mean(results, pi, "bestAlphaIndex"), ei = Mean(results, pi, "bestEtaIndex");
                    rows.Add([name, F(sig[i]), G(ada[i]), G(tuned[i]), F(ratio[i], "0.00"),
                        double.IsNaN(ai) ? "–" : $"α = {G(GridAlpha[(int)Math.Round(ai)])}, η = {G(GridEtaScale[(int)Math.Round(ei)])}·c_η/√T"]);
                }
                bool? held = ratio.Any(double.IsNaN) ? null : ratio.All(r => r <= 3);
                string c = Claim($"{name}: with one hyperparameter set, Ada's error is within 3× of NSGD-M tuned on the 5×5 (α, η) grid for each σ ∈ {{{string.Join(", ", sig.Select(v => F(v)))}}} at T = {T}",
                    held, "Ada/tuned = " + string.Join(", ", ratio.Select(r => F(r, "0.00"))));
                captions.Add(c);
                panels.Add(new Figure
                {
                    Id = bilevel ? "bilevel-tuning" : "minimax-tuning", Title = $"{name}: Ada vs per-σ tuned NSGD-M",
                    XLabel = $"oracle noise σ (σ = 0 drawn at {F(zeroAt)})", YLabel = $"mean ‖∇Φ(x_t)‖, t ∈ (T/2, T], T = {T}", LogX = true, LogY = true,
                    Series = [Line("Ada (c_α = 1, c_η fixed)", xs, ada, 0), Line("NSGD-M, best of 5×5 grid for this σ", xs, tuned, 1)], Caption = c,
                });
            }
            report.AddPanels(new PanelFigure
            {
                Id = "tuning-vs-noise", Title = "Adaptivity without retuning (claim 3)", Panels = panels, Columns = 2,
                Caption = $"NSGD-M grid (our choice): α ∈ {{1, 0.32, 0.1, 0.032, 0.01}}, η = (c_η/√T)·{{0.1, 0.32, 1, 3.2, 10}}; the best cell per σ is picked "
                    + $"on the same starts and noise streams it is scored on (oracle tuning, favouring NSGD-M). {_p.TuningSeeds} seed(s); geometric means. "
                    + string.Join(" ", captions),
            });
            report.AddTable(new Table
            {
                Id = "tuning", Title = "Ada vs tuned NSGD-M (claim 3)",
                Columns = ["problem", "σ", "Ada error", "tuned NSGD-M error", "Ada / tuned", "best grid cell"], Rows = rows,
            });
        }

        /// <summary>Claim 6: ‖y_t − y*(x_t)‖ (and ‖z_t − z*(x_t)‖) below a constant multiple of κη_t after burn-in.</summary>
        private void ReportTracking(RunResults results, ReportBuilder report)
        {
            var hs = _horizons.Select(h => (double)h).ToArray();
            var panels = new List<Figure>();
            var captions = new List<string>();
            var rows = new List<IReadOnlyList<string>>();
            foreach (bool bilevel in new[] { false, true })
            {
                string name = bilevel ? "B1" : "M1";
                var series = new List<Series>();
                var parts = new List<string>();
                bool any = false, all = true;
                int color = 0;
                foreach (double s in _p.NoiseLevels)
                {
                    int pi = Find(bilevel, Method.Ada, s);
                    foreach (string v in bilevel ? new[] { "Y", "Z" } : ["Y"])
                    {
                        var ly = MeanCurve(results, pi, _horizons, $"logTrack{v}");
                        if (ly.Any(double.IsNaN)) continue;
                        var late = Enumerable.Range(0, hs.Length).Where(k => hs[k] >= _p.Iterations / 10.0).ToArray();
                        double growth = LogLogSlope(late.Select(k => hs[k]).ToList(), late.Select(k => ly[k]).ToList()), sup = Math.Exp(ly.Max());
                        any = true;
                        all &= growth <= 0.1;
                        series.Add(Line($"{(v == "Y" ? "y" : "z")}, σ = {F(s)}", hs, ly.Select(Math.Exp), color, v == "Y" ? SeriesStyle.LineMarkers : SeriesStyle.DashedLine));
                        parts.Add($"{v.ToLowerInvariant()}, σ = {F(s)}: exponent {F(growth, "0.00")}, max {G(sup)}");
                        rows.Add([name, v == "Y" ? "‖y − y*‖" : "‖z − z*‖", F(s), F(growth, "0.00"), G(sup)]);
                    }
                    color++;
                }
                string c = Claim($"{name}: the tracking ratio ‖·_t − ·*(x_t)‖/(κη_t) stays below a constant after burn-in at every σ (growth exponent of its running maximum over T ∈ [{_p.Iterations / 10}, {_p.Iterations}] ≤ 0.1)",
                    any ? all : null, string.Join("; ", parts));
                captions.Add(c);
                panels.Add(new Figure
                {
                    Id = bilevel ? "bilevel-tracking" : "minimax-tracking", Title = $"Ada on {name}: inner tracking ratio",
                    XLabel = "iterations T", YLabel = $"tracking ratio, running max over t ∈ ({BurnIn}, T]", LogX = true, LogY = true, Series = series, Caption = c,
                });
            }
            report.AddPanels(new PanelFigure
            {
                Id = "tracking-vs-noise", Title = "Inner tracking relative to the outer step (claim 6)", Panels = panels, Columns = 2,
                Caption = "κ = Lipschitz constant of y*(·) (‖B‖₂/μ on M1, ‖H⁻¹Cᵀ‖₂ on B1), so κη_{t−1} bounds how far y* moved in one outer step; "
                    + "z* = [∇²_yy g]⁻¹∇_y f at y* (B1), normalised by the same κη. "
                    + $"Plotted: the running maximum after a burn-in of {BurnIn} steps (geometric mean over seeds); its fitted log–log growth exponent is "
                    + "near 0 when the ratio stays below a constant and 1/2 when it grows like √t; under noise the inner AdaGrad-Norm error decays like t^{−1/4} while η_t decays like t^{−3/4}, "
                    + "so a growth like √t is expected there (our derivation: σ t^{1/2}). " + string.Join(" ", captions),
            });
            report.AddTable(new Table
            {
                Id = "tracking", Title = "Inner tracking ratio (claim 6)",
                Columns = ["problem", "variable", "σ", "growth exponent", "max ratio"], Rows = rows,
            });
        }
    }
}
