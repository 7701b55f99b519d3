using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;
using PhyToolkit.Optimization.Hierarchical;
using static PhyToolkit.Scenarios.Optimizers.HierarchicalRun;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

// Claims 2, 3, 6 and the data-driven problems.
internal static partial class HierarchicalReport
{
    /// <summary>
    /// Claim 2: knee T(σ) where the error exceeds KneeFactor × the σ = 0 error; ratio T(σ/10)/T(σ) ∈ [20, 500]. The interval of a knee
    /// ratio comes from the pointwise 95 % bands: the earliest knee uses the upper band of error(σ) against the lower band of error(0),
    /// the latest the reverse.
    /// </summary>
    private static void ReportKnee(HierarchicalRun run, Points pts, ReportBuilder report, ClaimsTable claims)
    {
        var p = run.Parameters;
        var dense = run.DenseRateHorizons;
        var hs = dense.Select(h => (double)h).ToArray();
        var panels = new List<Figure>();
        var captions = new List<string>();
        var rows = new List<IReadOnlyList<string>>();
        string f = Fmt.F(p.KneeFactor);
        double Knee(double[] es, double[] e0) => e0.Any(double.IsNaN) || es.Any(double.IsNaN) ? double.NaN : ConvergenceDiagnostics.KneeIteration(hs, es, e0, p.KneeFactor);
        foreach (bool bilevel in new[] { false, true })
        {
            string name = bilevel ? "B1" : "M1";
            int z = pts.Find(bilevel, Method.Ada, 0);
            var e0 = pts.Curve(z, dense, "logErr");
            var e0Low = pts.Curve(z, dense, "logErr", m => m.CiLow);
            var e0High = pts.Curve(z, dense, "logErr", m => m.CiHigh);
            var series = new List<Series>();
            var knees = new Dictionary<double, (double Est, double Early, double Late)>();
            int color = 0;
            foreach (double s in run.AdaLevels.Where(v => v > 0))
            {
                int pi = pts.Find(bilevel, Method.Ada, s);
                var es = pts.Curve(pi, dense, "logErr");
                series.Add(Line($"σ = {Fmt.F(s)}", hs, es.Zip(e0, (a, b) => Math.Exp(a - b)), color++, SeriesStyle.Line));
                knees[s] = (Knee(es, e0), Knee(pts.Curve(pi, dense, "logErr", m => m.CiHigh), e0Low), Knee(pts.Curve(pi, dense, "logErr", m => m.CiLow), e0High));
            }
            series.Add(Line($"factor {f}", [hs[0], hs[^1]], [p.KneeFactor, p.KneeFactor], color, SeriesStyle.DashedLine));
            var ratios = new List<string>();
            var verdicts = new List<Verdict>();
            foreach (double s in knees.Keys)
            {
                double lo = knees.Keys.FirstOrDefault(v => Math.Abs(v - s / 10) <= 1e-9 * s, double.NaN);
                if (double.IsNaN(lo)) continue;
                double ratio = knees[lo].Est / knees[s].Est;
                rows.Add([name, Fmt.F(s), Fmt.F(lo), Fmt.G(knees[s].Est), Fmt.G(knees[lo].Est), Fmt.F(ratio, "0.0")]);
                if (double.IsNaN(ratio)) { ratios.Add($"σ {Fmt.F(s)}→{Fmt.F(lo)}: knee outside [{dense[0]}, {dense[^1]}]"); continue; }
                double rLow = knees[lo].Early / knees[s].Late, rHigh = knees[lo].Late / knees[s].Early;
                var ci = double.IsFinite(rLow) && double.IsFinite(rHigh) ? new ConfidenceInterval(ratio, rLow, rHigh, 0.95, 0) : ConfidenceInterval.Undefined(ratio);
                verdicts.Add(Verdicts.Within(ci, 20, 500));
                ratios.Add($"σ {Fmt.F(s)}→{Fmt.F(lo)}: {Fmt.G(knees[s].Est)} → {Fmt.G(knees[lo].Est)}, ratio {Fmt.Ci(ci, "0.0")}");
            }
            claims.Add($"{name}-2", $"{name}: the knee moves right ~100× when σ is divided by 10 (ratio in [20, 500]) for every pair whose knees are both inside [{dense[0]}, {dense[^1]}] (claim 2)",
                verdicts.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. verdicts]), ratios.Count > 0 ? string.Join("; ", ratios) : "no σ, σ/10 pair", Source);
            string c = claims.CaptionOf($"{name}-2");
            captions.Add(c);
            panels.Add(new Figure
            {
                Id = bilevel ? "bilevel-knee" : "minimax-knee", Title = $"Ada on {name}: error relative to σ = 0",
                XLabel = "iterations T", YLabel = "error(σ) / error(σ = 0)", LogX = true, LogY = true, Series = series, Caption = c,
            });
        }
        report.AddPanels(new PanelFigure
        {
            Id = "knee-vs-noise", Title = "Crossover from the deterministic to the noisy regime (claim 2)", Panels = panels, Columns = 2,
            Caption = $"Knee definition (ours): the first T at which the tail-mean error at σ exceeds {f}× the σ = 0 error from the same starts "
                + "(geometric mean over seeds; log-linear interpolation between horizons). For e(T) = A/√T + B√σ·T^{−1/4} this T equals "
                + $"(A({f} − 1)/B)⁴/σ², so the predicted ratio for σ → σ/10 is 100 (spec §2, T ≈ σ̄^{{−2}}). " + string.Join(" ", captions),
        });
        report.AddTable(new Table
        {
            Id = "knees", Title = "Knee iterations of Ada (claim 2)",
            Columns = ["problem", "σ", "σ/10", "knee T(σ)", "knee T(σ/10)", "ratio"], Rows = rows,
        });
    }

    /// <summary>Claim 3: one hyperparameter set vs NSGD-M tuned per σ on a 5×5 grid; Ada within 3× of the tuned error.</summary>
    private static void ReportTuning(HierarchicalRun run, Points pts, ReportBuilder report, ClaimsTable claims)
    {
        var p = run.Parameters;
        int T = p.TuningIterations;
        var panels = new List<Figure>();
        var captions = new List<string>();
        var rows = new List<IReadOnlyList<string>>();
        const double zeroAt = 1e-3;
        foreach (bool bilevel in new[] { false, true })
        {
            string name = bilevel ? "B1" : "M1";
            var sig = p.TuningNoiseLevels;
            var xs = sig.Select(s => s > 0 ? s : zeroAt).ToArray();
            var ada = sig.Select(s => Math.Exp(Mean(pts.Results, pts.FindTuning(bilevel, s), "logErrAda"))).ToArray();
            var tuned = sig.Select(s => Math.Exp(Mean(pts.Results, pts.FindTuning(bilevel, s), "logErrTuned"))).ToArray();
            var ratio = sig.Select(s => Interval(Summary(pts.Results, pts.FindTuning(bilevel, s), "logAdaOverTuned"))).ToArray();
            for (int i = 0; i < sig.Length; i++)
            {
                int pi = pts.FindTuning(bilevel, sig[i]);
                double ai = Mean(pts.Results, pi, "bestAlphaIndex"), ei = Mean(pts.Results, pi, "bestEtaIndex");
                rows.Add([name, Fmt.F(sig[i]), Fmt.G(ada[i]), Fmt.G(tuned[i]), Fmt.F(Math.Exp(ratio[i].Estimate), "0.00"),
                    double.IsNaN(ai) ? Fmt.Missing : $"α = {Fmt.G(GridAlpha[(int)Math.Round(ai)])}, η = {Fmt.G(GridEtaScale[(int)Math.Round(ei)])}·c_η/√T"]);
            }
            claims.Add($"{name}-3", $"{name}: with one hyperparameter set, Ada's error is within 3× of NSGD-M tuned on the 5×5 (α, η) grid for each σ ∈ {{{string.Join(", ", sig.Select(v => Fmt.F(v)))}}} at T = {T} (claim 3)",
                Verdicts.All([.. ratio.Select(r => Verdicts.AtMost(r, Math.Log(3)))]), "Ada/tuned = " + string.Join(", ", ratio.Select(r => ExpCi(r))) + $" ({p.TuningSeeds} seed(s))", Source);
            string c = claims.CaptionOf($"{name}-3");
            captions.Add(c);
            panels.Add(new Figure
            {
                Id = bilevel ? "bilevel-tuning" : "minimax-tuning", Title = $"{name}: Ada vs per-σ tuned NSGD-M",
                XLabel = $"oracle noise σ (σ = 0 drawn at {Fmt.F(zeroAt)})", YLabel = $"mean ‖∇Φ(x_t)‖, t ∈ (T/2, T], T = {T}", LogX = true, LogY = true,
                Series = [Line("Ada (c_α = 1, c_η fixed)", xs, ada, 0), Line("NSGD-M, best of 5×5 grid for this σ", xs, tuned, 1)], Caption = c,
            });
        }
        report.AddPanels(new PanelFigure
        {
            Id = "tuning-vs-noise", Title = "Adaptivity without retuning (claim 3)", Panels = panels, Columns = 2,
            Caption = $"NSGD-M grid (our choice): α ∈ {{1, 0.32, 0.1, 0.032, 0.01}}, η = (c_η/√T)·{{0.1, 0.32, 1, 3.2, 10}}; the best cell per σ is picked "
                + $"on the same starts and noise streams it is scored on (oracle tuning, favouring NSGD-M). {p.TuningSeeds} seed(s); geometric means; "
                + "with a single seed the interval is undefined and the claim inconclusive. " + string.Join(" ", captions),
        });
        report.AddTable(new Table
        {
            Id = "tuning", Title = "Ada vs tuned NSGD-M (claim 3)",
            Columns = ["problem", "σ", "Ada error", "tuned NSGD-M error", "Ada / tuned", "best grid cell"], Rows = rows,
        });
    }

    /// <summary>Claim 6: ‖y_t − y*(x_t)‖ (and ‖z_t − z*(x_t)‖) below a constant multiple of κη_t after burn-in.</summary>
    private static void ReportTracking(HierarchicalRun run, Points pts, ReportBuilder report, ClaimsTable claims)
    {
        var p = run.Parameters;
        var horizons = run.RateHorizons;
        var hs = horizons.Select(h => (double)h).ToArray();
        var panels = new List<Figure>();
        var captions = new List<string>();
        var rows = new List<IReadOnlyList<string>>();
        foreach (bool bilevel in new[] { false, true })
        {
            string name = bilevel ? "B1" : "M1";
            var series = new List<Series>();
            var parts = new List<string>();
            var verdicts = new List<Verdict>();
            int color = 0;
            foreach (double s in p.NoiseLevels)
            {
                int pi = pts.Find(bilevel, Method.Ada, s);
                foreach (string v in bilevel ? new[] { "Y", "Z" } : ["Y"])
                {
                    var ly = pts.Curve(pi, horizons, $"logTrack{v}");
                    if (ly.Any(double.IsNaN)) continue;
                    var late = Enumerable.Range(0, hs.Length).Where(k => hs[k] >= p.Iterations / 10.0).ToArray();
                    double growth = LogLogSlope(late.Select(k => hs[k]).ToList(), late.Select(k => ly[k]).ToList()), sup = Math.Exp(ly.Max());
                    var ci = Interval(Summary(pts.Results, pi, $"trackGrowth{v}"));
                    verdicts.Add(Verdicts.AtMost(ci, 0.1));
                    series.Add(Line($"{(v == "Y" ? "y" : "z")}, σ = {Fmt.F(s)}", hs, ly.Select(Math.Exp), color, v == "Y" ? SeriesStyle.LineMarkers : SeriesStyle.DashedLine));
                    parts.Add($"{v.ToLowerInvariant()}, σ = {Fmt.F(s)}: exponent {Fmt.Ci(ci, "0.00")}, max {Fmt.G(sup)}");
                    rows.Add([name, v == "Y" ? "‖y − y*‖" : "‖z − z*‖", Fmt.F(s), Fmt.F(growth, "0.00"), Fmt.G(sup)]);
                }
                color++;
            }
            claims.Add($"{name}-6", $"{name}: the tracking ratio ‖·_t − ·*(x_t)‖/(κη_t) stays below a constant after burn-in at every σ (growth exponent of its running maximum over T ∈ [{p.Iterations / 10}, {p.Iterations}] ≤ 0.1) (claim 6)",
                verdicts.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. verdicts]), string.Join("; ", parts), Source);
            string c = claims.CaptionOf($"{name}-6");
            captions.Add(c);
            panels.Add(new Figure
            {
                Id = bilevel ? "bilevel-tracking" : "minimax-tracking", Title = $"Ada on {name}: inner tracking ratio",
                XLabel = "iterations T", YLabel = $"tracking ratio, running max over t ∈ ({BurnIn}, T]", LogX = true, LogY = true, Series = series, Caption = c,
            });
        }
        report.AddPanels(new PanelFigure
        {
            Id = "tracking-vs-noise", Title = "Inner tracking relative to the outer step (claim 6)", Panels = panels, Columns = 2,
            Caption = "κ = Lipschitz constant of y*(·) (‖B‖₂/μ on M1, ‖H⁻¹Cᵀ‖₂ on B1), so κη_{t−1} bounds how far y* moved in one outer step; "
                + "z* = [∇²_yy g]⁻¹∇_y f at y* (B1), normalised by the same κη. "
                + $"Plotted: the running maximum after a burn-in of {BurnIn} steps (geometric mean over seeds); its fitted log–log growth exponent is "
                + "near 0 when the ratio stays below a constant and 1/2 when it grows like √t; under noise the inner AdaGrad-Norm error decays like t^{−1/4} while η_t decays like t^{−3/4}, "
                + "so a growth like √t is expected there (our derivation: σ t^{1/2}). " + string.Join(" ", captions),
        });
        report.AddTable(new Table
        {
            Id = "tracking", Title = "Inner tracking ratio (claim 6)",
            Columns = ["problem", "variable", "σ", "growth exponent", "max ratio"], Rows = rows,
        });
    }

    /// <summary>Ada vs NSGD-M (and TiAda on M2) on the data-driven problems, at each minibatch size.</summary>
    private static void ReportApplications(HierarchicalRun run, Points pts, ReportBuilder report, ClaimsTable claims)
    {
        var p = run.Parameters;
        var hs = run.AppHorizons;
        int T = p.ApplicationIterations;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var app in new[] { App.M2, App.B2, App.B3 })
        {
            var series = new List<Series>();
            var parts = new List<string>();
            var verdicts = new List<Verdict>();
            int color = 0;
            var methods = app == App.M2 ? new[] { Method.Ada, Method.Nsgdm, Method.TiAda } : [Method.Ada, Method.Nsgdm];
            foreach (var m in methods)
            {
                int bi = 0;
                foreach (int b in p.ApplicationBatchSizes)
                {
                    int pi = pts.FindApplication(app, m, b);
                    var e = pts.Curve(pi, hs, "logErr").Select(Math.Exp).ToArray();
                    string lvl = b == 0 ? "exact" : $"b = {b}";
                    series.Add(Line($"{m}, {lvl}", hs.Select(h => (double)h), e, color, bi++ == 0 ? SeriesStyle.LineMarkers : SeriesStyle.DashedLine));
                    rows.Add([app.ToString(), m.ToString(), lvl, Fmt.G(Math.Exp(Mean(pts.Results, pi, "logGrad0"))), Fmt.G(e[^1]), Fmt.F(Mean(pts.Results, pi, "oracleCallsPerStep"), "0")]);
                }
                color++;
            }
            foreach (int b in p.ApplicationBatchSizes)
            {
                var ada = pts.LogErrSummary(pts.FindApplication(app, Method.Ada, b), T);
                var others = methods.Where(m => m != Method.Ada).Select(m => (Method: m, E: pts.LogErrSummary(pts.FindApplication(app, m, b), T))).ToList();
                if (ada is null || others.Any(o => o.E is null)) continue;
                var diffs = others.Select(o => (o.Method, o.E, D: Difference(ada, o.E))).ToList();
                verdicts.AddRange(diffs.Select(d => Verdicts.AtMost(d.D, 0)));
                parts.Add($"{(b == 0 ? "exact" : $"b = {b}")}: Ada {Fmt.G(Math.Exp(ada.Mean))}, "
                    + string.Join(", ", diffs.Select(d => $"{d.Method} {Fmt.G(Math.Exp(d.E!.Mean))} (Ada/{d.Method} {ExpCi(d.D)})")));
            }
            string what = app switch
            {
                App.M2 => "M2, distributionally robust classification (n = 200, d = 10, μ = 0.1, 10 % flipped labels, p ∈ Δ₂₀₀ by exact sort-based projection)",
                App.B2 => "B2, regularisation selection (logistic, n_train = n_val = 500, d = 20, ridge exp(x_j))",
                _ => "B3, hyper data-cleaning (linear logistic model, n_train = n_val = 300, d = 10, 30 % corrupted labels, weights σ(x_i), C = 1e-3)",
            };
            claims.Add(app.ToString(), $"{app}: Ada's final ‖∇Φ‖ at T = {T} is no larger than every baseline's at each noise level ([secondary]: Ada-BiO faster than the baselines in deterministic and stochastic settings)",
                verdicts.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. verdicts]), string.Join("; ", parts), "docs/optim-hierarchical.md");
            report.AddFigure(new Figure
            {
                Id = $"app-{app.ToString().ToLowerInvariant()}", Title = $"{app}: ‖∇Φ‖ vs iterations",
                XLabel = "iterations T", YLabel = "mean ‖∇Φ(x_t)‖, t ∈ (T/2, T]", LogX = true, LogY = true, Series = series,
                Caption = $"Problem {what} [proposal], exact ∇Φ ({(app == App.M2 ? "Danskin with p* = Proj_Δ(1/n + ℓ/μ)" : "implicit-function formula at a Newton-converged lower solution")}). "
                    + $"Noise = importance-weighted/uniform minibatches of b samples (b = 0: exact oracles). c_η = {Fmt.F(AppCEta(app))} (our choice), c_α = 1; "
                    + "NSGD-M uses the σ = 1 constants of spec §2 for this T (not tuned for the problem)"
                    + (app == App.M2 ? "; TiAda α = 0.6, β = 0.4, η = 0.1. " : ". ") + claims.CaptionOf(app.ToString()),
            });
        }
        report.AddTable(new Table
        {
            Id = "applications", Title = "Data-driven problems: ‖∇Φ‖ at the start and at T",
            Columns = ["problem", "method", "oracle", "‖∇Φ(x₀)‖", $"error at T = {T}", "oracle calls / step"], Rows = rows,
        });
    }
}
