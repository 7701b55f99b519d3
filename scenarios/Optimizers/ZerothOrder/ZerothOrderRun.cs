using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Optimizers;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The run of <c>optim-zeroth-order</c>: points = (experiment, dimension or problem, sampler, learning rate); trials = seeds.
/// </summary>
internal sealed class ZerothOrderRun(ZerothOrderParameters p, ScenarioConfig config) : ScenarioRun<ZerothOrderParameters>(p, config)
{
    internal static readonly string[] Experiments = ["moments", "zo-sgd", "scaling"];
    internal static readonly string[] Samplers = ["gaussian", "sphere", "rademacher", "dap-oracle", "dap-ema"];
    internal static readonly string[] Problems = ["quadratic", "product", "logistic"];

    /// <summary>The samplers compared in ZO-SGD (indices into <see cref="Samplers"/>).</summary>
    internal static readonly int[] SgdSamplers = [0, 1, 3, 4];

    /// <summary>Dimension of each ZO-SGD problem (spec §4 R2: quadratic d = 100, logistic d = 50; product d = 50, our choice).</summary>
    internal static int ProblemDimension(int problem) => problem == 0 ? 100 : 50;

    /// <summary>Samples of the logistic-regression problem (our choice; d = 50 as in the spec).</summary>
    internal const int LogisticSamples = 200;

    internal sealed record Spec(int Experiment, int Dimension, int Sampler, int Problem, double Lr);

    /// <summary>The run of a sweep point.</summary>
    internal static Spec SpecOf(SweepPoint point)
    {
        int experiment = Array.IndexOf(Experiments, point.Category("experiment"));
        return new Spec(experiment, (int)point.Number("dimension"), Array.IndexOf(Samplers, point.Category("sampler")),
            experiment == 1 ? Array.IndexOf(Problems, point.Category("problem")) : experiment == 2 ? 0 : -1, point.Has("lr") ? point.Number("lr") : 0);
    }

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (int d in P.MomentDimensions)
            for (int s = 0; s < 4; s++)
                sweep.Add($"moments/d={d}/{Samplers[s]}", ("experiment", Experiments[0]), ("dimension", d), ("sampler", Samplers[s]));
        for (int pr = 0; pr < Problems.Length; pr++)
            foreach (int s in SgdSamplers)
                foreach (double lr in P.LearningRates)
                    sweep.Add($"zo-sgd/{Problems[pr]}/{Samplers[s]}/lr={lr}", ("experiment", Experiments[1]), ("problem", Problems[pr]), ("sampler", Samplers[s]), ("lr", lr), ("dimension", ProblemDimension(pr)));
        foreach (int d in P.ScalingDimensions)
            sweep.Add($"scaling/d={d}", ("experiment", Experiments[2]), ("dimension", d), ("sampler", Samplers[1]));
    }

    private static IPerturbationSampler Make(int s, int d) => s switch
    {
        0 => new GaussianPerturbation(d),
        1 => new SpherePerturbation(d),
        2 => new RademacherPerturbation(d),
        _ => new DirectionallyAlignedPerturbation(d),
    };

    /// <summary>Diagonal quadratic ½Σ a_i x_i² with a = logspace(lo, hi, d).</summary>
    private static double[] Diagonal(int d, double lo, double hi)
    {
        var a = new double[d];
        for (int i = 0; i < d; i++) a[i] = Math.Pow(10, lo + (hi - lo) * i / (d - 1.0));
        return a;
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var spec = SpecOf(Plan.Points[context.PointIndex]);
        for (int trial = 0; trial < context.Trials; trial++)
        {
            var rng = new Xoshiro256StarStar(SeedMixer.Mix(context.Seed, (ulong)trial));
            switch (spec.Experiment)
            {
                case 0: Moments(spec, ref rng, sink); break;
                case 1: Sgd(spec, ref rng, sink); break;
                default: Scaling(spec, ref rng, sink); break;
            }
        }
    }

    private void Moments(Spec spec, ref Xoshiro256StarStar rng, MetricSink sink)
    {
        int d = spec.Dimension;
        var a = Diagonal(d, 0, 3);
        var x = new double[d];
        for (int i = 0; i < d; i++) x[i] = rng.NextGaussian();
        var grad = new double[d];
        double gn2 = 0;
        for (int i = 0; i < d; i++) { grad[i] = a[i] * x[i]; gn2 += grad[i] * grad[i]; }
        double gn = Math.Sqrt(gn2);
        var sampler = Make(spec.Sampler, d);
        if (sampler is DirectionallyAlignedPerturbation dap) dap.SetDirection(grad);
        ObjectiveFunction f = v => { double s = 0; for (int i = 0; i < v.Length; i++) s += 0.5 * a[i] * v[i] * v[i]; return s; };
        var g = new double[d];
        var work = new double[2 * d];
        double m2 = 0, along = 0, along2 = 0, cos = 0;
        int n = P.DrawsPerTrial;
        for (int k = 0; k < n; k++)
        {
            TwoPointEstimator.Estimate(f, x, 1e-4, sampler, ref rng, 1, true, g, work);
            double gg = 0, gdot = 0;
            for (int i = 0; i < d; i++) { gg += g[i] * g[i]; gdot += g[i] * grad[i]; }
            double al = gdot / gn;
            m2 += gg / gn2; along += al; along2 += al * al; cos += gdot / (Math.Sqrt(gg) * gn);
        }
        sink.Add("secondMoment", m2 / n);
        double mean = along / n;
        sink.Add("alongVariance", Math.Max(0, along2 / n - mean * mean) / gn2);
        sink.Add("cosine", cos / n);
    }

    /// <summary>
    /// Product-type function Σ c_i x_i² + 0.1·Π_{i≤5}(1 + x_i²) with c = logspace(−2, 0, d). The spec's stand-in has c_i = 1;
    /// with it ZO-SGD reaches round-off (gap ~1e-18 below f* = 0.1) within 2000 steps, so the weights are our choice.
    /// </summary>
    private static double Product(ReadOnlySpan<double> v)
    {
        double s = 0, p = 1;
        for (int i = 0; i < v.Length; i++) { s += ProductWeight(i, v.Length) * v[i] * v[i]; if (i < 5) p *= 1 + v[i] * v[i]; }
        return s + 0.1 * p;
    }

    private static double ProductWeight(int i, int d) => Math.Pow(10, -2 + 2.0 * i / (d - 1));

    private void Sgd(Spec spec, ref Xoshiro256StarStar rng, MetricSink sink)
    {
        int d = spec.Dimension;
        // Quadratic: d = 100, a = logspace(−3, 0) (condition 10³, L = 1 so the spec's learning rates are stable); product: d = 50.
        var a = Diagonal(d, -3, 0);
        // Logistic: fresh data per seed, drawn before x0 from the same stream.
        var logistic = spec.Problem == 2 ? new ZerothOrderLogisticProblem(LogisticSamples, d, ref rng) : null;
        ObjectiveFunction f = spec.Problem switch
        {
            0 => v => { double s = 0; for (int i = 0; i < v.Length; i++) s += 0.5 * a[i] * v[i] * v[i]; return s; },
            1 => Product,
            _ => v => logistic!.Value(v),
        };
        double fStar = spec.Problem switch { 0 => 0, 1 => 0.1, _ => logistic!.OptimalValue };
        var x0 = new double[d];
        for (int i = 0; i < d; i++) x0[i] = rng.NextGaussian();
        var sampler = Make(spec.Sampler, d);
        var dap = spec.Sampler == 3 ? (DirectionallyAlignedPerturbation)sampler : null;
        var opt = new ZerothOrderSgd(x0, sampler, rng.NextUInt64(), spec.Lr, 1e-4);
        double f0 = f(x0) - fStar;
        var grad = new double[d];
        double rel = double.NaN;
        try
        {
            for (int t = 0; t < P.Iterations; t++)
            {
                if (dap != null)
                {
                    // Oracle direction: the exact gradient at the current point.
                    var x = opt.Position;
                    if (logistic != null) logistic.Gradient(x, grad);
                    else
                        for (int i = 0; i < d; i++)
                            grad[i] = spec.Problem == 0 ? a[i] * x[i] : ProductGradient(x, i);
                    dap.SetDirection(grad);
                }
                opt.Step(f);
            }
            rel = (f(opt.Position) - fStar) / f0;
        }
        catch (ArithmeticException)
        {
            rel = double.PositiveInfinity;
        }
        // Diverged runs are recorded at 10⁶ × the initial gap so that the metric stays finite.
        sink.Add("logRelGap", Math.Log(double.IsFinite(rel) ? Math.Min(Math.Max(rel, 1e-300), 1e6) : 1e6));
    }

    private static double ProductGradient(ReadOnlySpan<double> x, int i)
    {
        double g = 2 * ProductWeight(i, x.Length) * x[i];
        if (i < 5)
        {
            double p = 1;
            for (int j = 0; j < 5 && j < x.Length; j++) if (j != i) p *= 1 + x[j] * x[j];
            g += 0.1 * p * 2 * x[i];
        }
        return g;
    }

    private void Scaling(Spec spec, ref Xoshiro256StarStar rng, MetricSink sink)
    {
        int d = spec.Dimension;
        var a = Diagonal(d, -1, 0); // condition 10, L = 1
        ObjectiveFunction f = v => { double s = 0; for (int i = 0; i < v.Length; i++) s += 0.5 * a[i] * v[i] * v[i]; return s; };
        var x0 = new double[d];
        for (int i = 0; i < d; i++) x0[i] = rng.NextGaussian();
        // Step 1/(d + 2) (L = 1): the largest step whose expected descent E f(x − ηg) − f ≤ −η‖∇f‖²(1 − ηLd/2) stays ≥ half of GD's (derived).
        var opt = new ZerothOrderSgd(x0, new SpherePerturbation(d), rng.NextUInt64(), 1.0 / (d + 2), 1e-4);
        double f0 = f(x0);
        int it = 0;
        while (f(opt.Position) > 1e-3 * f0 && it < 10_000_000) { opt.Step(f); it++; }
        sink.Add("iterationsTo1e-3", it);
    }

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => ZerothOrderReport.Build(P, results, report);
}
