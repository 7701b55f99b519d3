using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Optimizers;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The run of <c>optim-rolling-ball</c>: points = (landscape, radius, start, projection); GD is radius 0. Deterministic closed-form
/// landscapes, one trial per point.
/// </summary>
internal sealed class RollingBallRun(RollingBallParameters p, ScenarioConfig config) : ScenarioRun<RollingBallParameters>(p, config)
{
    /// <summary>One run; Converged = the diagnostic RBO with a small, stable projection step and many projection iterations.</summary>
    internal sealed record Spec(int Landscape, double Radius, double Start, bool Converged = false)
    {
        /// <summary>The run of a sweep point.</summary>
        public static Spec Of(SweepPoint point) =>
            new(point.Is("landscape", "1d") ? 1 : 2, point.Number("radius"), point.Number("start"), point.Is("projection", "converged"));
    }

    /// <summary>The 1-D methods: 0 (GD) then the radii.</summary>
    internal double[] Methods => [0, .. P.Radii];

    /// <summary>
    /// Diagnostic projection settings (our choice, not the spec's): the projection iteration is gradient descent on
    /// φ(x) = ½‖x − c′_x‖² + ½(L(x) − c′_y)², stable when s·(1 + ‖∇L‖² + |L″|·ρ) &lt; 2. 1-D: ‖∇L‖² ≤ 100, |L″| ≤ Σk² = 385, ρ ≤ 0.1
    /// → s &lt; 0.014, so s = 0.005 with K = 1000 ((1 − s)^K ≈ 0.007). 2-D: ‖∇L‖² ≲ 8, |L″| ≤ A/s_w² = 80, ρ = 2 → s &lt; 0.012, so
    /// s = 0.002 with K = 2000 ((1 − s)^K ≈ 0.02). The spec's settings (1-D s = 0.05, K = 20; 2-D s = 0.02, K = 30) violate the bound.
    /// </summary>
    internal static (double S, int K) ProjectionSettings(Spec spec) => (spec.Landscape, spec.Converged) switch
    {
        (1, false) => (0.05, 20),
        (1, true) => (0.005, 1000),
        (_, false) => (0.02, 30),
        _ => (0.002, 2000),
    };

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (double rho in Methods)
        {
            // The showcase start θ0 = 2.0 first, then the diversity grid.
            var starts = new List<double> { 2.0 };
            for (int i = 0; i < P.Starts; i++) starts.Add(2.1 * i / (P.Starts - 1));
            for (int i = 0; i < starts.Count; i++)
                sweep.Add($"1d/{MethodName(rho)}/θ0={starts[i]:0.###}", ("landscape", "1d"), ("radius", rho), ("start", starts[i]), ("role", i == 0 ? "showcase" : "grid"), ("projection", "spec"));
        }
        foreach (double rho in new[] { 0.0, 2.0 })
            foreach (double y0 in new[] { 0.0, 0.1 })
                sweep.Add($"2d/{MethodName(rho)}/y0={y0}", ("landscape", "2d"), ("radius", rho), ("start", y0), ("role", "grid"), ("projection", "spec"));
        // Investigation (not a claim's setting): the same showcase runs with a converged foot-point projection.
        foreach (double rho in P.Radii)
            sweep.Add($"1d/ρ={rho}/θ0=2/converged-projection", ("landscape", "1d"), ("radius", rho), ("start", 2.0), ("role", "showcase"), ("projection", "converged"));
        foreach (double y0 in new[] { 0.0, 0.1 })
            sweep.Add($"2d/ρ=2/y0={y0}/converged-projection", ("landscape", "2d"), ("radius", 2.0), ("start", y0), ("role", "grid"), ("projection", "converged"));
    }

    private static string MethodName(double rho) => rho == 0 ? "GD" : $"ρ={rho}";

    /// <summary>f(θ) = Σ_{k=1}^{10} sin(k²θ)/k² and f′(θ) = Σ_{k=1}^{10} cos(k²θ) (spec R1, n = 10 [PROPOSED]).</summary>
    internal static double Weierstrass(ReadOnlySpan<double> theta, Span<double> g)
    {
        double f = 0, d = 0;
        for (int k = 1; k <= 10; k++)
        {
            double k2 = k * k;
            var (sn, cs) = Math.SinCos(k2 * theta[0]);
            f += sn / k2;
            d += cs;
        }
        g[0] = d;
        return f;
    }

    private static readonly double[] Wells = BuildWells();

    private static double[] BuildWells()
    {
        var list = new List<double>();
        for (int i = 0; i <= 24; i++) for (int j = 0; j <= 24; j++) { list.Add(-3 + 0.25 * i); list.Add(-3 + 0.25 * j); }
        return list.ToArray();
    }

    /// <summary>L(x) = ‖x‖²/20 − Σ_j A·exp(−‖x − c_j‖²/(2 s_w²)), wells on a 0.25 grid over [−3, 3]², A = 0.2, s_w = 0.05 (spec R2 [PROPOSED]).</summary>
    internal static double MultiWell(ReadOnlySpan<double> x, Span<double> g)
    {
        const double a = 0.2, sw2 = 0.05 * 0.05;
        double f = (x[0] * x[0] + x[1] * x[1]) / 20;
        g[0] = x[0] / 10; g[1] = x[1] / 10;
        // Only wells within 10 s_w = 0.5 contribute (a farther well adds < A·e^{-50} ≈ 4e-23 to L): grid indices near x.
        int i0 = Math.Max(0, (int)Math.Ceiling((x[0] + 3 - 0.5) / 0.25)), i1 = Math.Min(24, (int)Math.Floor((x[0] + 3 + 0.5) / 0.25));
        int j0 = Math.Max(0, (int)Math.Ceiling((x[1] + 3 - 0.5) / 0.25)), j1 = Math.Min(24, (int)Math.Floor((x[1] + 3 + 0.5) / 0.25));
        for (int i = i0; i <= i1; i++)
        for (int jj = j0; jj <= j1; jj++)
        {
            int j = 2 * (25 * i + jj);
            double dx = x[0] - Wells[j], dy = x[1] - Wells[j + 1];
            double e = a * Math.Exp(-(dx * dx + dy * dy) / (2 * sw2));
            f -= e;
            g[0] += e * dx / sw2;
            g[1] += e * dy / sw2;
        }
        return f;
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        // Deterministic closed-form landscapes: managed GD and RollingBallStepper (the same equations as the TorchSharp
        // RollingBall, checked against it in RollingBallStepperTests).
        var spec = Spec.Of(Plan.Points[context.PointIndex]);
        bool oneD = spec.Landscape == 1;
        ValueAndGradientFunction fn = oneD ? Weierstrass : MultiWell;
        double[] x = oneD ? [spec.Start] : [2.0, spec.Start];
        var g = new double[x.Length];
        int steps = oneD ? P.Steps : P.Steps2D;
        double eta = oneD ? 1e-3 : 0.05;
        double residualSum = 0;
        if (spec.Radius == 0)
        {
            for (int t = 0; t < steps; t++)
            {
                fn(x, g);
                for (int i = 0; i < x.Length; i++) x[i] -= eta * g[i];
            }
        }
        else
        {
            var (ps, pk) = ProjectionSettings(spec);
            var rbo = new RollingBallStepper(x.Length, eta, spec.Radius, ps, pk);
            for (int t = 0; t < steps; t++)
            {
                rbo.Step(x, fn);
                residualSum += rbo.LastProjectionResidual;
            }
            sink.Add("meanProjectionResidual", residualSum / steps);
            sink.Add("evaluationsPerStep", (double)rbo.GradientEvaluations / steps);
        }
        double loss = fn(x, g);
        if (oneD)
        {
            sink.Add("endTheta", x[0]);
            sink.Add("smoothLoss", Math.Sin(x[0]));
            sink.Add("loss", loss);
        }
        else
        {
            sink.Add("endX", x[0]);
            sink.Add("endY", x[1]);
            sink.Add("loss", loss);
        }
    }

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => RollingBallReport.Build(this, results, report);
}
