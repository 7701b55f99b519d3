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

/// <summary>Parameters of <c>optim-sam</c>.</summary>
public sealed record SamScenarioParameters
{
    /// <summary>Gradient-evaluation budget of the small-net runs, in [100, 10^6] (equal for every optimiser).</summary>
    public int GradientEvaluations { get; init; } = 4000;

    /// <summary>Steps of the quadratic runs, in [10, 10^6].</summary>
    public int QuadraticSteps { get; init; } = 300;
}

/// <summary>
/// Sharpness-aware and flatness-seeking optimisers (SAM, arXiv:2010.01412 as used by SAMOSA, docs/optim-sam.md; Rolling Ball,
/// docs/optim-rolling-ball.md): the SAM update on a quadratic (applied gradient A(w + ρAw/‖Aw‖), ρ = 0 equals the base
/// optimiser) and SGD vs SAM vs RBO on a small MLP with 20 % noisy training labels at an equal gradient-evaluation budget.
/// Points = (experiment, optimiser); trials = seeds.
/// </summary>
public sealed class SamScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "optim-sam";

    /// <inheritdoc/>
    public string Summary => "SAM on a quadratic (update check) and SGD vs SAM vs Rolling Ball on a small net with noisy labels";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        Run = Seeds(3),
        Parameters = ConfigBinder.ToJsonObject(new SamScenarioParameters { GradientEvaluations = quick ? 2000 : 6000 }),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<SamScenarioParameters>(config.Parameters, "parameters");
        Check.InRange(p.GradientEvaluations, 100, 1_000_000, "parameters.gradientEvaluations");
        Check.InRange(p.QuadraticSteps, 10, 1_000_000, "parameters.quadraticSteps");
        return new Run(p, config);
    }

    internal static readonly string[] NetMethods = ["sgd", "sam", "rbo-0.05", "rbo-0.2"];

    private sealed class Run : IScenarioRun
    {
        private readonly SamScenarioParameters _p;
        private readonly ulong _master;

        public Run(SamScenarioParameters p, ScenarioConfig config)
        {
            _p = p;
            _master = config.Seed;
            var pts = new List<SweepPoint>();
            Point(pts, "quadratic/sam", ("experiment", 0), ("method", 1));
            for (int m = 0; m < NetMethods.Length; m++) Point(pts, $"net/{NetMethods[m]}", ("experiment", 1), ("method", m));
            Plan = new SweepPlan { Points = pts, TrialsPerBlock = config.Run.TrialsPerBlock, Stop = ScenarioConfigResolver.ToStoppingRule(config.Run) };
        }

        public SweepPlan Plan { get; }

        public object? CreateWorkspace() => null;

        public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
        {
            for (int trial = 0; trial < context.Trials; trial++)
            {
                ulong seed = PhyToolkit.Core.Random.SeedMixer.Mix(context.Seed, (ulong)trial);
                using var gen = TorchScenarioKit.Init(seed);
                using var scope = torch.NewDisposeScope();
                if (context.PointIndex == 0) Quadratic(gen, sink);
                // Common random numbers: the data and initial weights depend on (master seed, block, trial) only, so the
                // optimisers are compared on the same problems.
                else Net(context.PointIndex - 1, PhyToolkit.Core.Random.SeedMixer.Mix(SeedMixer.Mix(_master, 0x5A3UL), (ulong)context.BlockIndex, (ulong)trial, 0), sink);
            }
        }

        private void Quadratic(Generator gen, MetricSink sink)
        {
            // L(w) = ½wᵀAw, A = diag(logspace(0, 2, 10)), w0 ~ N(0, I); SAM(ρ = 0.05) around SGD(η = 0.005).
            const double rho = 0.05, eta = 0.005;
            var a = torch.logspace(0, 2, 10, dtype: ScalarType.Float64);
            var w0 = torch.randn(new long[] { 10 }, dtype: ScalarType.Float64, generator: gen);
            var w = new Parameter(w0.clone(), requires_grad: true);
            // Scalars held explicitly, x·x instead of square(): see TorchScenarioKit.Scaled.
            using Scalar half = 0.5, sRho = rho, sEta = eta, one = 1;
            Func<Tensor> closure = () => { var l = a.mul(w.mul(w)).sum().mul(half); l.backward(); return l; };
            using var baseOpt = new ScenarioSgd([w], eta);   // not torch.optim.SGD: see ScenarioSgd
            using var sam = new Sam(baseOpt, rho);
            sam.step(closure);
            // Expected: w1 = w0 − η·A(w0 + ρ·Aw0/‖Aw0‖) (docs/optim-sam.md, update check).
            var aw = a * w0;
            var expected = w0 - a.mul(sEta).mul(w0.add(aw.mul(sRho).div(aw.norm()), one));
            double err = ((w.detach() - expected).abs().max() / expected.abs().max()).item<double>();
            sink.Add("log10UpdateError", Math.Log10(Math.Max(err, 1e-300)));
            // ρ = 0 reproduces plain SGD bit for bit (unit test 2).
            var u = new Parameter(w0.clone(), requires_grad: true);
            var v = new Parameter(w0.clone(), requires_grad: true);
            using var sgdU = new ScenarioSgd([u], eta);
            using var sgdV = new ScenarioSgd([v], eta);
            using var sam0 = new Sam(sgdV, 0);
            for (int t = 0; t < 20; t++)
            {
                sgdU.zero_grad(); a.mul(u.mul(u)).sum().mul(half).backward(); sgdU.step();
                sam0.step(() => { var l = a.mul(v.mul(v)).sum().mul(half); l.backward(); return l; });
            }
            sink.Add("rhoZeroMaxDifference", (u.detach() - v.detach()).abs().max().item<double>());
            for (int t = 1; t < _p.QuadraticSteps; t++) sam.step(closure);
            using var ng = torch.no_grad();
            sink.Add("finalNorm", w.detach().norm().item<double>());
        }

        private void Net(int method, ulong dataSeed, MetricSink sink)
        {
            using var gen = new Generator(dataSeed);
            // 4 Gaussian classes in ℝ⁸ (means N(0, I), unit noise), 2000 train with 20 % labels flipped uniformly to another class, 2000 clean test.
            const int classes = 4, d = 8, n = 2000;
            var means = torch.randn(new long[] { classes, d }, generator: gen);
            (Tensor X, Tensor Y) Data(bool noisy)
            {
                using Scalar one = 1, flipProbability = 0.2, sClasses = classes;   // held explicitly: see TorchScenarioKit.Scaled
                var y = torch.randint(0, classes, new long[] { n }, generator: gen);
                var x = means.index_select(0, y).add(torch.randn(new long[] { n, d }, generator: gen), one);
                if (noisy)
                {
                    var flip = torch.rand(new long[] { n }, generator: gen).lt(flipProbability);
                    var shift = torch.randint(1, classes, new long[] { n }, generator: gen);
                    y = torch.where(flip, y.add(shift, one).remainder(sClasses), y);
                }
                return (x, y);
            }
            var (xTr, yTr) = Data(true);
            var (xTe, yTe) = Data(false);
            var model = nn.Sequential(("fc1", nn.Linear(d, 64)), ("r1", nn.ReLU()), ("fc2", nn.Linear(64, 64)), ("r2", nn.ReLU()), ("fc3", nn.Linear(64, classes)));
            TorchScenarioKit.Initialize(model, gen);
            var lossFn = nn.CrossEntropyLoss();
            var parameters = model.parameters().ToList();
            using var sgd = new ScenarioSgd(parameters, 0.1);   // not torch.optim.SGD: see ScenarioSgd
            optim.Optimizer opt = method switch
            {
                0 => sgd,
                1 => new Sam(sgd, 0.05),
                2 => new RollingBall(parameters, lr: 0.1, radius: 0.05, projectionStep: 0.01, projectionSteps: 10),
                _ => new RollingBall(parameters, lr: 0.1, radius: 0.2, projectionStep: 0.01, projectionSteps: 10),
            };
            int costPerStep = method switch { 0 => 1, 1 => 2, _ => 11 };
            int steps = _p.GradientEvaluations / costPerStep;
            double bestTest = 0;
            int evalEvery = Math.Max(1, steps / 20);
            double Accuracy(Tensor x, Tensor y)
            {
                using var ng = torch.no_grad();
                using var s = torch.NewDisposeScope();
                return TorchScenarioKit.Value(model.forward(x).argmax(1).eq(y).to_type(ScalarType.Float64).mean());
            }
            for (int t = 0; t < steps; t++)
            {
                using var s = torch.NewDisposeScope();
                var idx = torch.randint(0, n, new long[] { 64 }, generator: gen);
                var xb = xTr.index_select(0, idx); var yb = yTr.index_select(0, idx);
                Func<Tensor> closure = () => { opt.zero_grad(); var l = lossFn.forward(model.forward(xb), yb); l.backward(); return l; };
                if (method == 0) { closure(); opt.step(); }
                else opt.step(closure);
                if ((t + 1) % evalEvery == 0 || t == steps - 1) bestTest = Math.Max(bestTest, Accuracy(xTe, yTe));
            }
            double train = Accuracy(xTr, yTr), test = Accuracy(xTe, yTe);
            sink.Add("bestTestAccuracy", bestTest);
            sink.Add("finalTestAccuracy", test);
            sink.Add("trainTestGap", train - test);
            if (!ReferenceEquals(opt, sgd)) opt.Dispose();
        }

        public void BuildReport(RunResults results, ReportBuilder report)
        {
            var upd = results.Points[0].Get("log10UpdateError");
            var zero = results.Points[0].Get("rhoZeroMaxDifference");
            bool? u1 = upd is null ? null : upd.CiHigh <= -10 || upd.Mean <= -10;
            bool? u2 = zero is null ? null : zero.Mean == 0;
            report.AddText(Claim("SAM's first step on L(w) = ½wᵀAw applies the gradient A(w + ρAw/‖Aw‖) to 1e-10 relative (docs/optim-sam.md)", u1,
                    $"mean log10 relative error {F(upd?.Mean ?? double.NaN, "0.0")}") + " "
                + Claim("SAM with ρ = 0 equals its base SGD bit for bit over 20 steps (unit test 2)", u2, $"max |difference| {G(zero?.Mean ?? double.NaN)}")
                + $" After {_p.QuadraticSteps} SAM steps (η = 0.005, ρ = 0.05) ‖w‖ = {G(results.Points[0].Get("finalNorm")?.Mean ?? double.NaN)}: SAM does not converge to the minimiser of a quadratic but circles it at a radius set by ρ.");
            double M(int m, string metric) => Mean(results, m + 1, metric);
            var best = NetMethods.Select((_, m) => M(m, "bestTestAccuracy")).ToArray();
            var gap = NetMethods.Select((_, m) => M(m, "trainTestGap")).ToArray();
            bool? n1 = best.Any(double.IsNaN) || gap.Any(double.IsNaN) ? null
                : Enumerable.Range(2, 2).All(m => best[m] >= best[0] - 0.005 && gap[m] <= gap[0]);
            bool? samSoft = double.IsNaN(best[1] + best[0] + gap[0] + gap[1]) ? null : best[1] >= best[0] - 0.005 && gap[1] <= gap[0];
            var x = NetMethods.Select((_, i) => (double)i + 1).ToArray();
            report.AddFigure(new Figure
            {
                Id = "sam-net", Title = $"MLP 8→64→64→4 with 20 % noisy training labels, {_p.GradientEvaluations} gradient evaluations each",
                XLabel = "optimiser (1 = SGD, 2 = SAM ρ 0.05, 3 = RBO ρ 0.05, 4 = RBO ρ 0.2)", YLabel = "accuracy / gap",
                Series = [Line("best test accuracy", x, best, 0, SeriesStyle.Markers), Line("final train − test accuracy", x, gap, 1, SeriesStyle.Markers)],
                Caption = Claim("N1 (soft, docs/optim-rolling-ball.md): both RBO runs reach best test accuracy ≥ SGD − 0.5 pt with a train–test gap ≤ SGD's", n1,
                        string.Join("; ", NetMethods.Select((m, i) => $"{m}: best {F(best[i], "0.000")}, gap {F(gap[i], "0.000")}"))) + " "
                    + Claim("SAM (soft): best test accuracy ≥ SGD − 0.5 pt with a gap ≤ SGD's", samSoft, $"SAM {F(best[1], "0.000")}/{F(gap[1], "0.000")} vs SGD {F(best[0], "0.000")}/{F(gap[0], "0.000")}")
                    + " Equal gradient evaluations: SGD 1, SAM 2, RBO K + 1 = 11 per step; SGD η = 0.1 for all.",
            });
        }
    }
}
