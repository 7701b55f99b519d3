using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;
using static PhyToolkit.Scenarios.Optimizers.AdaGoRun;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The report of <c>optim-adago</c>: claims A1–A3, D1–D2, B1–B2, C1 of docs/optim-adago.md in one claims table (comparisons by
/// Welch-type 95 % intervals over seeds; every optimiser sees the same data per seed, so these are conservative), and the R1–R3 figures.
/// </summary>
internal static class AdaGoReport
{
    private const string Source = "docs/optim-adago.md";

    /// <summary>Builds the report.</summary>
    public static void Build(AdaGoRun run, RunResults results, ReportBuilder report)
    {
        var p = run.Parameters;
        var specs = results.Points.Select(r => SpecOf(r.Point)).ToList();
        int Find(int e, int o, double lr) => specs.FindIndex(s => s.Experiment == e && s.Optimiser == o && s.Lr == lr);
        MetricSummary? S(int point, string metric) => Summary(results, point, metric);
        double[] CurveOf(int point, string metric, IEnumerable<int> steps) => steps.Select(h => CurveMean(results, point, metric, h)).ToArray();
        var claims = new ClaimsTable("claims", "Claims (95 % intervals over seeds)")
        {
            Caption = "Held when the interval lies on the claimed side, not held when on the other side, else inconclusive. Differences of mean logs "
                + "(geometric means) between points use Welch-type intervals. D1 and D2 are checked on the geometric-mean step curves (no interval).",
        };
        var body = new ReportBuilder();
        int T = p.LeastSquaresSteps;
        var lsHorizons = run.LossHorizons;
        body.AddText("Hidden weight matrices (and conv kernels, flattened to (out, −1)) use Muon or AdaGO; every other parameter uses AdamW at 1e-3; "
            + "the Adam rows use Adam (ManagedAdam, TorchSharp's torch.optim.Adam update with β = (0.9, 0.999), ε = 1e-8) on all parameters. AdaGO: μ = 0.95, γ = 1, v0 = 1, ε = 1e-6, width scaling (spec [PROPOSED] defaults). "
            + "Metrics are geometric means (losses) or means (accuracy) over seeds; data are regenerated per seed from explicit generators.");
        // R1.
        var muonLs = specs.Where(s => s.Experiment == 0 && s.Optimiser == 1).Select(s => s.Lr).ToArray();
        var curves = new List<Series>();
        int color = 0;
        foreach (double lr in muonLs) curves.Add(Line($"Muon lr = {Fmt.F(lr)}", lsHorizons.Select(h => (double)h), CurveOf(Find(0, 1, lr), "logLoss", lsHorizons).Select(Math.Exp), color++));
        foreach (double lr in p.AdaGoRates) curves.Add(Line($"AdaGO η = {Fmt.F(lr)}", lsHorizons.Select(h => (double)h), CurveOf(Find(0, 2, lr), "logLoss", lsHorizons).Select(Math.Exp), color++));
        double etaRef = p.AdaGoRates.Contains(0.1) ? 0.1 : p.AdaGoRates[0];
        int adaPoint = Find(0, 2, etaRef);
        var adaDefault = S(adaPoint, "logRelLoss");
        var a1 = muonLs.Select(lr => Difference(S(Find(0, 1, lr), "logRelLoss"), adaDefault)).ToArray();
        claims.Add("A1", $"AdaGO (η = {Fmt.F(etaRef)}) ends ≥ 10× lower than constant-lr Muon at every Muon lr", Verdicts.All([.. a1.Select(ci => Verdicts.AtLeast(ci, Math.Log(10)))]),
            $"AdaGO {Fmt.G(Math.Exp(adaDefault?.Mean ?? double.NaN))}; Muon/AdaGO " + string.Join(", ", muonLs.Select((lr, i) => $"lr {Fmt.F(lr)}: {ExpCi(a1[i], "G3")}")), Source);
        int from = run.NuclearSlopeFrom;
        var a2 = S(adaPoint, "bestNuclearSlope") is { } ns ? Intervals.FromSummary(ns) : ConfidenceInterval.Undefined();
        claims.Add("A2", $"log–log slope of min_s ‖∇f(W_s)‖_* over [{from}, {T}] ≤ −0.4 for AdaGO (η = {Fmt.F(etaRef)})", Verdicts.AtMost(a2, -0.4), $"slope {Fmt.Ci(a2, "0.00")}", Source);
        var adaFinal = p.AdaGoRates.Select(lr => S(Find(0, 2, lr), "logRelLoss")).ToArray();
        var a3 = adaFinal.Select(m => m is null ? ConfidenceInterval.Undefined() : Intervals.FromSummary(m)).ToArray();
        claims.Add("A3", "AdaGO reaches f < 1e-3·f(W_0) for every η in the grid", Verdicts.All([.. a3.Select(ci => Verdicts.AtMost(ci, Math.Log(1e-3)))]),
            string.Join(", ", p.AdaGoRates.Select((lr, i) => $"η {Fmt.F(lr)}: {ExpCi(a3[i], "0.##E+0")}")), Source);
        body.AddFigure(new Figure
        {
            Id = "adago-least-squares", Title = "R1: matrix least squares, full batch", XLabel = "step", YLabel = "f(W_t)/f(W_0)", LogX = true, LogY = true, Series = curves,
            Caption = claims.CaptionOf("A1") + " " + claims.CaptionOf("A2") + " " + claims.CaptionOf("A3"),
        });
        // Step diagnostics of R1: AdaGO's α_t and ‖ΔW_t‖_F, Muon's ‖ΔW_t‖_F (spec §4), against the step number.
        const double gamma = 1.0, v0 = 1.0, widthScale = 1.4142135623730951; // AdaGO defaults γ = v0 = 1; s = sqrt(32/16) for W ∈ ℝ^{32×16}
        var steps = run.StepHorizons;
        var ks = steps.Select(h => (double)h).ToArray();
        double[] Curve(int point, string metric) => CurveOf(point, metric, steps).Select(Math.Exp).ToArray();
        var stepCurves = new List<Series>();
        int sc = 0;
        foreach (double lr in p.AdaGoRates) stepCurves.Add(Line($"AdaGO α_t, η = {Fmt.F(lr)}", ks, Curve(Find(0, 2, lr), "logAlpha"), sc++));
        stepCurves.Add(Line($"AdaGO ‖ΔW_t‖_F, η = {Fmt.F(etaRef)}", ks, Curve(adaPoint, "logDw"), sc++, SeriesStyle.Markers));
        foreach (double lr in muonLs) stepCurves.Add(Line($"Muon ‖ΔW_t‖_F, lr = {Fmt.F(lr)}", ks, Curve(Find(0, 1, lr), "logDw"), sc++));
        stepCurves.Add(new Series
        {
            Label = $"η·γ/sqrt(v0² + tγ²), η = {Fmt.F(etaRef)} (clamped-phase prediction)", X = ks,
            Y = ks.Select(k => etaRef * gamma / Math.Sqrt(v0 * v0 + k * gamma * gamma)).ToArray(), Style = SeriesStyle.DashedLine, ColorIndex = sc++,
        });
        // D1: over the recorded steps with ‖G_t‖_F ≥ γ (geometric mean over seeds), the log–log slope of α_t against v0²/γ² + t
        // (i.e. against t with AdaGrad-Norm's offset, ≈ t for t ≫ v0²/γ²) must be −1/2: α_t = η·γ/sqrt(v0² + tγ²).
        var gradNorms = Curve(adaPoint, "logGradNorm");
        var alphas = Curve(adaPoint, "logAlpha");
        var clampedIdx = Enumerable.Range(0, ks.Length).Where(i => gradNorms[i] >= gamma).ToList();
        int lastClamped = clampedIdx.Count > 0 ? (int)ks[clampedIdx[^1]] : 0;
        double d1Slope = clampedIdx.Count >= 2
            ? LogLogSlope(clampedIdx.Select(i => v0 * v0 / (gamma * gamma) + ks[i]).ToList(), clampedIdx.Select(i => Math.Log(alphas[i])).ToList()) : double.NaN;
        var afterIdx = Enumerable.Range(0, ks.Length).Where(i => ks[i] > lastClamped && alphas[i] > 1.000001e-6).ToList();
        double afterSlope = afterIdx.Count >= 2 ? LogLogSlope(afterIdx.Select(i => ks[i]).ToList(), afterIdx.Select(i => Math.Log(alphas[i])).ToList()) : double.NaN;
        int floorAt = Enumerable.Range(0, ks.Length).Where(i => alphas[i] <= 1.000001e-6).Select(i => (int)ks[i]).DefaultIfEmpty(0).First();
        string after = $"after the clamp ends (‖G_t‖_F < γ from t ≈ {lastClamped}–{(int)ks[Math.Min(ks.Length - 1, clampedIdx.Count)]}) α_t ∝ ‖G_t‖_F/v_t falls faster, "
            + $"slope vs t {Fmt.F(afterSlope, "0.00")}" + (floorAt > 0 ? $", and sits on the floor ε = 1e-6 from t = {floorAt} on" : "");
        claims.Add("D1", $"while ‖G_t‖_F ≥ γ, AdaGO's α_t shrinks like η/√t (log–log slope of α_t vs v0²/γ² + t over the clamped steps within −0.5 ± 0.05; η = {Fmt.F(etaRef)}; on the geometric-mean curve)",
            Verdicts.FromCheck(clampedIdx.Count >= 2 ? Math.Abs(d1Slope + 0.5) <= 0.05 : null),
            clampedIdx.Count >= 2 ? $"slope {Fmt.F(d1Slope, "0.000")} over {clampedIdx.Count} recorded steps t ≤ {lastClamped}; {after}" : $"‖G_t‖_F ≥ γ at fewer than 2 recorded steps; {after}", Source);
        // D2: Muon's step has a fixed spectral size ≈ lr·s at every step: ‖ΔW_t‖₂/(lr·s) ∈ [0.68, 1.21] (NS5's output singular-value range).
        var ratios = muonLs.SelectMany(lr => Curve(Find(0, 1, lr), "logDwSpectral").Select(v => v / (lr * widthScale))).ToArray();
        var froRatios = muonLs.SelectMany(lr => Curve(Find(0, 1, lr), "logDw").Select(v => v / (lr * widthScale * 4))).ToArray(); // sqrt(rank) = 4
        claims.Add("D2", "Muon's step has fixed spectral size: ‖ΔW_t‖₂/(lr·s) ∈ [0.68, 1.21] at every recorded step and lr (NS5's output singular-value range)",
            Verdicts.FromCheck(ratios.Length == 0 || ratios.Any(double.IsNaN) ? null : ratios.All(r => r >= 0.68 && r <= 1.21)),
            $"range [{Fmt.F(ratios.DefaultIfEmpty(double.NaN).Min(), "0.000")}, {Fmt.F(ratios.DefaultIfEmpty(double.NaN).Max(), "0.000")}]; ‖ΔW_t‖_F/(lr·s·sqrt(rank)) in "
            + $"[{Fmt.F(froRatios.DefaultIfEmpty(double.NaN).Min(), "0.000")}, {Fmt.F(froRatios.DefaultIfEmpty(double.NaN).Max(), "0.000")}]", Source);
        body.AddFigure(new Figure
        {
            Id = "adago-step-size", Title = "R1 step sizes: AdaGO α_t and ‖ΔW_t‖_F vs Muon ‖ΔW_t‖_F (geometric mean over seeds)", XLabel = "step t",
            YLabel = "α_t (AdaGO) or ‖ΔW_t‖_F", LogX = true, LogY = true, Series = stepCurves, YMin = 3e-7,
            Caption = "Spec §1.4/§2 trend: AdaGO's α_t = max(ε, η·min(‖G_t‖_F, γ)/v_t) shrinks like η/√t while ‖G_t‖_F ≥ γ and faster once the gradient is below γ, "
                + "so AdaGO can settle; constant-lr Muon's step keeps a fixed spectral size ≈ lr·s (s = sqrt(max(1, m/n))) whatever the gradient, so it cannot. "
                + claims.CaptionOf("D1") + " " + claims.CaptionOf("D2")
                + " Where several α_t curves sit on the floor ε = 1e-6 they coincide exactly (equal values); their markers differ in shape (square, triangle, diamond).",
        });
        // R2.
        var sens = new List<Series>();
        var rows = new List<IReadOnlyList<string>>();
        double[][] grids = [p.AdamRates, p.MuonRates, p.AdaGoRates];
        var mse = new MetricSummary?[3][];
        int[] bestIdx = new int[3], worstIdx = new int[3];
        for (int o = 0; o < 3; o++)
        {
            mse[o] = grids[o].Select(lr => S(Find(1, o, lr), "logTestMse")).ToArray();
            var vals = mse[o].Select(m => Math.Exp(m?.Mean ?? double.NaN)).ToArray();
            bestIdx[o] = Array.IndexOf(vals, vals.Min());
            worstIdx[o] = Array.IndexOf(vals, vals.Max());
            sens.Add(Line(Optimisers[o], grids[o].Select((_, i) => (double)i + 1), vals, o));
            rows.Add([Optimisers[o], string.Join(", ", grids[o].Select(lr => Fmt.G(lr))), string.Join(", ", vals.Select(v => Fmt.G(v))), Fmt.G(vals.Min()), Fmt.F(vals.Max() / vals.Min(), "0.00")]);
        }
        MetricSummary? Best(int o) => bestIdx[o] < 0 ? null : mse[o][bestIdx[o]];
        MetricSummary? Worst(int o) => worstIdx[o] < 0 ? null : mse[o][worstIdx[o]];
        var b1m = Difference(Best(2), Best(1));
        var b1a = Difference(Best(2), Best(0));
        claims.Add("B1", "(soft) best-tuned AdaGO test MSE ≤ 1.1 × best Muon and ≤ 1.1 × best Adam", Verdicts.All(Verdicts.AtMost(b1m, Math.Log(1.1)), Verdicts.AtMost(b1a, Math.Log(1.1))),
            $"AdaGO {Fmt.G(Math.Exp(Best(2)?.Mean ?? double.NaN))}, Muon {Fmt.G(Math.Exp(Best(1)?.Mean ?? double.NaN))}, Adam {Fmt.G(Math.Exp(Best(0)?.Mean ?? double.NaN))}; "
            + $"AdaGO/Muon {ExpCi(b1m)}, AdaGO/Adam {ExpCi(b1a)}", Source);
        // log(max/min)_AdaGO − log(max/min)_Muon < 0 (best and worst grid points picked by their means).
        var b2 = Combination(0.95, (1, Worst(2)), (-1, Best(2)), (-1, Worst(1)), (1, Best(1)));
        claims.Add("B2", "AdaGO's max/min test MSE over its η grid is smaller than Muon's over its lr grid", Verdicts.AtMost(b2, 0),
            $"AdaGO {Fmt.F(Math.Exp((Worst(2)?.Mean ?? double.NaN) - (Best(2)?.Mean ?? double.NaN)), "0.00")}, Muon {Fmt.F(Math.Exp((Worst(1)?.Mean ?? double.NaN) - (Best(1)?.Mean ?? double.NaN)), "0.00")}; "
            + $"ratio of the two {ExpCi(b2)}", Source);
        body.AddFigure(new Figure
        {
            Id = "adago-regression", Title = $"R2: function regression, test MSE after {p.RegressionSteps} steps vs position in each optimiser's grid", XLabel = "grid index (increasing step size)",
            YLabel = "test MSE", LogY = true, Series = sens,
            Caption = claims.CaptionOf("B1") + " " + claims.CaptionOf("B2"),
        });
        body.AddTable(new Table { Id = "adago-regression-table", Title = "R2 learning-rate sweep", Columns = ["optimiser", "grid", "test MSE per step size", "best", "max/min"], Rows = rows });
        // R3.
        var accS = new[] { S(Find(2, 0, 1e-3), "testAccuracy"), S(Find(2, 1, 0.02), "testAccuracy"), S(Find(2, 2, 0.1), "testAccuracy") };
        var acc = accS.Select(m => m?.Mean ?? double.NaN).ToArray();
        var c1m = Difference(accS[2], accS[1]);
        var c1a = Difference(accS[2], accS[0]);
        claims.Add("C1", "(soft) AdaGO accuracy ≥ Muon − 1 pt and ≥ Adam − 1 pt (mean of seeds; the spec asks for the median)", Verdicts.All(Verdicts.AtLeast(c1m, -0.01), Verdicts.AtLeast(c1a, -0.01)),
            $"Adam {Fmt.F(acc[0], "0.000")}, Muon {Fmt.F(acc[1], "0.000")}, AdaGO {Fmt.F(acc[2], "0.000")}; AdaGO − Muon {Fmt.Ci(c1m, "0.000")}, AdaGO − Adam {Fmt.Ci(c1a, "0.000")}", Source);
        body.AddFigure(new Figure
        {
            Id = "adago-classification", Title = $"R3: CNN on generated 8×8 patterns, test accuracy after {p.ClassificationEpochs} epochs", XLabel = "optimiser",
            XCategories = ["Adam 1e-3", "Muon 0.02", "AdaGO 0.1"], YLabel = "test accuracy",
            Series = [new Series { Label = "mean over seeds (95 % interval)", X = [0.0, 1, 2], Y = acc, YError = accS.Select(m => m is not null && double.IsFinite(m.CiHigh - m.CiLow) ? (m.CiHigh - m.CiLow) / 2 : 0).ToArray(), ColorIndex = 0, Style = SeriesStyle.Markers }],
            Caption = claims.CaptionOf("C1"),
        });
        report.AddClaims(claims);
        AppendItems(report, body);
    }
}
