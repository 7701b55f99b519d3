using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Scenarios.Dcpo;

/// <summary>The <c>dcpo</c> report: claims D1–D5 of docs/dcpo.md from paired per-seed differences, curves, histograms and a summary table.</summary>
internal static class DcpoReport
{
    private static readonly Dictionary<string, string> Names = new() { ["grpo"] = "GRPO", ["dapo"] = "DAPO", ["gspo"] = "GSPO", ["dcpo"] = "DCPO" };

    private static string Name(string m) => Names.TryGetValue(m, out var n) ? n : m;

    /// <summary>A level (not a change) in percent, e.g. 0.274 → "27.4 %".</summary>
    private static string Pc(double fraction) => double.IsFinite(fraction) ? Fmt.F(100 * fraction, "0.0") + " %" : Fmt.Missing;

    public static void Build(DcpoParameters p, RunResults r, ReportBuilder report)
    {
        report.AddText("DCPO (dynamic-adaptive clipping, smooth advantage standardisation, only-token-mean loss; arXiv 2509.02333) against GRPO, " +
            "DAPO (clip-higher, dynamic sampling, token-mean) and GSPO (sequence ratio) on toy verifiable token tasks (docs/dcpo.md). " +
            $"Per seed every method starts from the same supervised warm start ({p.WarmStartSteps} Adam steps on {Pc(p.WarmStartFraction)} of the prompts), " +
            $"sees the same prompt order and sampling seed, and runs until it has generated {Fmt.N(p.BudgetResponses)} responses " +
            $"({p.PromptsPerStep} prompts × G = {p.Generations} per step, μ = {p.InnerEpochs} inner epochs, Adam lr {Fmt.G(p.LearningRate)}, β2 = 0.999, no KL). " +
            $"DAPO's discarded groups count against its budget, so it takes fewer steps. Accuracy is greedy over all 100 prompts. " +
            "Intervals: 95 % Student intervals over seeds of the paired per-seed differences (ratios by the delta method on the same pairs); " +
            "with 3 seeds they are wide, and a claim is held only when its interval says so.");
        report.AddClaims(Claims(p, r));
        foreach (var pt in r.Where(x => !x.Is("task", DcpoRun.Rare))) Figures(p, pt, report);
        report.AddTable(Summary(p, r));
    }

    private static ConfidenceInterval Diff(PointResult pt, string metric, string other) =>
        pt.Get($"diff.{metric}.dcpo.vs.{other}") is { } d ? Intervals.FromSummary(d) : ConfidenceInterval.Undefined();

    private static ConfidenceInterval Ratio(PointResult pt, string metric, string a, string b)
    {
        var ma = pt.Get($"{metric}.{a}");
        var mb = pt.Get($"{metric}.{b}");
        var d = pt.Get($"diff.{metric}.dcpo.vs.{(a == "dcpo" ? b : a)}");
        return ma is null || mb is null || d is null || ma.Count != mb.Count || ma.Count != d.Count ? ConfidenceInterval.Undefined() : Intervals.PairedRatio(ma, mb, d);
    }

    private static ClaimsTable Claims(DcpoParameters p, RunResults r)
    {
        var claims = new ClaimsTable("claims", "Claims (docs/dcpo.md)");
        foreach (var pt in r.Where(x => !x.Is("task", DcpoRun.Rare)))
        {
            string t = pt.Point.Category("task");
            // D1: clip ratio.
            var vg = Ratio(pt, "meanClipRatio", "dcpo", "grpo");
            var vd = Ratio(pt, "meanClipRatio", "dcpo", "dapo");
            claims.Add($"D1 ({t})", "Mean token clipping ratio over training: DCPO ≤ 0.3 × GRPO and ≤ 0.3 × DAPO",
                Verdicts.All(Verdicts.AtMost(vg, 0.3), Verdicts.AtMost(vd, 0.3)),
                $"DCPO {Fmt.G(pt.Mean("meanClipRatio.dcpo"))}, GRPO {Fmt.G(pt.Mean("meanClipRatio.grpo"))}, DAPO {Fmt.G(pt.Mean("meanClipRatio.dapo"))}, " +
                $"GSPO {Fmt.G(pt.Mean("meanClipRatio.gspo"))}; DCPO/GRPO {Fmt.Ci(vg)}, DCPO/DAPO {Fmt.Ci(vd)}",
                "[P] an order of magnitude lower; [Proposed] 0.3× for the toy");
            // D2: utilisation.
            var u = Diff(pt, "meanNonZeroAdvantage", "grpo");
            claims.Add($"D2 ({t})", "Mean non-zero-advantage fraction once every prompt has been visited twice: DCPO ≥ GRPO + 0.10 (absolute)",
                Verdicts.AtLeast(u, 0.10),
                $"DCPO {Pc(pt.Mean("meanNonZeroAdvantage.dcpo"))}, GRPO {Pc(pt.Mean("meanNonZeroAdvantage.grpo"))}, DAPO {Pc(pt.Mean("meanNonZeroAdvantage.dapo"))} " +
                $"(of generated responses); DCPO − GRPO {Fmt.PctCi(u)}",
                "[P] +28 % relative over GRPO; [Proposed] +0.10 absolute");
            // D3: responses to the accuracy target, DAPO / DCPO.
            var e = Ratio(pt, "responsesToTarget", "dapo", "dcpo");
            var v3 = Verdicts.AtLeast(e, 1.3);
            double cDcpo = pt.Mean("censoredTarget.dcpo"), cDapo = pt.Mean("censoredTarget.dapo");
            if (cDcpo > 0 && v3 == Verdict.Held) v3 = Verdict.Inconclusive;       // DCPO's count is a lower bound: the ratio may be too high
            if (cDapo > 0 && v3 == Verdict.NotHeld) v3 = Verdict.Inconclusive;    // DAPO's count is a lower bound: the ratio may be too low
            claims.Add($"D3 ({t})", $"Generated responses until greedy accuracy first exceeds {Pc(p.AccuracyTarget)}: DAPO ≥ 1.3 × DCPO",
                double.IsNaN(pt.Mean("responsesToTarget.dcpo")) ? Verdict.NotEvaluated : v3,
                $"DCPO {Fmt.F(pt.Mean("responsesToTarget.dcpo"), "0")}, DAPO {Fmt.F(pt.Mean("responsesToTarget.dapo"), "0")}, GRPO {Fmt.F(pt.Mean("responsesToTarget.grpo"), "0")} (mean); " +
                $"DAPO/DCPO {Fmt.Ci(e)}; runs that never reached it (counted at the budget): DCPO {Pc(cDcpo)}, DAPO {Pc(cDapo)}",
                "[P] about 2× training efficiency; [Proposed] 1.3×");
            // D4: final accuracy.
            var f = Diff(pt, "finalAccuracy", "grpo");
            claims.Add($"D4 ({t})", "Final greedy accuracy at the equal response budget: DCPO ≥ GRPO − 2 points",
                Verdicts.AtLeast(f, -0.02),
                $"DCPO {Pc(pt.Mean("finalAccuracy.dcpo"))}, GRPO {Pc(pt.Mean("finalAccuracy.grpo"))}, DAPO {Pc(pt.Mean("finalAccuracy.dapo"))}, " +
                $"GSPO {Pc(pt.Mean("finalAccuracy.gspo"))}; DCPO − GRPO {Fmt.PctCi(f)}",
                "[P] DCPO best on AIME; [Proposed] soft toy check");
        }
        var rare = r.Find(x => x.Is("task", DcpoRun.Rare));
        if (rare is not null)
        {
            var g = Diff(rare, "rareGain", "grpo");
            claims.Add("D5 (T1, log-uniform prior)", $"After {p.RareSteps} steps the mean increase of log π(correct) over prompts with q(correct) < {Fmt.G(p.RareThreshold)} is larger under DCPO than under GRPO",
                Verdicts.AtLeast(g, 0),
                $"DCPO {Fmt.G(rare.Mean("rareGain.dcpo"))}, GRPO {Fmt.G(rare.Mean("rareGain.grpo"))}, DAPO {Fmt.G(rare.Mean("rareGain.dapo"))}, GSPO {Fmt.G(rare.Mean("rareGain.gspo"))} nats " +
                $"({Fmt.G(rare.Mean("rarePrompts"))} rare prompts per seed on average, {p.RarePolicy} policy; mean clip ratio DCPO {Fmt.G(rare.Mean("rareClipRatio.dcpo"))}, GRPO {Fmt.G(rare.Mean("rareClipRatio.grpo"))}); DCPO − GRPO {Fmt.Ci(g)}",
                "[P] DAC's exploration argument; [Proposed] test");
        }
        return claims;
    }

    private static void Figures(DcpoParameters p, PointResult pt, ReportBuilder report)
    {
        string t = pt.Point.Category("task");
        var methods = p.Methods;
        SeriesStyle[] styles = [SeriesStyle.LineMarkers, SeriesStyle.DashedLine, SeriesStyle.LineMarkers, SeriesStyle.DashedLine];
        List<Series> Curves(string metric, Func<double, double>? x = null) =>
        [
            .. methods.Select((m, i) => (m, i, c: pt.Curve($"{metric}.{m}"))).Where(z => z.c is not null).Select(z => new Series
            {
                Label = Name(z.m), X = x is null ? z.c!.X() : [.. z.c!.X().Select(x)], Y = z.c!.Means(), Style = styles[z.i % styles.Length], ColorIndex = Array.IndexOf(DcpoParameters.KnownMethods, z.m),
            }),
        ];
        report.AddFigure(new Figure
        {
            Id = $"clip-{t}", Title = $"{t}: token clipping ratio per step", XLabel = "step", YLabel = "fraction of response tokens clipped", YMin = 0,
            Series = Curves("clipRatio"), Caption = "Mean over seeds; averaged over the μ inner epochs of a step (the first epoch has r = 1).",
        });
        report.AddFigure(new Figure
        {
            Id = $"nonzero-{t}", Title = $"{t}: non-zero-advantage fraction per step", XLabel = "step", YLabel = "fraction of generated responses with |Â| > 1e-8", YMin = 0, YMax = 1,
            Series = Curves("nonZeroAdvantage"), Caption = "DAPO's discarded groups count as zero.",
        });
        report.AddFigure(new Figure
        {
            Id = $"accuracy-{t}", Title = $"{t}: greedy accuracy vs generated responses", XLabel = "generated responses", YLabel = "greedy accuracy", YMin = 0, YMax = 1,
            Series = Curves("accuracy", k => k * p.CheckpointResponses), Caption = "Mean over seeds, at equal response budgets.",
        });
        var panels = new List<Figure>();
        for (int b = 0; b < DcpoRun.QEdges.Length - 1; b++)
        {
            int bucket = b;
            var series = methods.Select((m, i) => (m, c: pt.Curve($"ratioHistogram.{m}.q{bucket}"))).Where(z => z.c is not null).Select(z => new Series
            {
                Label = Name(z.m), X = [.. z.c!.X().Select(k => (k + 0.5) * DcpoRun.RatioBinWidth)], Y = z.c!.Means(), Style = SeriesStyle.LineMarkers,
                ColorIndex = Array.IndexOf(DcpoParameters.KnownMethods, z.m),
            }).ToList();
            if (series.Count == 0) continue;
            panels.Add(new Figure
            {
                Id = $"ratio-{t}-q{b}", Title = $"q ∈ [{Fmt.G(DcpoRun.QEdges[b])}, {Fmt.G(Math.Min(1, DcpoRun.QEdges[b + 1]))}]", XLabel = "importance ratio r", YLabel = "fraction of tokens",
                YMin = 0, Series = series,
            });
        }
        if (panels.Count > 0)
            report.AddPanels(new PanelFigure
            {
                Id = $"ratio-{t}", Title = $"{t}: importance ratio r by old-probability bucket (inner epochs 2…μ)", Panels = panels,
                Caption = $"Bins of width {Fmt.G(DcpoRun.RatioBinWidth)}; the last bin holds r ≥ {Fmt.G(DcpoRun.RatioBins * DcpoRun.RatioBinWidth - DcpoRun.RatioBinWidth)}. GSPO's ratio is its sequence ratio.",
            });
    }

    private static Table Summary(DcpoParameters p, RunResults r)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var pt in r.Where(x => !x.Is("task", DcpoRun.Rare)))
            foreach (string m in p.Methods)
                rows.Add([pt.Point.Category("task"), Name(m), Fmt.F(pt.Mean($"steps.{m}"), "0.#"), Fmt.F(pt.Mean($"generatedResponses.{m}"), "0"),
                    Fmt.G(pt.Mean($"meanClipRatio.{m}")), Pc(pt.Mean($"meanNonZeroAdvantage.{m}")), Pc(pt.Mean("initialAccuracy")),
                    Pc(pt.Mean($"finalAccuracy.{m}")), Fmt.F(pt.Mean($"responsesToTarget.{m}"), "0")]);
        return new Table
        {
            Id = "summary", Title = "Per task and method (means over seeds)",
            Columns = ["task", "method", "steps", "generated responses", "mean clip ratio", "non-zero advantage", "initial accuracy (after the warm start)", "final accuracy", $"responses to {Pc(p.AccuracyTarget)}"],
            Rows = rows,
        };
    }
}
