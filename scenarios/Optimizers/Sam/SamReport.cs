using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;
using static PhyToolkit.Scenarios.Optimizers.SamRun;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The report of <c>optim-sam</c>: the SAM update checks (exact, round-off level) and the small-net comparison at an equal
/// gradient-evaluation budget (95 % intervals over seeds).
/// </summary>
internal static class SamReport
{
    /// <summary>Builds the report.</summary>
    public static void Build(SamParameters p, RunResults results, ReportBuilder report)
    {
        var claims = new ClaimsTable("claims", "Claims")
        {
            Caption = "U1 and U2 are exact checks (round-off level); N1 and S1 compare means over seeds with Welch-type 95 % intervals of the "
                + "differences (every optimiser sees the same data and initial weights per seed, so the interval is conservative).",
        };
        var quad = results.Find(q => q.Is("experiment", "quadratic"));
        var upd = quad?.Get("log10UpdateError");
        var zero = quad?.Get("rhoZeroMaxDifference");
        claims.Add("U1", "SAM's first step on L(w) = ½wᵀAw applies the gradient A(w + ρAw/‖Aw‖) to 1e-10 relative", Verdicts.FromCheck(upd is null ? null : upd.CiHigh <= -10 || upd.Mean <= -10),
            $"mean log10 relative error {Fmt.F(upd?.Mean ?? double.NaN, "0.0")}", "docs/optim-sam.md unit test 1");
        claims.Add("U2", "SAM with ρ = 0 equals its base SGD bit for bit over 20 steps", Verdicts.FromCheck(zero is null ? null : zero.Mean == 0),
            $"max |difference| {Fmt.G(zero?.Mean ?? double.NaN)}", "docs/optim-sam.md unit test 2");

        var net = NetMethods.Select(m => results.Find(q => q.Is("experiment", "net") && q.Is("method", m))).ToArray();
        double M(int m, string metric) => net[m]?.Mean(metric) ?? double.NaN;
        var best = NetMethods.Select((_, m) => M(m, "bestTestAccuracy")).ToArray();
        var gap = NetMethods.Select((_, m) => M(m, "trainTestGap")).ToArray();
        // "Not worse than SGD": best accuracy at least SGD − 0.5 pt and a train–test gap no larger than SGD's.
        Verdict NotWorse(int m, List<string> evidence)
        {
            var db = Difference(net[m]?.Get("bestTestAccuracy"), net[0]?.Get("bestTestAccuracy"));
            var dg = Difference(net[m]?.Get("trainTestGap"), net[0]?.Get("trainTestGap"));
            evidence.Add($"{NetMethods[m]}: best {Fmt.F(best[m], "0.000")} (− SGD {Fmt.Ci(db, "0.000")}), gap {Fmt.F(gap[m], "0.000")} (− SGD {Fmt.Ci(dg, "0.000")})");
            return Verdicts.All(Verdicts.AtLeast(db, -0.005), Verdicts.AtMost(dg, 0));
        }
        var n1Evidence = new List<string>();
        var n1 = Verdicts.All(NotWorse(2, n1Evidence), NotWorse(3, n1Evidence));
        claims.Add("N1", "(soft) both RBO runs reach best test accuracy ≥ SGD − 0.5 pt with a train–test gap ≤ SGD's", n1,
            $"SGD: best {Fmt.F(best[0], "0.000")}, gap {Fmt.F(gap[0], "0.000")}; " + string.Join("; ", n1Evidence), "docs/optim-rolling-ball.md");
        var s1Evidence = new List<string>();
        claims.Add("S1", "(soft) SAM: best test accuracy ≥ SGD − 0.5 pt with a gap ≤ SGD's", NotWorse(1, s1Evidence),
            $"SGD: best {Fmt.F(best[0], "0.000")}, gap {Fmt.F(gap[0], "0.000")}; " + string.Join("; ", s1Evidence), "docs/optim-sam.md");
        report.AddClaims(claims);

        report.AddText(claims.CaptionOf("U1") + " " + claims.CaptionOf("U2")
            + $" After {p.QuadraticSteps} SAM steps (η = 0.005, ρ = 0.05) ‖w‖ = {Fmt.G(quad?.Mean("finalNorm") ?? double.NaN)}: SAM does not converge to the minimiser of a quadratic but circles it at a radius set by ρ.");
        var x = NetMethods.Select((_, i) => (double)i).ToArray();
        report.AddFigure(new Figure
        {
            Id = "sam-net", Title = $"MLP 8→64→64→4 with 20 % noisy training labels, {p.GradientEvaluations} gradient evaluations each",
            XLabel = "optimiser", YLabel = "accuracy / gap", XCategories = NetMethodLabels,
            Series =
            [
                new Series { Label = "best test accuracy", X = x, Y = best, YError = HalfWidths(net, "bestTestAccuracy"), ColorIndex = 0, Style = SeriesStyle.Markers },
                new Series { Label = "final train − test accuracy", X = x, Y = gap, YError = HalfWidths(net, "trainTestGap"), ColorIndex = 1, Style = SeriesStyle.Markers },
            ],
            Caption = claims.CaptionOf("N1") + " " + claims.CaptionOf("S1")
                + " Equal gradient evaluations: SGD 1, SAM 2, RBO K + 1 = 11 per step; SGD η = 0.1 for all. Error bars: 95 % intervals over seeds.",
        });
    }

    /// <summary>95 % half-widths of a metric per point (0 where undefined).</summary>
    private static double[] HalfWidths(PointResult?[] points, string metric) =>
        points.Select(q => q?.Get(metric) is { } m && double.IsFinite(m.CiHigh - m.CiLow) ? (m.CiHigh - m.CiLow) / 2 : 0).ToArray();
}
