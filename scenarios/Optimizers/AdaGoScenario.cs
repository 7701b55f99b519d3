using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-adago</c>.</summary>
public sealed record AdaGoScenarioParameters
{
    /// <summary>Full-batch steps of the least-squares run R1, in [100, 10^5] (spec: 3000).</summary>
    public int LeastSquaresSteps { get; init; } = 3000;

    /// <summary>Minibatch steps of the function-regression run R2, in [100, 10^5] (spec: 3000).</summary>
    public int RegressionSteps { get; init; } = 3000;

    /// <summary>Training samples of the classification run R3, in [200, 10^5] (spec: 5000).</summary>
    public int ClassificationTrain { get; init; } = 5000;

    /// <summary>Epochs of the classification run R3, in [1, 100] (spec: 3).</summary>
    public int ClassificationEpochs { get; init; } = 3;

    /// <summary>Adam learning rates (spec R2: 3e-4, 1e-3, 3e-3), each in (0, 1].</summary>
    public double[] AdamRates { get; init; } = [3e-4, 1e-3, 3e-3];

    /// <summary>Muon learning rates (spec: 0.005, 0.01, 0.02, 0.05), each in (0, 10].</summary>
    public double[] MuonRates { get; init; } = [0.005, 0.01, 0.02, 0.05];

    /// <summary>AdaGO base steps η (spec: 0.03, 0.1, 0.3, 1), each in (0, 10].</summary>
    public double[] AdaGoRates { get; init; } = [0.03, 0.1, 0.3, 1];
}

/// <summary>
/// AdaGO vs Muon vs Adam (docs/optim-adago.md; AdaGO arXiv:2509.02981) on generated data: deterministic matrix least
/// squares (claims A1–A3), stochastic function regression with a learning-rate sensitivity sweep (B1, B2), and a small CNN on
/// generated 8×8 pattern images (C1). Points = (experiment, optimiser, learning rate); trials = seeds.
/// </summary>
public sealed class AdaGoScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "optim-adago";

    /// <inheritdoc/>
    public string Summary => "AdaGO vs Muon vs Adam: least squares, function regression with a learning-rate sweep, small CNN classification";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        Run = Seeds(3),
        Parameters = ConfigBinder.ToJsonObject(quick
            ? new AdaGoScenarioParameters { LeastSquaresSteps = 2000, RegressionSteps = 800, ClassificationTrain = 2000, ClassificationEpochs = 2 }
            : new AdaGoScenarioParameters()),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<AdaGoScenarioParameters>(config.Parameters, "parameters");
        Check.InRange(p.LeastSquaresSteps, 100, 100_000, "parameters.leastSquaresSteps");
        Check.InRange(p.RegressionSteps, 100, 100_000, "parameters.regressionSteps");
        Check.InRange(p.ClassificationTrain, 200, 100_000, "parameters.classificationTrain");
        Check.InRange(p.ClassificationEpochs, 1, 100, "parameters.classificationEpochs");
        Check.AllInRange(p.AdamRates, 1e-9, 1, "parameters.adamRates");
        Check.AllInRange(p.MuonRates, 1e-9, 10, "parameters.muonRates");
        Check.AllInRange(p.AdaGoRates, 1e-9, 10, "parameters.adaGoRates");
        return new Run(p, config);
    }

    internal static readonly string[] Experiments = ["least-squares", "regression", "classification"];
    internal static readonly string[] Optimisers = ["adam", "muon", "adago"];

    private sealed record Spec(int Experiment, int Optimiser, double Lr);

    private sealed class Run : IScenarioRun
    {
        private readonly AdaGoScenarioParameters _p;
        private readonly List<Spec> _specs = [];
        private readonly int[] _lsHorizons;
        private readonly int[] _stepHorizons;
        private readonly ulong _master;

        public Run(AdaGoScenarioParameters p, ScenarioConfig config)
        {
            _p = p;
            _master = config.Seed;
            _lsHorizons = Horizons(10, p.LeastSquaresSteps);
            _stepHorizons = Horizons(1, p.LeastSquaresSteps);
            var pts = new List<SweepPoint>();
            void Add(int e, int o, double lr)
            {
                Point(pts, $"{Experiments[e]}/{Optimisers[o]}/lr={lr}", ("experiment", e), ("optimiser", o), ("lr", lr));
                _specs.Add(new Spec(e, o, lr));
            }
            foreach (double lr in p.MuonRates.Take(4)) if (lr is 0.005 or 0.02 or 0.05 || p.MuonRates.Length < 4) Add(0, 1, lr);
            foreach (double lr in p.AdaGoRates) Add(0, 2, lr);
            foreach (double lr in p.AdamRates) Add(1, 0, lr);
            foreach (double lr in p.MuonRates) Add(1, 1, lr);
            foreach (double lr in p.AdaGoRates) Add(1, 2, lr);
            // Classification: one step per optimiser (spec defaults: Adam 1e-3, Muon 0.02, AdaGO 0.1 [PROPOSED]).
            Add(2, 0, 1e-3); Add(2, 1, 0.02); Add(2, 2, 0.1);
            Plan = new SweepPlan { Points = pts, TrialsPerBlock = config.Run.TrialsPerBlock, Stop = ScenarioConfigResolver.ToStoppingRule(config.Run) };
        }

        public SweepPlan Plan { get; }

        public object? CreateWorkspace() => null;

        public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
        {
            var spec = _specs[context.PointIndex];
            for (int trial = 0; trial < context.Trials; trial++)
            {
                // Common random numbers: data, initial weights and minibatch order depend on (master seed, block, trial) only, so every
                // optimiser and step size sees the same problems (paired comparisons).
                ulong seed = PhyToolkit.Core.Random.SeedMixer.Mix(PhyToolkit.Core.Random.SeedMixer.Mix(_master, 0xADA60UL), (ulong)context.BlockIndex, (ulong)trial, 0);
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
            for (int t = 0; t <= _p.LeastSquaresSteps; t++)
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
                    sink.Add($"logLoss_t{t}", Math.Log(Math.Max(last / f0, 1e-300)));
                    sink.Add($"logBestNuclear_t{t}", Math.Log(Math.Max(best, 1e-300)));
                    next++;
                }
                if (t == _p.LeastSquaresSteps) break;
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
                    sink.Add($"logDw_s{k}", Math.Log(Math.Max(dwFro, 1e-300)));
                    sink.Add($"logDwSpectral_s{k}", Math.Log(Math.Max(dwSpectral, 1e-300)));
                    sink.Add($"logGradNorm_s{k}", Math.Log(Math.Max(gradNorm, 1e-300)));
                }
                if (opt is AdaGo ada) sink.Add($"logAlpha_s{k}", Math.Log(ada.GetStepSize(w)));
                nextStep++;
            }
            sink.Add("logRelLoss", Math.Log(Math.Max(last / f0, 1e-300)));
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
            for (int t = 0; t < _p.RegressionSteps; t++)
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
            int nTr = _p.ClassificationTrain, nTe = 1000;
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
            for (int epoch = 0; epoch < _p.ClassificationEpochs; epoch++)
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

        private int Find(int e, int o, double lr) => _specs.FindIndex(s => s.Experiment == e && s.Optimiser == o && s.Lr == lr);

        public void BuildReport(RunResults results, ReportBuilder report)
        {
            int T = _p.LeastSquaresSteps;
            report.AddText("Hidden weight matrices (and conv kernels, flattened to (out, −1)) use Muon or AdaGO; every other parameter uses AdamW at 1e-3; "
                + "the Adam rows use Adam (ManagedAdam, TorchSharp's torch.optim.Adam update with β = (0.9, 0.999), ε = 1e-8) on all parameters. AdaGO: μ = 0.95, γ = 1, v0 = 1, ε = 1e-6, width scaling (spec [PROPOSED] defaults). "
                + "Metrics are geometric means (losses) or means (accuracy) over seeds; data are regenerated per seed from explicit generators.");
            // R1.
            var muonLs = _specs.Where(s => s.Experiment == 0 && s.Optimiser == 1).Select(s => s.Lr).ToArray();
            var curves = new List<Series>();
            int color = 0;
            foreach (double lr in muonLs) curves.Add(Line($"Muon lr = {F(lr)}", _lsHorizons.Select(h => (double)h), _lsHorizons.Select(h => Math.Exp(Mean(results, Find(0, 1, lr), $"logLoss_t{h}"))), color++));
            foreach (double lr in _p.AdaGoRates) curves.Add(Line($"AdaGO η = {F(lr)}", _lsHorizons.Select(h => (double)h), _lsHorizons.Select(h => Math.Exp(Mean(results, Find(0, 2, lr), $"logLoss_t{h}"))), color++));
            double adaBest = _p.AdaGoRates.Select(lr => Mean(results, Find(0, 2, lr), "logRelLoss")).Min();
            double adaDefault = Mean(results, Find(0, 2, _p.AdaGoRates.Contains(0.1) ? 0.1 : _p.AdaGoRates[0]), "logRelLoss");
            var muonFinal = muonLs.Select(lr => Mean(results, Find(0, 1, lr), "logRelLoss")).ToArray();
            bool? a1 = double.IsNaN(adaDefault) || muonFinal.Any(double.IsNaN) ? null : muonFinal.All(m => m - adaDefault >= Math.Log(10));
            var adaFinal = _p.AdaGoRates.Select(lr => Mean(results, Find(0, 2, lr), "logRelLoss")).ToArray();
            bool? a3 = adaFinal.Any(double.IsNaN) ? null : adaFinal.All(v => v < Math.Log(1e-3));
            int from = Math.Min(100, T / 2);
            var hs = _lsHorizons.Where(h => h >= from).Select(h => (double)h).ToList();
            int adaPoint = Find(0, 2, _p.AdaGoRates.Contains(0.1) ? 0.1 : _p.AdaGoRates[0]);
            double a2Slope = LogLogSlope(hs, _lsHorizons.Where(h => h >= from).Select(h => Mean(results, adaPoint, $"logBestNuclear_t{h}")).ToList());
            report.AddFigure(new Figure
            {
                Id = "adago-least-squares", Title = "R1: matrix least squares, full batch", XLabel = "step", YLabel = "f(W_t)/f(W_0)", LogX = true, LogY = true, Series = curves,
                Caption = Claim("A1: AdaGO (η = 0.1) ends ≥ 10× lower than constant-lr Muon at every Muon lr", a1,
                        $"AdaGO {G(Math.Exp(adaDefault))}, Muon {string.Join(", ", muonFinal.Select(m => G(Math.Exp(m))))}") + " "
                    + Claim($"A2: log–log slope of min_s ‖∇f(W_s)‖_* over [{from}, {T}] ≤ −0.4 for AdaGO (η = 0.1)", double.IsNaN(a2Slope) ? null : a2Slope <= -0.4, $"slope {F(a2Slope, "0.00")}") + " "
                    + Claim("A3: AdaGO reaches f < 1e-3·f(W_0) for every η in the grid", a3, string.Join(", ", adaFinal.Select(v => G(Math.Exp(v))))),
            });
            // Step diagnostics of R1: AdaGO's α_t and ‖ΔW_t‖_F, Muon's ‖ΔW_t‖_F (spec §4), against the step number.
            const double gamma = 1.0, v0 = 1.0, widthScale = 1.4142135623730951; // AdaGO defaults γ = v0 = 1; s = sqrt(32/16) for W ∈ ℝ^{32×16}
            double etaRef = _p.AdaGoRates.Contains(0.1) ? 0.1 : _p.AdaGoRates[0];
            int refPoint = Find(0, 2, etaRef);
            var ks = _stepHorizons.Select(h => (double)h).ToArray();
            double[] Curve(int point, string metric) => ks.Select(k => Math.Exp(Mean(results, point, $"{metric}_s{k}"))).ToArray();
            var stepCurves = new List<Series>();
            int sc = 0;
            foreach (double lr in _p.AdaGoRates) stepCurves.Add(Line($"AdaGO α_t, η = {F(lr)}", ks, Curve(Find(0, 2, lr), "logAlpha"), sc++));
            stepCurves.Add(Line($"AdaGO ‖ΔW_t‖_F, η = {F(etaRef)}", ks, Curve(refPoint, "logDw"), sc++, SeriesStyle.Markers));
            foreach (double lr in muonLs) stepCurves.Add(Line($"Muon ‖ΔW_t‖_F, lr = {F(lr)}", ks, Curve(Find(0, 1, lr), "logDw"), sc++));
            stepCurves.Add(new Series
            {
                Label = $"η·γ/sqrt(v0² + tγ²), η = {F(etaRef)} (clamped-phase prediction)", X = ks,
                Y = ks.Select(k => etaRef * gamma / Math.Sqrt(v0 * v0 + k * gamma * gamma)).ToArray(), Style = SeriesStyle.DashedLine, ColorIndex = sc++,
            });
            // D1: over the recorded steps with ‖G_t‖_F ≥ γ (geometric mean over seeds), the log–log slope of α_t against v0²/γ² + t
            // (i.e. against t with AdaGrad-Norm's offset, ≈ t for t ≫ v0²/γ²) must be −1/2: α_t = η·γ/sqrt(v0² + tγ²).
            var gradNorms = Curve(refPoint, "logGradNorm");
            var alphas = Curve(refPoint, "logAlpha");
            var clampedIdx = Enumerable.Range(0, ks.Length).Where(i => gradNorms[i] >= gamma).ToList();
            int lastClamped = clampedIdx.Count > 0 ? (int)ks[clampedIdx[^1]] : 0;
            double d1Slope = clampedIdx.Count >= 2
                ? LogLogSlope(clampedIdx.Select(i => v0 * v0 / (gamma * gamma) + ks[i]).ToList(), clampedIdx.Select(i => Math.Log(alphas[i])).ToList()) : double.NaN;
            var afterIdx = Enumerable.Range(0, ks.Length).Where(i => ks[i] > lastClamped && alphas[i] > 1.000001e-6).ToList();
            double afterSlope = afterIdx.Count >= 2 ? LogLogSlope(afterIdx.Select(i => ks[i]).ToList(), afterIdx.Select(i => Math.Log(alphas[i])).ToList()) : double.NaN;
            int floorAt = Enumerable.Range(0, ks.Length).Where(i => alphas[i] <= 1.000001e-6).Select(i => (int)ks[i]).DefaultIfEmpty(0).First();
            string after = $"after the clamp ends (‖G_t‖_F < γ from t ≈ {lastClamped}–{(int)ks[Math.Min(ks.Length - 1, clampedIdx.Count)]}) α_t ∝ ‖G_t‖_F/v_t falls faster, "
                + $"slope vs t {F(afterSlope, "0.00")}" + (floorAt > 0 ? $", and sits on the floor ε = 1e-6 from t = {floorAt} on" : "");
            string d1Text = clampedIdx.Count >= 2
                ? Claim($"D1: while ‖G_t‖_F ≥ γ, AdaGO's α_t shrinks like η/√t (log–log slope of α_t vs v0²/γ² + t over the clamped steps t ≤ {lastClamped} within −0.5 ± 0.05; η = {F(etaRef)})",
                    Math.Abs(d1Slope + 0.5) <= 0.05, $"slope {F(d1Slope, "0.000")} over {clampedIdx.Count} recorded steps; {after}")
                : $"D1 (α_t ∝ η/√t while ‖G_t‖_F ≥ γ) could not be fitted: ‖G_t‖_F ≥ γ held at fewer than 2 recorded steps; {after}.";
            // D2: Muon's step has a fixed spectral size ≈ lr·s at every step: ‖ΔW_t‖₂/(lr·s) ∈ [0.68, 1.21] (NS5's output singular-value range).
            var ratios = muonLs.SelectMany(lr => Curve(Find(0, 1, lr), "logDwSpectral").Select(v => v / (lr * widthScale))).ToArray();
            var froRatios = muonLs.SelectMany(lr => Curve(Find(0, 1, lr), "logDw").Select(v => v / (lr * widthScale * 4))).ToArray(); // sqrt(rank) = 4
            bool? d2 = ratios.Length == 0 || ratios.Any(double.IsNaN) ? null : ratios.All(r => r >= 0.68 && r <= 1.21);
            report.AddFigure(new Figure
            {
                Id = "adago-step-size", Title = "R1 step sizes: AdaGO α_t and ‖ΔW_t‖_F vs Muon ‖ΔW_t‖_F (geometric mean over seeds)", XLabel = "step t",
                YLabel = "α_t (AdaGO) or ‖ΔW_t‖_F", LogX = true, LogY = true, Series = stepCurves,
                Caption = "Spec §1.4/§2 trend: AdaGO's α_t = max(ε, η·min(‖G_t‖_F, γ)/v_t) shrinks like η/√t while ‖G_t‖_F ≥ γ and faster once the gradient is below γ, "
                    + "so AdaGO can settle; constant-lr Muon's step keeps a fixed spectral size ≈ lr·s (s = sqrt(max(1, m/n))) whatever the gradient, so it cannot. "
                    + d1Text + " "
                    + Claim("D2: Muon's step has fixed spectral size: ‖ΔW_t‖₂/(lr·s) ∈ [0.68, 1.21] at every recorded step and lr", d2,
                        $"range [{F(ratios.DefaultIfEmpty(double.NaN).Min(), "0.000")}, {F(ratios.DefaultIfEmpty(double.NaN).Max(), "0.000")}]; ‖ΔW_t‖_F/(lr·s·sqrt(rank)) in "
                        + $"[{F(froRatios.DefaultIfEmpty(double.NaN).Min(), "0.000")}, {F(froRatios.DefaultIfEmpty(double.NaN).Max(), "0.000")}]"),
            });
            // R2.
            var sens = new List<Series>();
            var rows = new List<IReadOnlyList<string>>();
            double[][] mses = new double[3][];
            double[][] grids = [_p.AdamRates, _p.MuonRates, _p.AdaGoRates];
            for (int o = 0; o < 3; o++)
            {
                mses[o] = grids[o].Select(lr => Math.Exp(Mean(results, Find(1, o, lr), "logTestMse"))).ToArray();
                sens.Add(Line(Optimisers[o], grids[o].Select((_, i) => (double)i + 1), mses[o], o));
                rows.Add([Optimisers[o], string.Join(", ", grids[o].Select(lr => G(lr))), string.Join(", ", mses[o].Select(G)), G(mses[o].Min()), F(mses[o].Max() / mses[o].Min(), "0.00")]);
            }
            bool? b1 = mses.Any(m => m.Any(double.IsNaN)) ? null : mses[2].Min() <= 1.1 * mses[1].Min() && mses[2].Min() <= 1.1 * mses[0].Min();
            double sA = mses[2].Max() / mses[2].Min(), sM = mses[1].Max() / mses[1].Min();
            bool? b2 = double.IsNaN(sA + sM) ? null : sA < sM;
            report.AddFigure(new Figure
            {
                Id = "adago-regression", Title = $"R2: function regression, test MSE after {_p.RegressionSteps} steps vs position in each optimiser's grid", XLabel = "grid index (increasing step size)",
                YLabel = "test MSE", LogY = true, Series = sens,
                Caption = Claim("B1 (soft): best-tuned AdaGO test MSE ≤ 1.1 × best Muon and ≤ 1.1 × best Adam", b1, $"AdaGO {G(mses[2].Min())}, Muon {G(mses[1].Min())}, Adam {G(mses[0].Min())}") + " "
                    + Claim("B2: AdaGO's max/min test MSE over its η grid is smaller than Muon's over its lr grid", b2, $"AdaGO {F(sA, "0.00")}, Muon {F(sM, "0.00")}"),
            });
            report.AddTable(new Table { Id = "adago-regression-table", Title = "R2 learning-rate sweep", Columns = ["optimiser", "grid", "test MSE per step size", "best", "max/min"], Rows = rows });
            // R3.
            var acc = new[] { Mean(results, Find(2, 0, 1e-3), "testAccuracy"), Mean(results, Find(2, 1, 0.02), "testAccuracy"), Mean(results, Find(2, 2, 0.1), "testAccuracy") };
            bool? c1 = acc.Any(double.IsNaN) ? null : acc[2] >= acc[1] - 0.01 && acc[2] >= acc[0] - 0.01;
            report.AddFigure(new Figure
            {
                Id = "adago-classification", Title = $"R3: CNN on generated 8×8 patterns, test accuracy after {_p.ClassificationEpochs} epochs", XLabel = "optimiser (1 = Adam 1e-3, 2 = Muon 0.02, 3 = AdaGO 0.1)",
                YLabel = "test accuracy", Series = [Line("mean over seeds", [1.0, 2, 3], acc, 0, SeriesStyle.Markers)],
                Caption = Claim("C1 (soft): AdaGO accuracy ≥ Muon − 1 pt and ≥ Adam − 1 pt (mean of seeds; the spec asks for the median)", c1,
                    $"Adam {F(acc[0], "0.000")}, Muon {F(acc[1], "0.000")}, AdaGO {F(acc[2], "0.000")}"),
            });
        }
    }
}
