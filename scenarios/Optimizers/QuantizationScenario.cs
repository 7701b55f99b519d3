using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-quantized</c>.</summary>
public sealed record QuantizationScenarioParameters
{
    /// <summary>Mantissa bits of the logistic-regression sweep, each in [1, 23] (spec R2: 2, 3, 4, 5, 7, 10, 23).</summary>
    public int[] MantissaBits { get; init; } = [2, 3, 4, 5, 7, 10, 23];

    /// <summary>Minibatch steps of the one-component-at-a-time logistic-regression sweep, in [50, 10^5] (our choice: 2000, the middle horizon).</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Horizons T of claim Q5 (all components quantised, m*(T)), each in [50, 10^5] (spec R2: 500, 2000, 8000).</summary>
    public int[] Horizons { get; init; } = [500, 2000, 8000];

    /// <summary>Mantissa bits of the MLP sweep (R3), each in [1, 23] (spec R3: 3, 5, 7, 10, 23).</summary>
    public int[] NetBits { get; init; } = [3, 5, 7, 10, 23];

    /// <summary>Minibatch steps of the MLP runs (R3), in [10, 10^5] (our choice: 1000; the spec gives no count).</summary>
    public int NetSteps { get; init; } = 1000;
}

/// <summary>
/// Quantisation sensitivity of Adam vs Muon (docs/optim-quantized.md; arXiv:2510.21314): the swamping micro-test of the
/// second moment (a BF16 V frozen at its start value, claims Q1–Q2), and multinomial logistic regression with one component at
/// a time (G, W, M, V) or all rounded to m mantissa bits (Q3, Q4, Q6) plus stochastic rounding of V. Points = (experiment,
/// optimiser, component, bits, rounding); trials = seeds. Data and initial weights depend on the block index only (common random
/// numbers), so every point is compared with its float64 reference on the same data.
/// </summary>
public sealed class QuantizationScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "optim-quantized";

    /// <inheritdoc/>
    public string Summary => "Quantised Adam vs Muon: second-moment swamping, which component's mantissa bits hurt, stochastic rounding";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        Run = Seeds(quick ? 2 : 3),
        Parameters = ConfigBinder.ToJsonObject(quick
            ? new QuantizationScenarioParameters { MantissaBits = [3, 7, 23], Steps = 300, Horizons = [100, 300], NetBits = [3, 7], NetSteps = 100 }
            : new QuantizationScenarioParameters()),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<QuantizationScenarioParameters>(config.Parameters, "parameters");
        Check.AllInRange(p.MantissaBits, 1, 23, "parameters.mantissaBits");
        Check.InRange(p.Steps, 50, 100_000, "parameters.steps");
        Check.AllInRange(p.Horizons, 50, 100_000, "parameters.horizons");
        Check.AllInRange(p.NetBits, 1, 23, "parameters.netBits");
        Check.InRange(p.NetSteps, 10, 100_000, "parameters.netSteps");
        return new Run(p, config);
    }

    internal static readonly string[] Components = ["none", "G", "W", "M", "V", "all"];

    /// <summary>Experiment 0 = swamping, 1 = logistic regression, 2 = MLP; Steps = T of the run (0 for swamping).</summary>
    private sealed record Spec(int Experiment, int Optimiser, int Component, int Bits, bool Stochastic, double Beta2, int Steps = 0);

    private sealed class Run : IScenarioRun
    {
        private readonly QuantizationScenarioParameters _p;
        private readonly ulong _master;
        private readonly List<Spec> _specs = [];

        public Run(QuantizationScenarioParameters p, ScenarioConfig config)
        {
            _p = p;
            _master = config.Seed;
            var pts = new List<SweepPoint>();
            void Add(Spec s, string label)
            {
                Point(pts, label, ("experiment", s.Experiment), ("optimiser", s.Optimiser), ("component", s.Component), ("bits", s.Bits), ("stochastic", s.Stochastic ? 1 : 0), ("beta2", s.Beta2));
                _specs.Add(s);
            }
            void AddOnce(Spec s, string label)
            {
                if (!_specs.Contains(s)) Add(s, label);
            }
            foreach (var (b2, m, sr) in new[] { (0.999, 7, false), (0.999, 12, false), (0.999, 16, false), (0.999, 7, true), (0.9, 7, false) })
                Add(new Spec(0, 0, 4, m, sr, b2), $"swamping/β2={b2}/m={m}/{(sr ? "SR" : "RN")}");
            for (int o = 0; o < 2; o++)
            {
                string on = o == 0 ? "adam" : "muon";
                Add(new Spec(1, o, 0, 52, false, 0.999, p.Steps), $"{on}/float64");
                for (int c = 1; c < Components.Length; c++)
                {
                    if (o == 1 && c == 4) continue; // Muon has no V
                    foreach (int m in p.MantissaBits) Add(new Spec(1, o, c, m, false, 0.999, p.Steps), $"{on}/{Components[c]}/m={m}/RN");
                }
            }
            if (p.MantissaBits.Contains(7)) Add(new Spec(1, 0, 4, 7, true, 0.999, p.Steps), "adam/V/m=7/SR");
            // Q5: all components at every m and horizon T (points of the main sweep are reused when T = Steps).
            foreach (int T in p.Horizons.Distinct())
                for (int o = 0; o < 2; o++)
                {
                    string on = o == 0 ? "adam" : "muon";
                    AddOnce(new Spec(1, o, 0, 52, false, 0.999, T), $"{on}/float64/T={T}");
                    foreach (int m in p.MantissaBits) AddOnce(new Spec(1, o, 5, m, false, 0.999, T), $"{on}/all/m={m}/RN/T={T}");
                }
            // R3: MLP 20→64→64→10, component × bits × rounding.
            for (int o = 0; o < 2; o++)
            {
                string on = o == 0 ? "adam" : "muon";
                Add(new Spec(2, o, 0, 52, false, 0.999, p.NetSteps), $"net/{on}/float64");
                for (int c = 1; c < Components.Length; c++)
                {
                    if (o == 1 && c == 4) continue; // Muon's V exists only on its AdamW group; the spec sweeps G, W, M for Muon
                    foreach (int m in p.NetBits)
                        foreach (bool sr in new[] { false, true })
                            Add(new Spec(2, o, c, m, sr, 0.999, p.NetSteps), $"net/{on}/{Components[c]}/m={m}/{(sr ? "SR" : "RN")}");
                }
            }
            Plan = new SweepPlan { Points = pts, TrialsPerBlock = config.Run.TrialsPerBlock, Stop = ScenarioConfigResolver.ToStoppingRule(config.Run) };
        }

        public SweepPlan Plan { get; }

        public object? CreateWorkspace() => null;

        public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
        {
            var spec = _specs[context.PointIndex];
            for (int trial = 0; trial < context.Trials; trial++)
            {
                if (spec.Experiment == 0) { Swamping(spec, SeedMixer.Mix(context.Seed, (ulong)trial), sink); continue; }
                // Common random numbers: data and initial weights from (master seed, block, trial) only.
                ulong dataSeed = SeedMixer.Mix(SeedMixer.Mix(_master, spec.Experiment == 1 ? 0x51A7UL : 0x3E7UL), (ulong)context.BlockIndex, (ulong)trial, 0);
                if (spec.Experiment == 1) Logistic(spec, dataSeed, SeedMixer.Mix(context.Seed, (ulong)trial), sink);
                else Net(spec, dataSeed, SeedMixer.Mix(context.Seed, (ulong)trial), sink);
            }
        }

        private static void Swamping(Spec spec, ulong seed, MetricSink sink)
        {
            // v ← Q_V(β2·v + (1 − β2)·x), v0 = 1, x = 2, 5000 steps (spec R1); stochastic rounding averages 20 independent runs.
            var rng = new Xoshiro256StarStar(seed);
            int runs = spec.Stochastic ? 20 : 1;
            double sum = 0;
            for (int r = 0; r < runs; r++)
            {
                double v = 1;
                for (int t = 0; t < 5000; t++)
                    v = FloatQuant.Quantize(spec.Beta2 * v + (1 - spec.Beta2) * 2.0, spec.Bits, spec.Stochastic ? FloatRounding.Stochastic : FloatRounding.NearestEven, ref rng);
                sum += v;
            }
            sink.Add("v5000", sum / runs);
        }

        private void Logistic(Spec spec, ulong dataSeed, ulong quantSeed, MetricSink sink)
        {
            using var gen = TorchScenarioKit.Init(dataSeed);
            using var scope = torch.NewDisposeScope();
            // Multinomial logistic regression, W ∈ ℝ^{10×20}, N = 4000, teacher W_T = 3·N(0, 1/20), labels drawn from softmax(X W_Tᵀ).
            const int n = 4000;
            var x = torch.randn(new long[] { n, 20 }, dtype: ScalarType.Float64, generator: gen);
            var wt = TorchScenarioKit.Scaled(torch.randn(new long[] { 10, 20 }, dtype: ScalarType.Float64, generator: gen), 3 / Math.Sqrt(20));
            var y = torch.multinomial(torch.softmax(x.matmul(wt.t()), 1), 1, generator: gen).squeeze(1);
            var w = new Parameter(TorchScenarioKit.Scaled(torch.randn(new long[] { 10, 20 }, dtype: ScalarType.Float64, generator: gen), 0.01), requires_grad: true);
            var lossFn = nn.CrossEntropyLoss();
            var q = Quantization(spec, quantSeed);
            // Adam: lr 0.05/√t (our choice of base; spec: 1/√t decay); Muon: lr 0.05 constant with a final 10 % linear decay (spec).
            const double adamLr = 0.05, muonLr = 0.05;
            using optim.Optimizer opt = spec.Optimiser == 0
                ? (q is null ? new ManagedAdam([w], adamLr) : new QuantizedAdam([w], q, adamLr))
                : (q is null ? new Muon([w], muonLr) : new QuantizedMuon([w], q, muonLr));
            int T = spec.Steps;
            for (int t = 0; t < T; t++)
            {
                using var s = torch.NewDisposeScope();
                double lr = spec.Optimiser == 0 ? adamLr / Math.Sqrt(t + 1) : muonLr * Math.Min(1, (T - t) / (0.1 * T));
                foreach (var g in opt.ParamGroups) g.LearningRate = lr;
                var idx = torch.randint(0, n, new long[] { 64 }, generator: gen);
                opt.zero_grad();
                lossFn.forward(x.index_select(0, idx).matmul(w.t()), y.index_select(0, idx)).backward();
                opt.step();
            }
            using var ng = torch.no_grad();
            sink.Add("loss", TorchScenarioKit.Value(lossFn.forward(x.matmul(w.t()), y)));
        }

        /// <summary>The component's format at the spec's bits (null for the float64 reference).</summary>
        private static QuantSpec? Quantization(Spec spec, ulong quantSeed)
        {
            if (spec.Component == 0) return null;
            var fmt = FloatFormat.MantissaOnly(spec.Bits);
            var mode = spec.Stochastic ? FloatRounding.Stochastic : FloatRounding.NearestEven;
            return spec.Component switch
            {
                1 => new QuantSpec { Gradient = fmt, Mode = mode, Seed = quantSeed },
                2 => new QuantSpec { Weight = fmt, Mode = mode, Seed = quantSeed },
                3 => new QuantSpec { FirstMoment = fmt, Mode = mode, Seed = quantSeed },
                4 => new QuantSpec { SecondMoment = fmt, Mode = mode, Seed = quantSeed },
                _ => QuantSpec.All(fmt, mode, quantSeed),
            };
        }

        private void Net(Spec spec, ulong dataSeed, ulong quantSeed, MetricSink sink)
        {
            using var gen = TorchScenarioKit.Init(dataSeed);
            using var scope = torch.NewDisposeScope();
            // Teacher data (our choice; the spec says "generated teacher data"): x ~ N(0, I_20), N = 2000, labels drawn from
            // softmax(3·T(x)) with T a random 20→32→10 tanh network; float64 so that the reference is full precision.
            const int n = 2000;
            var x = torch.randn(new long[] { n, 20 }, dtype: ScalarType.Float64, generator: gen);
            var t1 = TorchScenarioKit.Scaled(torch.randn(new long[] { 20, 32 }, dtype: ScalarType.Float64, generator: gen), 1 / Math.Sqrt(20));
            var t2 = TorchScenarioKit.Scaled(torch.randn(new long[] { 32, 10 }, dtype: ScalarType.Float64, generator: gen), 1 / Math.Sqrt(32));
            var y = torch.multinomial(torch.softmax(TorchScenarioKit.Scaled(x.matmul(t1).tanh().matmul(t2), 3), 1), 1, generator: gen).squeeze(1);
            var model = nn.Sequential(("fc1", nn.Linear(20, 64)), ("r1", nn.ReLU()), ("fc2", nn.Linear(64, 64)), ("r2", nn.ReLU()), ("fc3", nn.Linear(64, 10)));
            model.to(ScalarType.Float64);
            TorchScenarioKit.Initialize(model, gen, ScalarType.Float64);
            var lossFn = nn.CrossEntropyLoss();
            var q = Quantization(spec, quantSeed);
            // Adam: lr 1e-3, β = (0.9, 0.999), ε = 1e-8 on every parameter (torch defaults, spec §5). Muon: the hidden 64×64 matrix
            // on Muon (lr 0.02, β = 0.95, Nesterov; spec §1.4), the rest on AdamW with torch's defaults (lr 1e-3, β2 = 0.999,
            // ε = 1e-8, weight decay 0.01; spec §5). Both are quantised with the same QuantSpec.
            optim.Optimizer opt;
            if (spec.Optimiser == 0) opt = q is null ? new ManagedAdam(model.parameters(), 1e-3) : new QuantizedAdam(model.parameters(), q, 1e-3);
            else
            {
                var (hidden, other) = TorchScenarioKit.Split(model, (name, _) => name == "fc2.weight");
                MuonParamGroup[] groups = [MuonParamGroup.Muon(hidden, lr: 0.02), MuonParamGroup.Adam(other, lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01)];
                opt = q is null ? new Muon(groups) : new QuantizedMuon(groups, q);
            }
            using (opt)
            {
                for (int t = 0; t < spec.Steps; t++)
                {
                    using var s = torch.NewDisposeScope();
                    var idx = torch.randint(0, n, new long[] { 64 }, generator: gen);
                    opt.zero_grad();
                    lossFn.forward(model.forward(x.index_select(0, idx)), y.index_select(0, idx)).backward();
                    opt.step();
                }
            }
            using var ng = torch.no_grad();
            sink.Add("loss", TorchScenarioKit.Value(lossFn.forward(model.forward(x), y)));
        }

        private int Find(int e, int o, int c, int m, bool sr = false, double b2 = 0.999, int steps = -1)
        {
            int T = steps >= 0 ? steps : e == 1 ? _p.Steps : e == 2 ? _p.NetSteps : 0;
            return _specs.FindIndex(s => s.Experiment == e && s.Optimiser == o && s.Component == c && s.Bits == m && s.Stochastic == sr && s.Beta2 == b2 && s.Steps == T);
        }

        /// <summary>Relative loss gap (mean loss − mean float64 loss)/mean float64 loss of the same optimiser, experiment and T.</summary>
        private double Gap(RunResults r, int o, int c, int m, bool sr = false, int e = 1, int steps = -1)
        {
            double l = Mean(r, Find(e, o, c, m, sr, steps: steps), "loss"), l0 = Mean(r, Find(e, o, 0, 52, steps: steps), "loss");
            return (l - l0) / l0;
        }

        public void BuildReport(RunResults results, ReportBuilder report)
        {
            // Swamping table and claims Q1, Q2.
            double V(int m, bool sr, double b2) => Mean(results, Find(0, 0, 4, m, sr, b2), "v5000");
            double v7 = V(7, false, 0.999), v16 = V(16, false, 0.999), v12 = V(12, false, 0.999), v7sr = V(7, true, 0.999), v7b = V(7, false, 0.9);
            bool? q1 = double.IsNaN(v7 + v16 + v7sr) ? null : v7 == 1.0 && v16 > 1.9 && v7sr > 1.9;
            bool? q2 = double.IsNaN(v7b) ? null : v7b > 1.9;
            report.AddTable(new Table
            {
                Id = "quant-swamping", Title = "Second-moment swamping: v ← Q(β2·v + (1 − β2)·2), v0 = 1, after 5000 steps (exact limit 2)",
                Columns = ["β2", "mantissa bits", "rounding", "v after 5000 steps"],
                Rows =
                [
                    ["0.999", "7 (BF16)", "nearest even", F(v7, "0.00000")], ["0.999", "12", "nearest even", F(v12, "0.00000")], ["0.999", "16", "nearest even", F(v16, "0.00000")],
                    ["0.999", "7 (BF16)", "stochastic, mean of 20 runs", F(v7sr, "0.00000")], ["0.9", "7 (BF16)", "nearest even", F(v7b, "0.00000")],
                ],
                Caption = Claim("Q1: a BF16 second moment with β2 = 0.999 stays frozen at exactly 1 (increment 0.001 < half-spacing 2⁻⁸), while m = 16 and stochastic rounding at m = 7 exceed 1.9", q1,
                    $"v = {F(v7, "0.0000")}, {F(v16, "0.0000")}, {F(v7sr, "0.0000")}") + " "
                    + Claim("Q2: with β2 = 0.9 a BF16 v reaches > 1.9", q2, $"v = {F(v7b, "0.0000")}"),
            });
            // Component sweep.
            var bits = _p.MantissaBits.Select(m => (double)m).ToArray();
            var panels = new List<Figure>();
            for (int o = 0; o < 2; o++)
            {
                var series = new List<Series>();
                for (int c = 1; c < Components.Length; c++)
                {
                    if (o == 1 && c == 4) continue;
                    series.Add(Line($"{Components[c]} only" + (c == 5 ? "" : ""), bits, _p.MantissaBits.Select(m => Math.Max(Math.Abs(Gap(results, o, c, m)), 1e-7)), c));
                }
                panels.Add(new Figure
                {
                    Id = o == 0 ? "quant-adam" : "quant-muon", Title = o == 0 ? "Adam (β2 = 0.999)" : "Muon", XLabel = "mantissa bits m", YLabel = "|relative loss gap to float64|",
                    LogY = true, Series = series,
                });
            }
            bool has7 = _p.MantissaBits.Contains(7), has23 = _p.MantissaBits.Contains(23);
            double gV = has7 ? Gap(results, 0, 4, 7) : double.NaN, gM = has7 ? Gap(results, 0, 3, 7) : double.NaN, gG = has7 ? Gap(results, 0, 1, 7) : double.NaN;
            bool? q3 = double.IsNaN(gV + gM + gG) ? null : gV > gM && gV > gG;
            double aAll = has7 ? Gap(results, 0, 5, 7) : double.NaN, mAll = has7 ? Gap(results, 1, 5, 7) : double.NaN;
            bool? q4 = double.IsNaN(aAll + mAll) ? null : mAll < aAll;
            double a23 = has23 ? Gap(results, 0, 5, 23) : double.NaN, m23 = has23 ? Gap(results, 1, 5, 23) : double.NaN;
            bool? q6 = double.IsNaN(a23 + m23) ? null : Math.Abs(a23) <= 0.01 && Math.Abs(m23) <= 0.01;
            double gVsr = has7 ? Gap(results, 0, 4, 7, true) : double.NaN;
            bool? srHeld = double.IsNaN(gVsr + gV) ? null : gVsr <= 0.5 * gV;
            report.AddPanels(new PanelFigure
            {
                Id = "quant-components", Title = $"Logistic regression after {_p.Steps} steps: loss gap vs mantissa bits, one component at a time", Panels = panels, Columns = 2,
                Caption = Claim("Q3: at m = 7 (RN) Adam's gap from quantising V alone exceeds the gap from M alone and from G alone", q3, $"V {G(gV)}, M {G(gM)}, G {G(gG)}") + " "
                    + Claim("Q4: with all components at m = 7 (RN), Muon's relative gap is smaller than Adam's", q4, $"Muon {G(mAll)}, Adam {G(aAll)}") + " "
                    + Claim("Q6: at m = 23 for all components both optimisers are within 1 % of float64", q6, $"Adam {G(a23)}, Muon {G(m23)}") + " "
                    + Claim("stochastic rounding of V at m = 7 closes at least half of Adam's round-to-nearest gap", srHeld, $"SR {G(gVsr)} vs RN {G(gV)}")
                    + " Gaps are (mean loss − mean float64 loss)/mean float64 loss over the same seeds and data; absolute values are plotted (floor 1e-7).",
            });
            BuildHorizonReport(results, report);
            BuildNetReport(results, report);
        }

        private static string OptimiserName(int o) => o == 0 ? "Adam" : "Muon";

        private void BuildHorizonReport(RunResults results, ReportBuilder report)
        {
            // Q5: m*(T) = smallest m of the grid whose all-components |relative loss gap| ≤ 5 %.
            var horizons = _p.Horizons.Distinct().Order().ToArray();
            var bits = _p.MantissaBits.Distinct().Order().ToArray();
            bool quickScale = !horizons.SequenceEqual([500, 2000, 8000]);
            var panels = new List<Figure>();
            var claims = new List<string>();
            for (int o = 0; o < 2; o++)
            {
                var series = new List<Series>();
                var mStar = new int?[horizons.Length];
                for (int h = 0; h < horizons.Length; h++)
                {
                    var gaps = bits.Select(m => Gap(results, o, 5, m, steps: horizons[h])).ToArray();
                    int k = Array.FindIndex(gaps, g => Math.Abs(g) <= 0.05);
                    mStar[h] = k < 0 ? null : bits[k];
                    series.Add(Line($"T = {horizons[h]}", bits.Select(m => (double)m), gaps.Select(g => Math.Max(Math.Abs(g), 1e-7)), h));
                }
                series.Add(Line("5 % threshold", [bits[0], bits[^1]], [0.05, 0.05], horizons.Length, SeriesStyle.DashedLine));
                panels.Add(new Figure
                {
                    Id = o == 0 ? "quant-horizons-adam" : "quant-horizons-muon", Title = $"{OptimiserName(o)}: all components at m bits", XLabel = "mantissa bits m",
                    YLabel = "|relative loss gap to float64|", LogY = true, Series = series,
                });
                bool anyMissing = Enumerable.Range(0, horizons.Length).Any(h => bits.Any(m => double.IsNaN(Gap(results, o, 5, m, steps: horizons[h]))));
                bool? held = null;
                if (!anyMissing && horizons.Length >= 2)
                {
                    bool defined = mStar.All(v => v is not null);
                    bool nonDecreasing = defined && Enumerable.Range(1, horizons.Length - 1).All(h => mStar[h] >= mStar[h - 1]);
                    held = defined && nonDecreasing && mStar[^1] - mStar[0] <= 4;
                }
                claims.Add(Claim($"Q5 ({OptimiserName(o)}): m*(T) is non-decreasing in T and m*({horizons[^1]}) − m*({horizons[0]}) ≤ 4", held,
                    "m* = " + string.Join(", ", horizons.Select((T, h) => $"{(mStar[h] is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} at T = {T}"))));
            }
            report.AddPanels(new PanelFigure
            {
                Id = "quant-horizons", Title = "Q5: loss gap vs mantissa bits, all components quantised, one line per horizon T", Panels = panels, Columns = 2,
                Caption = string.Join(" ", claims)
                    + $" m*(T) is the smallest m of the grid {{{string.Join(", ", bits)}}} with |gap| ≤ 5 % (round to nearest, mean of the seeds); \"none\" means no m of the grid qualifies."
                    + (quickScale ? $" Reduced scale: horizons {{{string.Join(", ", horizons)}}} instead of the spec's {{500, 2000, 8000}}, so the ≤ 4 bound is checked between the shortest and longest horizon run here." : "")
                    + " Adam's lr decays as 0.05/√t, Muon's is constant with a final 10 % linear decay (spec R2), so longer runs take smaller final steps.",
            });
        }

        private void BuildNetReport(RunResults results, ReportBuilder report)
        {
            var bits = _p.NetBits.Distinct().Order().ToArray();
            double Loss(int o, int c, int m, bool sr) => Mean(results, Find(2, o, c, c == 0 ? 52 : m, sr), "loss");
            double ref0 = Loss(0, 0, 52, false), ref1 = Loss(1, 0, 52, false);
            // Table: the heat-map as numbers (rows optimiser/component/rounding, columns bits).
            var rows = new List<IReadOnlyList<string>>();
            for (int o = 0; o < 2; o++)
                for (int c = 1; c < Components.Length; c++)
                {
                    if (o == 1 && c == 4) continue;
                    foreach (bool sr in new[] { false, true })
                        rows.Add([OptimiserName(o), Components[c], sr ? "SR" : "RN", .. bits.Select(m => F(Loss(o, c, m, sr), "0.0000"))]);
                }
            report.AddTable(new Table
            {
                Id = "quant-net-table", Title = $"R3: MLP 20→64→64→10 after {_p.NetSteps} steps, final training loss by component × mantissa bits (float64: Adam {F(ref0, "0.0000")}, Muon {F(ref1, "0.0000")})",
                Columns = ["optimiser", "component", "rounding", .. bits.Select(m => $"m = {m}")],
                Rows = rows,
                Caption = "Full-batch cross-entropy on the 2000 training points, mean of the seeds (common data and initial weights per seed). SR = stochastic rounding, RN = round to nearest even.",
            });
            // The spec's heat maps (component × bits → final loss), one per optimiser; rows = component and rounding.
            for (int o = 0; o < 2; o++)
            {
                var labels = new List<string>();
                var values = new List<double[]>();
                for (int c = 1; c < Components.Length; c++)
                {
                    if (o == 1 && c == 4) continue;
                    foreach (bool sr in new[] { false, true })
                    {
                        labels.Add($"{Components[c]} {(sr ? "SR" : "RN")}");
                        values.Add(bits.Select(m => Loss(o, c, m, sr)).ToArray());
                    }
                }
                double reference = o == 0 ? ref0 : ref1;
                report.AddHeatmap(new HeatmapFigure
                {
                    Id = $"quant-net-heatmap-{OptimiserName(o).ToLowerInvariant()}",
                    Title = $"R3, {OptimiserName(o)}: final training loss by quantised component × mantissa bits (float64 {F(reference, "0.0000")})",
                    XLabel = "mantissa bits m", YLabel = "quantised component, rounding",
                    ColumnLabels = bits.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                    RowLabels = labels, Values = values, LogScale = true,
                    ValueLabel = "final training loss, log scale (viridis: dark = low loss)",
                    Caption = "R3 heat map (docs/optim-quantized.md); the same numbers as the table above. RN = round to nearest even, SR = stochastic rounding.",
                    Height = 120 + 36 * labels.Count,
                });
            }
            // One panel per component: final loss vs bits for Adam/Muon × RN/SR, with the float64 levels dashed.
            var panels = new List<Figure>();
            for (int c = 1; c < Components.Length; c++)
            {
                var series = new List<Series>();
                for (int o = 0; o < 2; o++)
                {
                    if (o == 1 && c == 4) continue;
                    foreach (bool sr in new[] { false, true })
                        series.Add(Line($"{OptimiserName(o)} {(sr ? "SR" : "RN")}", bits.Select(m => (double)m), bits.Select(m => Loss(o, c, m, sr)), 2 * o + (sr ? 1 : 0)));
                }
                series.Add(Line("Adam float64", [bits[0], bits[^1]], [ref0, ref0], 0, SeriesStyle.DashedLine));
                series.Add(Line("Muon float64", [bits[0], bits[^1]], [ref1, ref1], 2, SeriesStyle.DashedLine));
                panels.Add(new Figure
                {
                    Id = $"quant-net-{Components[c]}", Title = c == 5 ? "all components" : $"{Components[c]} only" + (c == 4 ? " (Adam)" : ""), XLabel = "mantissa bits m",
                    YLabel = "final training loss", Series = series,
                });
            }
            bool has7 = bits.Contains(7);
            double aAll = has7 ? Gap(results, 0, 5, 7, e: 2) : double.NaN, mAll = has7 ? Gap(results, 1, 5, 7, e: 2) : double.NaN;
            bool? q4 = double.IsNaN(aAll + mAll) ? null : mAll < aAll;
            double gRn = has7 ? Gap(results, 0, 4, 7, e: 2) : double.NaN, gSr = has7 ? Gap(results, 0, 4, 7, true, e: 2) : double.NaN;
            bool? sr7 = double.IsNaN(gRn + gSr) ? null : gRn > 0 && gSr <= 0.5 * gRn;
            report.AddPanels(new PanelFigure
            {
                Id = "quant-net", Title = $"R3: MLP 20→64→64→10, final training loss vs mantissa bits, one panel per quantised component ({_p.NetSteps} steps)", Panels = panels, Columns = 3,
                Caption = Claim("Q4 (MLP): with all components at m = 7 (RN), Muon's relative loss gap is smaller than Adam's", q4, $"Muon {G(mAll)}, Adam {G(aAll)}") + " "
                    + Claim("stochastic rounding at m = 7 for V closes at least half of Adam's round-to-nearest gap (needs a positive RN gap)", sr7, $"SR {G(gSr)} vs RN {G(gRn)}")
                    + " Adam: lr 1e-3, β2 = 0.999 on all parameters. Muon: the hidden 64×64 matrix on Muon (lr 0.02), the rest on AdamW (lr 1e-3, β2 = 0.999, weight decay 0.01), quantised with the same spec."
                    + " Teacher data: labels drawn from softmax(3·T(x)), T a random 20→32→10 tanh network, N = 2000, batch 64 (our choice). The table and the two heat maps above give the same numbers as component × bits grids.",
            });
        }
    }
}
