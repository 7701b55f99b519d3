using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>The run of <c>optim-sam</c>: points = (experiment, optimiser); trials = seeds.</summary>
internal sealed class SamRun(SamParameters p, ScenarioConfig config) : ScenarioRun<SamParameters>(p, config)
{
    /// <summary>The optimisers of the small-net runs, in sweep order.</summary>
    internal static readonly string[] NetMethods = ["sgd", "sam", "rbo-0.05", "rbo-0.2"];

    /// <summary>Axis labels of <see cref="NetMethods"/>.</summary>
    internal static readonly string[] NetMethodLabels = ["SGD", "SAM ρ 0.05", "RBO ρ 0.05", "RBO ρ 0.2"];

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        sweep.Add("quadratic/sam", ("experiment", "quadratic"), ("method", "sam"));
        foreach (var m in NetMethods) sweep.Add($"net/{m}", ("experiment", "net"), ("method", m));
    }

    /// <inheritdoc/>
    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        for (int trial = 0; trial < context.Trials; trial++)
        {
            ulong seed = PhyToolkit.Core.Random.SeedMixer.Mix(context.Seed, (ulong)trial);
            using var gen = TorchScenarioKit.Init(seed);
            using var scope = torch.NewDisposeScope();
            if (Plan.Points[context.PointIndex].Is("experiment", "quadratic")) Quadratic(gen, sink);
            // Common random numbers: the data and initial weights depend on (master seed, block, trial) only, so the
            // optimisers are compared on the same problems.
            else Net(Array.IndexOf(NetMethods, Plan.Points[context.PointIndex].Category("method")), PhyToolkit.Core.Random.SeedMixer.Mix(SeedMixer.Mix(MasterSeed, 0x5A3UL), (ulong)context.BlockIndex, (ulong)trial, 0), sink);
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
        using var baseOpt = new Sgd([w], eta);   // not torch.optim.SGD: see Sgd
        using var sam = new Sam(baseOpt, rho);
        sam.step(closure);
        // Expected: w1 = w0 − η·A(w0 + ρ·Aw0/‖Aw0‖) (docs/optim-sam.md unit test 1).
        var aw = a * w0;
        var expected = w0 - a.mul(sEta).mul(w0.add(aw.mul(sRho).div(aw.norm()), one));
        double err = ((w.detach() - expected).abs().max() / expected.abs().max()).item<double>();
        sink.Add("log10UpdateError", Math.Log10(Math.Max(err, 1e-300)));
        // ρ = 0 reproduces plain SGD bit for bit (unit test 2).
        var u = new Parameter(w0.clone(), requires_grad: true);
        var v = new Parameter(w0.clone(), requires_grad: true);
        using var sgdU = new Sgd([u], eta);
        using var sgdV = new Sgd([v], eta);
        using var sam0 = new Sam(sgdV, 0);
        for (int t = 0; t < 20; t++)
        {
            sgdU.zero_grad(); a.mul(u.mul(u)).sum().mul(half).backward(); sgdU.step();
            sam0.step(() => { var l = a.mul(v.mul(v)).sum().mul(half); l.backward(); return l; });
        }
        sink.Add("rhoZeroMaxDifference", (u.detach() - v.detach()).abs().max().item<double>());
        for (int t = 1; t < P.QuadraticSteps; t++) sam.step(closure);
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
        using var sgd = new Sgd(parameters, 0.1);   // not torch.optim.SGD: see Sgd
        optim.Optimizer opt = method switch
        {
            0 => sgd,
            1 => new Sam(sgd, 0.05),
            2 => new RollingBall(parameters, lr: 0.1, radius: 0.05, projectionStep: 0.01, projectionSteps: 10),
            _ => new RollingBall(parameters, lr: 0.1, radius: 0.2, projectionStep: 0.01, projectionSteps: 10),
        };
        int costPerStep = method switch { 0 => 1, 1 => 2, _ => 11 };
        int steps = P.GradientEvaluations / costPerStep;
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

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => SamReport.Build(P, results, report);
}
