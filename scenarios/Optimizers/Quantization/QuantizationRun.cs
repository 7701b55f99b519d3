using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The run of <c>optim-quantized</c>: points = (experiment, optimiser, component, bits, rounding, β2, steps); trials = seeds. Data and
/// initial weights depend on (master seed, block, trial) only (common random numbers across points); every quantised point also runs
/// its float64 reference on the same seed and records the paired relative gap "pairedGap" = loss/loss_float64 − 1.
/// </summary>
internal sealed class QuantizationRun(QuantizationParameters p, ScenarioConfig config) : ScenarioRun<QuantizationParameters>(p, config)
{
    internal static readonly string[] Experiments = ["swamping", "logistic", "net"];
    internal static readonly string[] Optimisers = ["adam", "muon"];
    internal static readonly string[] Components = ["none", "G", "W", "M", "V", "all"];

    /// <summary>Experiment 0 = swamping, 1 = logistic regression, 2 = MLP; Steps = T of the run (0 for swamping).</summary>
    internal sealed record Spec(int Experiment, int Optimiser, int Component, int Bits, bool Stochastic, double Beta2, int Steps = 0);

    /// <summary>The run of a sweep point.</summary>
    internal static Spec SpecOf(SweepPoint point) => new(
        Array.IndexOf(Experiments, point.Category("experiment")), Array.IndexOf(Optimisers, point.Category("optimiser")),
        Array.IndexOf(Components, point.Category("component")), (int)point.Number("bits"), point.Is("rounding", "SR"), point.Number("beta2"), (int)point.Number("steps"));

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        var specs = new List<Spec>();
        void Add(Spec s, string label)
        {
            sweep.Add(label, ("experiment", Experiments[s.Experiment]), ("optimiser", Optimisers[s.Optimiser]), ("component", Components[s.Component]), ("bits", s.Bits),
                ("rounding", s.Stochastic ? "SR" : "RN"), ("beta2", s.Beta2), ("steps", s.Steps));
            specs.Add(s);
        }
        void AddOnce(Spec s, string label)
        {
            if (!specs.Contains(s)) Add(s, label);
        }
        foreach (var (b2, m, sr) in new[] { (0.999, 7, false), (0.999, 12, false), (0.999, 16, false), (0.999, 7, true), (0.9, 7, false) })
            Add(new Spec(0, 0, 4, m, sr, b2), $"swamping/β2={b2}/m={m}/{(sr ? "SR" : "RN")}");
        for (int o = 0; o < 2; o++)
        {
            string on = o == 0 ? "adam" : "muon";
            Add(new Spec(1, o, 0, 52, false, 0.999, P.Steps), $"{on}/float64");
            for (int c = 1; c < Components.Length; c++)
            {
                if (o == 1 && c == 4) continue; // Muon has no V
                foreach (int m in P.MantissaBits) Add(new Spec(1, o, c, m, false, 0.999, P.Steps), $"{on}/{Components[c]}/m={m}/RN");
            }
        }
        if (P.MantissaBits.Contains(7)) Add(new Spec(1, 0, 4, 7, true, 0.999, P.Steps), "adam/V/m=7/SR");
        // Q5: all components at every m and horizon T (points of the main sweep are reused when T = Steps).
        foreach (int T in P.Horizons.Distinct())
            for (int o = 0; o < 2; o++)
            {
                string on = o == 0 ? "adam" : "muon";
                AddOnce(new Spec(1, o, 0, 52, false, 0.999, T), $"{on}/float64/T={T}");
                foreach (int m in P.MantissaBits) AddOnce(new Spec(1, o, 5, m, false, 0.999, T), $"{on}/all/m={m}/RN/T={T}");
            }
        // R3: MLP 20→64→64→10, component × bits × rounding.
        for (int o = 0; o < 2; o++)
        {
            string on = o == 0 ? "adam" : "muon";
            Add(new Spec(2, o, 0, 52, false, 0.999, P.NetSteps), $"net/{on}/float64");
            for (int c = 1; c < Components.Length; c++)
            {
                if (o == 1 && c == 4) continue; // Muon's V exists only on its AdamW group; the spec sweeps G, W, M for Muon
                foreach (int m in P.NetBits)
                    foreach (bool sr in new[] { false, true })
                        Add(new Spec(2, o, c, m, sr, 0.999, P.NetSteps), $"net/{on}/{Components[c]}/m={m}/{(sr ? "SR" : "RN")}");
            }
        }
    }

    /// <inheritdoc/>
    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var spec = SpecOf(Plan.Points[context.PointIndex]);
        for (int trial = 0; trial < context.Trials; trial++)
        {
            if (spec.Experiment == 0) { Swamping(spec, SeedMixer.Mix(context.Seed, (ulong)trial), sink); continue; }
            // Common random numbers: data and initial weights from (master seed, block, trial) only.
            ulong dataSeed = SeedMixer.Mix(SeedMixer.Mix(MasterSeed, spec.Experiment == 1 ? 0x51A7UL : 0x3E7UL), (ulong)context.BlockIndex, (ulong)trial, 0);
            ulong quantSeed = SeedMixer.Mix(context.Seed, (ulong)trial);
            var own = new MetricSink();
            Train(spec, dataSeed, quantSeed, own);
            double loss = own.Metrics["loss"].Mean;
            sink.Add("loss", loss);
            if (spec.Component == 0) continue;
            // Paired reference: the float64 run on this seed's data and initial weights (exactly what the float64 point computes for the
            // same block and trial; without quantisation the quantisation seed is unused), so the relative gap is measured per seed.
            var reference = new MetricSink();
            Train(spec with { Component = 0, Bits = 52, Stochastic = false }, dataSeed, quantSeed, reference);
            sink.Add("pairedGap", loss / reference.Metrics["loss"].Mean - 1);
        }
    }

    private void Train(Spec spec, ulong dataSeed, ulong quantSeed, MetricSink sink)
    {
        if (spec.Experiment == 1) Logistic(spec, dataSeed, quantSeed, sink);
        else Net(spec, dataSeed, quantSeed, sink);
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

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => QuantizationReport.Build(P, results, report);
}
