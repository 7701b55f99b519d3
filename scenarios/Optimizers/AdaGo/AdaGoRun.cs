using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The run of <c>optim-adago</c>: points = (experiment, optimiser, learning rate); trials = seeds. R1 histories are curves over the
/// step ("logLoss", "logBestNuclear" at log-spaced horizons; "logDw", "logDwSpectral", "logGradNorm", "logAlpha" at log-spaced step numbers).
/// </summary>
internal sealed class AdaGoRun : ScenarioRun<AdaGoParameters>
{
    internal static readonly string[] Experiments = ["least-squares", "regression", "classification"];
    internal static readonly string[] Optimisers = ["adam", "muon", "adago"];

    internal sealed record Spec(int Experiment, int Optimiser, double Lr);

    private readonly int[] _lsHorizons;
    private readonly int[] _stepHorizons;

    /// <summary>Creates the run.</summary>
    public AdaGoRun(AdaGoParameters p, ScenarioConfig config) : base(p, config)
    {
        _lsHorizons = Horizons(10, p.LeastSquaresSteps);
        _stepHorizons = Horizons(1, p.LeastSquaresSteps);
    }

    /// <summary>Log-spaced loss horizons of R1 (from 10).</summary>
    internal int[] LossHorizons => _lsHorizons;

    /// <summary>Log-spaced step numbers of the R1 step diagnostics (from 1).</summary>
    internal int[] StepHorizons => _stepHorizons;

    /// <summary>First horizon of the A2 slope window: min(100, T/2).</summary>
    internal int NuclearSlopeFrom => Math.Min(100, P.LeastSquaresSteps / 2);

    /// <summary>The run of a sweep point.</summary>
    internal static Spec SpecOf(SweepPoint point) =>
        new(Array.IndexOf(Experiments, point.Category("experiment")), Array.IndexOf(Optimisers, point.Category("optimiser")), point.Number("lr"));

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        void Add(int e, int o, double lr) => sweep.Add($"{Experiments[e]}/{Optimisers[o]}/lr={lr}", ("experiment", Experiments[e]), ("optimiser", Optimisers[o]), ("lr", lr));
        foreach (double lr in P.MuonRates.Take(4)) if (lr is 0.005 or 0.02 or 0.05 || P.MuonRates.Length < 4) Add(0, 1, lr);
        foreach (double lr in P.AdaGoRates) Add(0, 2, lr);
        foreach (double lr in P.AdamRates) Add(1, 0, lr);
        foreach (double lr in P.MuonRates) Add(1, 1, lr);
        foreach (double lr in P.AdaGoRates) Add(1, 2, lr);
        // Classification: one step per optimiser (spec defaults: Adam 1e-3, Muon 0.02, AdaGO 0.1 [PROPOSED]).
        Add(2, 0, 1e-3); Add(2, 1, 0.02); Add(2, 2, 0.1);
    }

    /// <inheritdoc/>
    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var spec = SpecOf(Plan.Points[context.PointIndex]);
        for (int trial = 0; trial < context.Trials; trial++)
        {
            // Common random numbers: data, initial weights and minibatch order depend on (master seed, block, trial) only, so every
            // optimiser and step size sees the same problems (paired comparisons).
            ulong seed = PhyToolkit.Core.Random.SeedMixer.Mix(PhyToolkit.Core.Random.SeedMixer.Mix(MasterSeed, 0xADA60UL), (ulong)context.BlockIndex, (ulong)trial, 0);
            using var gen = TorchScenarioKit.Init(seed);
            using var scope = torch.NewDisposeScope();
            switch (spec.Experiment)
            {
                case 0: LeastSquares(spec, gen, sink); break;
                case 1: Regression(spec, gen, sink); break;
                default: Classification(spec, gen, sink); break;
            }
        }
    }

    private static optim.Optimizer Make(int optimiser, double lr, List<Parameter> hidden, List<Parameter> other)
    {
        // Hidden matrices → Muon/AdaGO; the rest → AdamW at 1e-3 (our choice, equal for both); Adam alone → all parameters.
        return optimiser switch
        {
            0 => new ManagedAdam(hidden.Concat(other), lr, beta1: 0.9, beta2: 0.999, eps: 1e-8),   // torch.optim.Adam's update and defaults without its implicit Scalar temporaries
            1 => other.Count == 0 ? new Muon(hidden, lr: lr) : new Muon([MuonParamGroup.Muon(hidden, lr: lr), MuonParamGroup.Adam(other, lr: 1e-3)], lr: lr),
            _ => other.Count == 0 ? new AdaGo(hidden, lr: lr) : new AdaGo([AdaGoParamGroup.AdaGo(hidden, lr: lr), AdaGoParamGroup.Adam(other, lr: 1e-3)], lr: lr),
        };
    }

    private void LeastSquares(Spec spec, Generator gen, MetricSink sink)
    {
        // R1: f(W) = (1/2N)‖XW − Y‖²_F, X ∈ ℝ^{512×32} Gaussian, Y = XW*, W ∈ ℝ^{32×16}, full batch, W0 = 0, float64.
        // Scalars held explicitly, no square() (pow with an implicit exponent): see TorchScenarioKit.Scaled.
        using Scalar sqrt32 = Math.Sqrt(32), twoN = 2 * 512;
        var x = torch.randn(new long[] { 512, 32 }, dtype: ScalarType.Float64, generator: gen);
        var wStar = torch.randn(new long[] { 32, 16 }, dtype: ScalarType.Float64, generator: gen).div(sqrt32);
        var y = x.matmul(wStar);
        var w = new Parameter(torch.zeros(32, 16, dtype: ScalarType.Float64), requires_grad: true);
        using var opt = Make(spec.Optimiser, spec.Lr, [w], []);
        double f0 = 0, best = double.PositiveInfinity, last = double.NaN;
        int next = 0, nextStep = 0;
        var nuclearHorizons = new List<double>();
        var nuclearLogs = new List<double>();
        for (int t = 0; t <= P.LeastSquaresSteps; t++)
        {
            using var s = torch.NewDisposeScope();
            opt.zero_grad();
            var r = x.matmul(w) - y;
            var loss = r.mul(r).sum().div(twoN);
            loss.backward();
            last = loss.item<double>();
            if (t == 0) f0 = last;
            best = Math.Min(best, torch.linalg.svdvals(w.grad!).sum().item<double>());
            if (next < _lsHorizons.Length && t == _lsHorizons[next])
            {
                sink.AddAt("logLoss", t, Math.Log(Math.Max(last / f0, 1e-300)));
                sink.AddAt("logBestNuclear", t, Math.Log(Math.Max(best, 1e-300)));
                if (t >= NuclearSlopeFrom) { nuclearHorizons.Add(t); nuclearLogs.Add(Math.Log(Math.Max(best, 1e-300))); }
                next++;
            }
            if (t == P.LeastSquaresSteps) break;
            // Step diagnostics (spec §4: "record the per-step α_t of AdaGO and ‖ΔW‖_F of Muon") at log-spaced step numbers k = t + 1.
            bool record = nextStep < _stepHorizons.Length && t + 1 == _stepHorizons[nextStep];
            using var before = record ? w.detach().clone() : null;
            double gradNorm = record ? w.grad!.norm().item<double>() : 0;
            opt.step();
            if (!record) continue;
            int k = t + 1;
            // Spectral norm = largest singular value (libtorch's matrix_norm(ord = 2) is amax(svdvals); matrix_norm itself
            // converts ord to an unheld Scalar).
            double dwSpectral = torch.linalg.svdvals(w.detach() - before!).max().item<double>();
            double dwFro = opt switch { AdaGo a => a.GetUpdateNorm(w), Muon m => m.GetUpdateNorm(w), _ => double.NaN };
            if (spec.Optimiser != 0)
            {
                sink.AddAt("logDw", k, Math.Log(Math.Max(dwFro, 1e-300)));
                sink.AddAt("logDwSpectral", k, Math.Log(Math.Max(dwSpectral, 1e-300)));
                sink.AddAt("logGradNorm", k, Math.Log(Math.Max(gradNorm, 1e-300)));
            }
            if (opt is AdaGo ada) sink.AddAt("logAlpha", k, Math.Log(ada.GetStepSize(w)));
            nextStep++;
        }
        sink.Add("logRelLoss", Math.Log(Math.Max(last / f0, 1e-300)));
        // A2 per seed: log–log slope of min_s ‖∇f(W_s)‖_* over the horizons ≥ min(100, T/2) (seed mean = the slope of the seed-mean curve).
        sink.Add("bestNuclearSlope", LogLogSlope(nuclearHorizons, nuclearLogs));
    }

    private void Regression(Spec spec, Generator gen, MetricSink sink)
    {
        // R2: y = sin(πx₁)cos(πx₂) + 0.5x₃² + 0.05·noise, x ~ U[−1, 1]⁴; MLP 4→64→64→1 (tanh); batch 64.
        static (Tensor X, Tensor Y) Data(int n, Generator g)
        {
            using Scalar two = 2, one = 1, pi = Math.PI, half = 0.5, noise = 0.05;   // held explicitly: see TorchScenarioKit.Scaled
            var xs = torch.rand(new long[] { n, 4 }, generator: g).mul(two).sub_(one);
            var x3 = xs[.., 2];
            var ys = xs[.., 0].mul(pi).sin().mul(xs[.., 1].mul(pi).cos()).add(x3.mul(x3).mul(half), one)
                .add(torch.randn(new long[] { n }, generator: g).mul(noise), one);
            return (xs, ys.unsqueeze(1));
        }
        var (xTr, yTr) = Data(4096, gen);
        var (xTe, yTe) = Data(1024, gen);
        var model = nn.Sequential(("fc1", nn.Linear(4, 64)), ("act1", nn.Tanh()), ("fc2", nn.Linear(64, 64)), ("act2", nn.Tanh()), ("fc3", nn.Linear(64, 1)));
        TorchScenarioKit.Initialize(model, gen);
        var (hidden, other) = TorchScenarioKit.Split(model, (name, _) => name == "fc2.weight");
        using var opt = Make(spec.Optimiser, spec.Lr, hidden, other);
        for (int t = 0; t < P.RegressionSteps; t++)
        {
            using var s = torch.NewDisposeScope();
            var idx = torch.randint(0, 4096, new long[] { 64 }, generator: gen);
            opt.zero_grad();
            var r = model.forward(xTr.index_select(0, idx)) - yTr.index_select(0, idx);
            var loss = r.mul(r).mean();
            loss.backward();
            opt.step();
        }
        using var ng = torch.no_grad();
        var rTe = model.forward(xTe) - yTe;
        double mse = TorchScenarioKit.Value(rTe.mul(rTe).mean());
        sink.Add("logTestMse", Math.Log(double.IsFinite(mse) ? mse : 1e6));
    }

    private void Classification(Spec spec, Generator gen, MetricSink sink)
    {
        // R3: 10 classes, each a fixed random 8×8 template (N(0, 1) pixels) plus N(0, σ²) noise, σ = 1.5 (our choice).
        const int classes = 10;
        int nTr = P.ClassificationTrain, nTe = 1000;
        var templates = torch.randn(new long[] { classes, 1, 8, 8 }, generator: gen);
        (Tensor X, Tensor Y) Data(int n)
        {
            var labels = torch.randint(0, classes, new long[] { n }, generator: gen);
            using Scalar sigma = 1.5, one = 1;   // held explicitly: see TorchScenarioKit.Scaled
            var xs = templates.index_select(0, labels).add(torch.randn(new long[] { n, 1, 8, 8 }, generator: gen).mul(sigma), one);
            return (xs, labels);
        }
        var (xTr, yTr) = Data(nTr);
        var (xTe, yTe) = Data(nTe);
        var model = nn.Sequential(("conv1", nn.Conv2d(1, 16, 3, padding: 1)), ("r1", nn.ReLU()), ("conv2", nn.Conv2d(16, 32, 3, padding: 1)), ("r2", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()), ("head", nn.Linear(32, classes)));
        TorchScenarioKit.Initialize(model, gen);
        var (hidden, other) = TorchScenarioKit.Split(model, (name, _) => name is "conv1.weight" or "conv2.weight");
        using var opt = Make(spec.Optimiser, spec.Lr, hidden, other);
        var lossFn = nn.CrossEntropyLoss();
        for (int epoch = 0; epoch < P.ClassificationEpochs; epoch++)
        {
            var perm = torch.randperm(nTr, generator: gen);
            for (int b = 0; b + 64 <= nTr; b += 64)
            {
                using var s = torch.NewDisposeScope();
                var idx = perm[b..(b + 64)];
                opt.zero_grad();
                var loss = lossFn.forward(model.forward(xTr.index_select(0, idx)), yTr.index_select(0, idx));
                loss.backward();
                opt.step();
            }
        }
        using var ng = torch.no_grad();
        double acc = TorchScenarioKit.Value(model.forward(xTe).argmax(1).eq(yTe).to_type(ScalarType.Float64).mean());
        sink.Add("testAccuracy", acc);
    }

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => AdaGoReport.Build(this, results, report);
}
