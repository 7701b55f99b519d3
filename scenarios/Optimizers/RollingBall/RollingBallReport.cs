using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>The report of <c>optim-rolling-ball</c>: claims W1, W2, G1, N2 (deterministic checks), end-point figures and the projection diagnostic.</summary>
internal static class RollingBallReport
{
    /// <summary>Number of clusters of sorted values with consecutive gaps &gt; tol (single linkage at tolerance tol).</summary>
    private static int Distinct(IEnumerable<double> values, double tol)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0) return 0;
        int n = 1;
        for (int i = 1; i < v.Length; i++) if (v[i] - v[i - 1] > tol) n++;
        return n;
    }

    private static string MethodLabel(double rho) => rho == 0 ? "GD" : $"RBO ρ = {Fmt.F(rho)}";

    /// <summary>Builds the report.</summary>
    public static void Build(RollingBallRun run, RunResults results, ReportBuilder report)
    {
        var p = run.Parameters;
        double[] methods = run.Methods;
        var specs = results.Points.Select(r => RollingBallRun.Spec.Of(r.Point)).ToList();
        double Val(Func<RollingBallRun.Spec, bool> where, string metric, bool converged = false) => Mean(results, specs.FindIndex(s => s.Converged == converged && where(s)), metric);
        bool IsGrid(int i) => results.Points[i].Point.Is("role", "grid");
        var claims = new ClaimsTable("claims", "Claims (deterministic runs: each verdict is an exact check on this run)");

        // W1: showcase start.
        double gdSmooth = Val(s => s.Landscape == 1 && s.Radius == 0 && s.Start == 2.0, "smoothLoss");
        double rbSmooth = p.Radii.Contains(0.03) ? Val(s => s.Landscape == 1 && s.Radius == 0.03 && s.Start == 2.0, "smoothLoss") : double.NaN;
        claims.Add("W1", "from θ0 = 2, RBO (ρ = 0.03) ends where the smooth part sin θ is lower (by > 1e-3) than at GD's end point",
            Verdicts.FromCheck(double.IsNaN(gdSmooth + rbSmooth) ? null : rbSmooth < gdSmooth - 1e-3),
            $"sin θ_T: GD {Fmt.F(gdSmooth, "0.000")}, RBO {Fmt.F(rbSmooth, "0.000")}", "docs/optim-rolling-ball.md R1");
        // W2: diversity per method (the showcase start θ0 = 2.0 is excluded; only the equally spaced grid counts).
        var counts = methods.Select(rho => Distinct(Enumerable.Range(0, specs.Count)
            .Where(i => specs[i].Landscape == 1 && specs[i].Radius == rho && IsGrid(i))
            .Select(i => Mean(results, i, "endTheta")).Where(double.IsFinite), 1e-2)).ToArray();
        bool nonIncreasing = true;
        for (int i = 2; i < counts.Length; i++) if (counts[i] > counts[i - 1]) nonIncreasing = false;
        int i01 = Array.IndexOf(methods, 0.1);
        bool? w2 = i01 < 0 ? null : nonIncreasing && counts[i01] < counts[0];
        claims.Add("W2", "the number of distinct end points does not increase with ρ and is strictly smaller at ρ = 0.1 than under GD", Verdicts.FromCheck(w2),
            string.Join(", ", methods.Select((r, i) => $"{(r == 0 ? "GD" : $"ρ={Fmt.F(r)}")}: {counts[i]}")), "docs/optim-rolling-ball.md R1");
        // G1.
        double Dist(double rho, bool conv = false)
        {
            double x0 = Val(s => s.Landscape == 2 && s.Radius == rho && s.Start == 0, "endX", conv), y0 = Val(s => s.Landscape == 2 && s.Radius == rho && s.Start == 0, "endY", conv);
            double x1 = Val(s => s.Landscape == 2 && s.Radius == rho && s.Start == 0.1, "endX", conv), y1 = Val(s => s.Landscape == 2 && s.Radius == rho && s.Start == 0.1, "endY", conv);
            return Math.Sqrt((x0 - x1) * (x0 - x1) + (y0 - y1) * (y0 - y1));
        }
        double dGd = Dist(0), dRb = Dist(2);
        claims.Add("G1", "GD ends in two different wells (> 0.1 apart) while RBO with ρ = 2 ends within 0.05 of a single point for both starts",
            Verdicts.FromCheck(double.IsNaN(dGd + dRb) ? null : dGd > 0.1 && dRb < 0.05), $"GD distance {Fmt.F(dGd, "0.000")}, RBO distance {Fmt.F(dRb, "0.000")}", "docs/optim-rolling-ball.md R2");
        // N2 (cost): counted evaluations per step rather than wall time, so the run stays deterministic.
        var perStep = Enumerable.Range(0, specs.Count).Where(i => specs[i].Radius > 0)
            .Select(i => (RollingBallRun.ProjectionSettings(specs[i]).K, E: Mean(results, i, "evaluationsPerStep"))).ToList();
        bool? n2 = perStep.Any(v => double.IsNaN(v.E)) ? null : perStep.All(v => v.E == v.K + 1);
        claims.Add("N2", "an RBO step costs K + 1 loss-and-gradient evaluations, i.e. linear in K (counted per step instead of wall time, to keep the run deterministic)",
            Verdicts.FromCheck(n2), string.Join(", ", perStep.Select(v => (v.K, v.E)).Distinct().Select(v => $"K = {v.K}: {Fmt.F(v.E, "0.##")} per step")), "docs/optim-rolling-ball.md N2");
        report.AddClaims(claims);

        report.AddText($"1-D landscape f(θ) = Σ_(k=1..10) sin(k²θ)/k² (n = 10 [PROPOSED]), η = 1e-3, {p.Steps} steps, K = 20, s = 0.05; GD is plain SGD at η = 1e-3 on the same closure. "
            + $"Diversity: {p.Starts} equally spaced starts in [0, 2.1], end points clustered at tolerance 1e-2.");
        // GD is drawn first with filled markers, every RBO radius after it with an open marker shape (palette 5, 6, 7, …), so a
        // series that ends where another does stays visible around or inside it.
        var endSeries = new List<Series>();
        for (int m = 0; m < methods.Length; m++)
        {
            var idx = Enumerable.Range(0, specs.Count).Where(i => specs[i].Landscape == 1 && specs[i].Radius == methods[m] && IsGrid(i)).ToList();
            endSeries.Add(Line(MethodLabel(methods[m]), idx.Select(i => specs[i].Start), idx.Select(i => Mean(results, i, "endTheta")), m == 0 ? 0 : 4 + m, SeriesStyle.Markers));
        }
        report.AddFigure(new Figure
        {
            Id = "rbo-end-points", Title = "End point vs start on the 1-D wrinkled landscape", XLabel = "start θ0", YLabel = "end point θ_T", Series = endSeries,
            Caption = claims.CaptionOf("W1") + " " + claims.CaptionOf("W2") + " GD: filled circles; RBO radii: open markers drawn over it.",
        });
        report.AddFigure(new Figure
        {
            Id = "rbo-diversity", Title = "Distinct end points vs ball radius", XLabel = "ball radius ρ (0 = GD)", YLabel = "distinct end points",
            Series = [Line("1-D landscape", methods, counts.Select(c => (double)c), 0)],
            Caption = "Ironing: a larger ball cannot enter narrow wells, so fewer distinct minima are reachable.",
        });
        var pts2 = Enumerable.Range(0, specs.Count).Where(i => specs[i].Landscape == 2 && !specs[i].Converged).ToList();
        report.AddFigure(new Figure
        {
            Id = "rbo-2d", Title = "2-D multi-well landscape: end points from (2, 0) and (2, 0.1)", XLabel = "x", YLabel = "y", EqualAxes = true,
            Series =
            [
                Line("GD", pts2.Where(i => specs[i].Radius == 0).Select(i => Mean(results, i, "endX")), pts2.Where(i => specs[i].Radius == 0).Select(i => Mean(results, i, "endY")), 0, SeriesStyle.Markers),
                Line("RBO ρ = 2", pts2.Where(i => specs[i].Radius == 2).Select(i => Mean(results, i, "endX")), pts2.Where(i => specs[i].Radius == 2).Select(i => Mean(results, i, "endY")), 5, SeriesStyle.Markers),
                Line("starts", [2.0, 2.0], [0.0, 0.1], 7, SeriesStyle.Markers),
            ],
            Caption = claims.CaptionOf("G1")
                + $" {p.Steps2D} steps, η = 0.05; RBO K = 30, s = 0.02. GD end points: {string.Join(", ", pts2.Where(i => specs[i].Radius == 0).Select(i => $"({Fmt.F(Mean(results, i, "endX"), "0.000")}, {Fmt.F(Mean(results, i, "endY"), "0.000")})"))}."
                + " On this [PROPOSED] landscape the start (2, 0.1) lies 0.1 = 2 s_w from the well at (2, 0), inside its basin, so GD does not reach a second well;"
                + " and a well bottom is not a stable fixed point of GD at η = 0.05 (curvature A/s_w² = 80, η·80 = 4 > 2). GD: filled circles; RBO and the starts: open markers drawn over it.",
        });
        // Investigation: is a failed claim a property of the spec's projection settings? The step itself is checked against the
        // spec equations (RollingBallTests, RollingBallStepperTests incl. the ρ → 0 limit R0.1); here the foot-point projection is
        // run to convergence and its residual compared.
        double MeanResidual(int landscape, double rho) =>
            Enumerable.Range(0, specs.Count).Where(i => specs[i].Landscape == landscape && specs[i].Radius == rho && !specs[i].Converged)
                .Select(i => Mean(results, i, "meanProjectionResidual")).DefaultIfEmpty(double.NaN).Average();
        var rows = new List<IReadOnlyList<string>>();
        foreach (double rho in p.Radii)
        {
            double conv = Val(s => s.Landscape == 1 && s.Radius == rho && s.Start == 2.0, "smoothLoss", true);
            rows.Add(["1-D", $"RBO ρ = {Fmt.F(rho)}", "s = 0.05, K = 20 (spec)", Fmt.G(MeanResidual(1, rho)), $"sin θ_T = {Fmt.F(Val(s => s.Landscape == 1 && s.Radius == rho && s.Start == 2.0, "smoothLoss"), "0.000")} (θ0 = 2)"]);
            rows.Add(["1-D", $"RBO ρ = {Fmt.F(rho)}", "s = 0.005, K = 1000 (diagnostic)", Fmt.G(Val(s => s.Landscape == 1 && s.Radius == rho && s.Start == 2.0, "meanProjectionResidual", true)),
                $"sin θ_T = {Fmt.F(conv, "0.000")} (θ0 = 2); W1 test vs GD {Fmt.F(gdSmooth, "0.000")}: {(double.IsNaN(conv + gdSmooth) ? Fmt.Missing : conv < gdSmooth - 1e-3 ? "lower" : "not lower")}"]);
        }
        double dConv = Dist(2, true);
        rows.Add(["2-D", "RBO ρ = 2", "s = 0.02, K = 30 (spec)", Fmt.G(MeanResidual(2, 2.0)), $"end-point distance {Fmt.F(dRb, "0.000")}"]);
        rows.Add(["2-D", "RBO ρ = 2", "s = 0.002, K = 2000 (diagnostic)", Fmt.G(Mean(results, specs.FindIndex(s => s.Landscape == 2 && s.Converged), "meanProjectionResidual")),
            $"end-point distance {Fmt.F(dConv, "0.000")}; G1's RBO part (< 0.05): {(double.IsNaN(dConv) ? Fmt.Missing : dConv < 0.05 ? "met" : "not met")}"]);
        report.AddTable(new Table
        {
            Id = "rbo-projection-diagnostic", Title = "Investigation: foot-point projection residual ‖∇φ‖ (mean over steps) with the spec's settings and with a converged projection",
            Columns = ["landscape", "method", "projection", "mean residual ‖∇φ‖", "outcome"],
            Rows = rows,
            Caption = "The claim verdicts above use the spec's settings; the diagnostic rows (our choice, stable step s·(1 + ‖∇L‖² + |L″|ρ) < 2) only show whether a "
                + "failure comes from a non-converged projection. The update equations themselves are verified in the unit tests (reference loop to 1e-12, ρ → 0 gives the GD step to 1e-5, centre at distance ρ along the normal, foot-point condition)."
                + " Derived property of the discretisation: at x = θ the projection gradient is ∇φ(θ) = η(1 + ‖∇L‖²)∇L, independent of ρ, so the radius acts only"
                + " through the change of ∇L along the projection path; with s·K ≪ 1 (e.g. the N1 network setting s = 0.01, K = 10 of optim-sam) RBO is nearly ρ-independent.",
        });
    }
}
