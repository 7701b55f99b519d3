using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Scenarios.AsynPd;

/// <summary>The <c>asyn-pd</c> report: claims 1–7 of docs/asyn-pd.md decided from the results, and the figures.</summary>
internal static class AsynPdReport
{
    public static void Build(AsynPdRun run, AsynPdParameters p, RunResults results, ReportBuilder report)
    {
        report.AddText("Asyn-PD (Li, Yemini, Wai, arXiv 2509.01172) on the virtual-clock simulator. Both drivers use the same stochastic-gradient " +
            "oracles, noise streams and worker timing per run; each uses the spec's default harmonic schedule valid for it: Sync-PD " +
            "a = 2/μ_f, b = 2/δ, t0 = 10; Asyn-PD a = 2/(μ_f·p_min) (p_min = slowest worker's share of messages), b = 2/δ, " +
            "t0 = 10(1 + n·max tc/min tc). Errors are ‖θ − θ*_δ‖² + ‖λ − λ*_δ‖² to the exact saddle point of the regularised Lagrangian " +
            "(LCP for T1, bisection for T2). Intervals are 95 % Student intervals over the Monte Carlo runs (one run per block).");
        report.AddClaims(Claims(run, p, results));
        Figures(run, p, results, report);
        report.AddTable(Summary(results));
    }

    private static PointResult? Point(RunResults r, string study, string @case, string timing) =>
        r.Find(x => x.Is("study", study) && x.Is("case", @case) && x.Is("timing", timing));

    private static ConfidenceInterval Ci(PointResult? pt, string metric) =>
        pt?.Get(metric) is { } m ? Intervals.FromSummary(m) : ConfidenceInterval.Undefined();

    private static ClaimsTable Claims(AsynPdRun run, AsynPdParameters p, RunResults r)
    {
        var claims = new ClaimsTable("claims", "Claims (docs/asyn-pd.md)");
        string lo = Fmt.N(p.Iterations / 100), hi = Fmt.N(p.Iterations);

        // C1: O(1/t) in second moment (T1, H1).
        var h1 = Point(r, AsynPdRun.Rate, "T1", "H1");
        var slope = Ci(h1, "slope");
        double? spread = TimesMseSpread(h1?.Curve("mse"), p.Iterations / 10, p.Iterations);
        claims.Add("C1", $"O(1/t): slope of log MSE vs log t over [{lo}, {hi}] in [−1.2, −0.8] and t·MSE(t) within a factor 2 over the last decade (T1, H1)",
            h1 is null ? Verdict.NotEvaluated : Verdicts.All(Verdicts.Within(slope, -1.2, -0.8), Verdicts.FromCheck(spread is null ? null : spread < 2)),
            $"slope {Fmt.Ci(slope)}; max/min of t·MSE over the last decade {(spread is null ? Fmt.Missing : Fmt.G(spread.Value))} (point estimate of the mean curve)", "[P] rate; [Proposed] thresholds");

        // C2: the step condition.
        var slow = Point(r, AsynPdRun.Slow, "T1", "H0");
        var slowSlope = Ci(slow, "slope");
        var h0Slope = Ci(Point(r, AsynPdRun.Rate, "T1", "H0"), "slope");
        claims.Add("C2", $"Step condition: with 2aμ_f·p = 2bδ = {Fmt.G(2 * p.SlowScale)} (< 1; p = 1/n, every worker's share in H0) the slope is shallower than −0.8 (T1, H0)",
            slow is null ? Verdict.NotEvaluated : Verdicts.AtLeast(slowSlope, -0.8), $"slope {Fmt.Ci(slowSlope)} vs {Fmt.Ci(h0Slope)} with the default steps", "[Proposed]");

        // C3: budget adherence and the δ trend.
        var deltaPts = r.Where(x => x.Is("study", AsynPdRun.DeltaStudy)).OrderByDescending(x => x.Point.Number("delta")).ToList();
        var perDelta = new List<Verdict>();
        var ev = new List<string>();
        foreach (var pt in deltaPts)
        {
            var g = pt.Get("violationGap");
            perDelta.Add(g is null ? Verdict.NotEvaluated : Verdicts.FromCheck(Math.Abs(g.Mean) <= 3 * g.StdError));
            ev.Add($"δ={Fmt.Label(pt.Point.Number("delta"))}: gap {Fmt.G(g?.Mean ?? double.NaN)} ± {Fmt.G(3 * (g?.StdError ?? double.NaN))}");
        }
        var (violSlope, gapSlope) = ReferenceTrend(run, deltaPts.Select(x => x.Point.Number("delta")).ToArray());
        var trend = Verdicts.FromCheck(deltaPts.Count < 2 ? null : violSlope is > 0.7 and < 1.3 && gapSlope is > 0.7 and < 1.3);
        claims.Add("C3", "Budget adherence: final violation = δλ*_δ within 3 SE at every δ; violation and ‖θ*_δ − θ*‖ decrease roughly linearly in δ (log-log slope in [0.7, 1.3]) (T1, H1)",
            deltaPts.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. perDelta, trend]),
            $"{string.Join("; ", ev)}; exact log-log slopes vs δ: violation {Fmt.G(violSlope)}, ‖θ*_δ − θ*‖ {Fmt.G(gapSlope)}", "[Proposed] consequence of the regularisation");

        // C4: async beats sync in wall-clock.
        var c4 = new List<Verdict>();
        var c4ev = new List<string>();
        foreach (var pt in r.Where(x => x.Is("study", AsynPdRun.Rate)))
        {
            var ci = Ci(pt, "speedup");
            bool h0 = pt.Point.Is("timing", "H0");
            c4.Add(h0 ? Verdicts.Within(ci, 0.67, 1.5) : Verdicts.AtLeast(ci, 1.5));
            double cens = pt.Mean("syncCensored");
            c4ev.Add($"{pt.Point.Category("case")}/{pt.Point.Category("timing")}: {Fmt.Ci(ci)}{(cens > 0 ? $" (Sync-PD censored in {Fmt.Pct(cens)} of runs: lower bound)" : "")}");
        }
        claims.Add("C4", $"Wall clock: time to MSE ≤ {Fmt.G(p.TargetFraction)}·MSE(0) is ≥ 1.5× shorter for Asyn-PD in H1/H2; ratio in [0.67, 1.5] in H0 (T1, T2)",
            c4.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. c4]), "speedup = time(Sync-PD)/time(Asyn-PD), paired per run: " + string.Join("; ", c4ev), "[P] benefit of asynchrony; [Proposed] thresholds");

        // C5: delay robustness.
        var st = r.Where(x => x.Is("study", AsynPdRun.StragglerStudy)).OrderBy(x => x.Point.Number("straggler")).ToList();
        var c5 = st.Select(x => Verdicts.Within(Ci(x, "slope"), -1.2, -0.8)).ToList();
        Verdict grows = Verdict.NotEvaluated;
        if (st.Count >= 2)
        {
            var a = Ci(st[0], "maxStaleness"); var b = Ci(st[^1], "maxStaleness");
            grows = a.IsDefined && b.IsDefined ? (b.Low > a.High ? Verdict.Held : b.High < a.Low ? Verdict.NotHeld : Verdict.Inconclusive) : Verdict.Inconclusive;
        }
        claims.Add("C5", "Delay robustness: with the straggler mean raised the slope stays in [−1.2, −0.8] and the max delay grows (T1, H2)",
            st.Count < 2 ? Verdict.NotEvaluated : Verdicts.All([.. c5, grows]),
            string.Join("; ", st.Select(x => $"s={Fmt.Label(x.Point.Number("straggler"))}: slope {Fmt.Ci(Ci(x, "slope"))}, max delay {Fmt.Ci(Ci(x, "maxStaleness"), "0")}")), "[Proposed]");

        // C6: constant steps.
        var cs = r.Find(x => x.Is("study", AsynPdRun.ConstantStudy));
        var ratio = Ci(cs, "floorRatio");
        claims.Add("C6", "Constant steps: halving (α, β) roughly halves the stationary MSE floor (ratio in [1.5, 2.5]) (T1, H0)",
            cs is null ? Verdict.NotEvaluated : Verdicts.Within(ratio, 1.5, 2.5), $"floor ratio {Fmt.Ci(ratio)} (paired per run; floors averaged over the second half)", "[Proposed]");

        // C7: T2 accuracy.
        var t2 = r.Where(x => x.Is("study", AsynPdRun.Rate) && x.Is("case", "T2")).ToList();
        var c7 = new List<Verdict>();
        var c7ev = new List<string>();
        foreach (var pt in t2)
        {
            var rel = Ci(pt, "relError");
            var ex = pt.Get("powerExcess");
            c7.Add(Verdicts.AtMost(rel, 0.01));
            c7.Add(ex is null ? Verdict.NotEvaluated : Verdicts.FromCheck(ex.Mean <= 3 * ex.StdError));
            c7ev.Add($"{pt.Point.Category("timing")}: ‖p − p*‖/‖p*‖ {Fmt.Ci(rel)}, Σp − P_tot − δλ* = {Fmt.G(ex?.Mean ?? double.NaN)} (3 SE {Fmt.G(3 * (ex?.StdError ?? double.NaN))})");
        }
        claims.Add("C7", $"T2: final allocation within 1e-2 (relative) of the reference after {hi} iterations; total power ≤ P_tot + δλ*_δ + 3 SE",
            t2.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. c7]), string.Join("; ", c7ev), "[Proposed]");
        // C8: the rate with over-the-air aggregation.
        var ota = r.Find(x => x.Is("study", AsynPdRun.Ota));
        var otaSlope = Ci(ota, "slope");
        claims.Add("C8", $"Over-the-air aggregate at {Fmt.G(p.OtaSnrDb)} dB: the slope over [{lo}, {hi}] stays in [−1.2, −0.8] (T1, H1)",
            ota is null ? Verdict.NotEvaluated : Verdicts.Within(otaSlope, -1.2, -0.8), $"slope {Fmt.Ci(otaSlope)} vs {Fmt.Ci(slope)} with exact aggregation", "[Proposed]");
        return claims;
    }

    /// <summary>max/min of t·MSE(t) over the mean curve's steps in [from, to].</summary>
    private static double? TimesMseSpread(MetricCurve? curve, long from, long to)
    {
        if (curve is null) return null;
        double min = double.PositiveInfinity, max = 0;
        for (int k = 0; k < curve.Count; k++)
        {
            int s = curve.Steps[k];
            if (s < from || s > to) continue;
            double v = s * curve.Values[k].Mean;
            min = Math.Min(min, v); max = Math.Max(max, v);
        }
        return max > 0 ? max / min : null;
    }

    /// <summary>Exact log-log slopes of Σ_j δλ*_δ,j and ‖θ*_δ − θ*‖ against δ (T1 references).</summary>
    private static (double Violation, double Gap) ReferenceTrend(AsynPdRun run, double[] deltas)
    {
        if (deltas.Length < 2) return (double.NaN, double.NaN);
        var exact = run.TestBed.Reference(0);
        var x = deltas.Select(d => Math.Log(d)).ToArray();
        var v = deltas.Select(d => Math.Log(run.TestBed.Reference(d).Lambda.Sum() * d)).ToArray();
        var g = deltas.Select(d => Math.Log(Math.Sqrt(run.TestBed.Reference(d).PrimalSquaredError(exact.Theta)))).ToArray();
        return (Fit(x, v), Fit(x, g));
    }

    internal static double Fit(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
        return sxy / sxx;
    }

    private static Series CurveSeries(string label, MetricCurve c, int color, Func<int, double>? x = null) => new()
    {
        Label = label,
        X = [.. c.Steps.Select(s => x is null ? s : x(s))],
        Y = c.Means(),
        YError = [.. c.Values.Select(v => double.IsFinite(v.CiHigh) ? (v.CiHigh - v.CiLow) / 2 : 0)],
        ColorIndex = color,
    };

    private static void Figures(AsynPdRun run, AsynPdParameters p, RunResults r, ReportBuilder report)
    {
        // MSE vs iterations, log-log, with a c/t guide.
        foreach (string c in new[] { "T1", "T2" })
        {
            var series = new List<Series>();
            int color = 0;
            MetricCurve? anchor = null;
            foreach (var pt in r.Where(x => x.Is("case", c) && (x.Is("study", AsynPdRun.Rate) || x.Is("study", AsynPdRun.Slow) || x.Is("study", AsynPdRun.Ota))))
                if (pt.Curve("mse") is { } m)
                {
                    series.Add(CurveSeries($"{(pt.Point.Is("study", AsynPdRun.Slow) ? "slow steps " : pt.Point.Is("study", AsynPdRun.Ota) ? "over the air " : "Asyn-PD ")}{pt.Point.Category("timing")}", m, color++));
                    if (pt.Point.Is("timing", "H1") && pt.Point.Is("study", AsynPdRun.Rate)) anchor = m;
                }
            anchor ??= r.Where(x => x.Is("case", c) && x.Is("study", AsynPdRun.Rate)).Select(x => x.Curve("mse")).FirstOrDefault(m => m is not null);
            if (series.Count == 0 || anchor is null) continue;
            double cst = anchor.Steps[^1] * anchor.Last.Mean;
            double[] gx = [p.Iterations / 100.0, p.Iterations];
            series.Add(new Series { Label = $"c/t guide (c = {Fmt.G(cst)})", X = gx, Y = [.. gx.Select(t => cst / t)], Style = SeriesStyle.Line, ColorIndex = color });
            report.AddFigure(new Figure
            {
                Id = $"mse-iterations-{c}", Title = $"{c}: MSE vs server iterations (Asyn-PD)", XLabel = "server iteration t", YLabel = "E‖θ − θ*_δ‖² + ‖λ − λ*_δ‖²",
                LogX = true, LogY = true, Series = series,
                Caption = "Mean over runs with 95 % intervals; the dashed line is c/t through the H1 curve's last point.",
            });
        }

        // MSE vs virtual time, async vs sync, one panel per case and timing.
        var panels = new List<Figure>();
        foreach (var pt in r.Where(x => x.Is("study", AsynPdRun.Rate)))
        {
            var a = pt.Curve("mseTime"); var s = pt.Curve("mseTimeSync");
            if (a is null || s is null) continue;
            double dt = pt.Mean("timeStep");
            panels.Add(new Figure
            {
                Id = $"mse-time-{pt.Point.Category("case")}-{pt.Point.Category("timing")}", Title = $"{pt.Point.Category("case")}, {pt.Point.Category("timing")}",
                XLabel = "virtual time", YLabel = "MSE", LogY = true,
                Series = [CurveSeries("Asyn-PD", a, 0, k => k * dt), CurveSeries("Sync-PD", s, 1, k => k * dt)],
            });
        }
        if (panels.Count > 0)
            report.AddPanels(new PanelFigure { Id = "mse-time", Title = "MSE vs virtual time: Asyn-PD vs Sync-PD", Panels = panels, Columns = 3, Caption = "Same runs, same timing draws; the grid spans 0.9 of the expected Asyn-PD run time." });

        // Per-worker update counts.
        var upd = r.Where(x => x.Is("study", AsynPdRun.Rate) && x.Is("case", "T1")).Where(x => x.Curve("updates") is not null)
            .Select((pt, k) => new Series { Label = pt.Point.Category("timing"), X = pt.Curve("updates")!.X(), Y = pt.Curve("updates")!.Means(), ColorIndex = k, Style = SeriesStyle.Markers }).ToList();
        if (upd.Count > 0)
            report.AddFigure(new Figure { Id = "updates", Title = "T1: messages processed per worker (Asyn-PD)", XLabel = "worker", YLabel = "updates", YMin = 0, Series = upd });

        // Violation vs δ.
        var dp = r.Where(x => x.Is("study", AsynPdRun.DeltaStudy)).OrderBy(x => x.Point.Number("delta")).ToList();
        if (dp.Count > 0)
        {
            double[] ds = [.. dp.Select(x => x.Point.Number("delta"))];
            var exact = run.TestBed.Reference(0);
            report.AddFigure(new Figure
            {
                Id = "violation-delta", Title = "T1, H1: budget violation vs δ", XLabel = "δ", YLabel = "violation / distance", LogX = true, LogY = true,
                Series =
                [
                    new Series { Label = "measured Σ max(0, g_j(z_T))", X = ds, Y = [.. dp.Select(x => x.Mean("violation"))], YError = [.. dp.Select(x => Intervals.FromSummary(x.Get("violation")!).HalfWidth)], ColorIndex = 0 },
                    new Series { Label = "exact δ Σ λ*_δ", X = ds, Y = [.. ds.Select(d => d * run.TestBed.Reference(d).Lambda.Sum())], Style = SeriesStyle.Line, ColorIndex = 1 },
                    new Series { Label = "exact ‖θ*_δ − θ*‖", X = ds, Y = [.. ds.Select(d => Math.Sqrt(run.TestBed.Reference(d).PrimalSquaredError(exact.Theta)))], ColorIndex = 2 },
                ],
            });
        }

        // Final allocation vs reference (T2).
        var t2 = r.Where(x => x.Is("study", AsynPdRun.Rate) && x.Is("case", "T2")).Where(x => x.Curve("allocation") is not null).ToList();
        if (t2.Count > 0)
        {
            var refp = run.Power.Reference(p.Delta);
            var series = new List<Series> { new() { Label = "reference p*_δ", X = [.. Enumerable.Range(0, refp.Theta.Length).Select(i => (double)i)], Y = [.. refp.Theta.Select(t => t[0])], Style = SeriesStyle.Markers, ColorIndex = 0 } };
            int k = 1;
            foreach (var pt in t2) series.Add(CurveSeries($"Asyn-PD {pt.Point.Category("timing")}", pt.Curve("allocation")!, k++) with { Style = SeriesStyle.Markers });
            report.AddFigure(new Figure { Id = "allocation", Title = "T2: final power allocation vs reference", XLabel = "user", YLabel = "power p_i", YMin = 0, Series = series, Caption = "Users in the order of their (log-uniform) mean gains as drawn." });
        }
    }

    private static Table Summary(RunResults r)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var pt in r.Points)
        {
            string V(string m) => pt.Get(m) is { } s ? Fmt.Ci(Intervals.FromSummary(s), "0.####") : Fmt.Missing;
            rows.Add([pt.Point.Label, V("slope"), V("speedup"), V("timeToTarget"), V("timeToTargetSync"), V("maxStaleness"), V("meanStaleness"), V("violation"), V("finalMse")]);
        }
        return new Table
        {
            Id = "summary", Title = "Per-point results (mean and 95 % interval over runs)",
            Columns = ["point", "slope", "speedup", "time to target (async)", "time to target (sync)", "max delay", "mean delay", "final violation", "final MSE"],
            Rows = rows,
        };
    }
}
