using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;
using static PhyToolkit.Scenarios.Optimizers.QuantizationRun;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The report of <c>optim-quantized</c>: one claims table (Q1–Q6 and the stochastic-rounding claims of docs/optim-quantized.md)
/// with the swamping table, the component sweep, the horizon sweep (Q5) and the MLP grid. Relative loss gaps g = l/l0 − 1 are paired
/// per seed (each quantised run against its float64 reference on the same data) and carry a 95 % interval over seeds.
/// </summary>
internal sealed class QuantizationReport
{
    private const string Source = "docs/optim-quantized.md";

    private readonly QuantizationParameters _param;
    private readonly List<Spec> _specs;
    private readonly ClaimsTable _claims = new("claims", "Claims (95 % intervals over seeds; exact checks where stated)")
    {
        Caption = "Held when the interval lies on the claimed side, not held when on the other side, else inconclusive. Gaps g = l/l0 − 1 are "
            + "paired per seed against the float64 run on the same data; differences between two gaps (different points) use Welch-type intervals. "
            + "Round-to-nearest swamping values are deterministic; Q5's m*(T) is read off the seed-mean gaps.",
    };

    private QuantizationReport(QuantizationParameters p, RunResults results)
    {
        _param = p;
        _specs = results.Points.Select(r => SpecOf(r.Point)).ToList();
    }

    /// <summary>Builds the report.</summary>
    public static void Build(QuantizationParameters p, RunResults results, ReportBuilder report)
    {
        var q = new QuantizationReport(p, results);
        var body = new ReportBuilder();
        q.BuildMain(results, body);
        q.BuildHorizonReport(results, body);
        q.BuildNetReport(results, body);
        report.AddClaims(q._claims);
        AppendItems(report, body);
    }

    /// <summary>An estimate with its standard error and sample count.</summary>
    private readonly record struct Est(double Value, double Se, long N)
    {
        public static Est Missing => new(double.NaN, double.NaN, 0);

        /// <summary>this − c·other, standard errors combined as independent.</summary>
        public Est Minus(Est other, double c = 1) => new(Value - c * other.Value, Math.Sqrt(Se * Se + c * c * other.Se * other.Se), Math.Min(N, other.N));
    }

    private static ConfidenceInterval Ci(Est e) =>
        e.N < 2 || !double.IsFinite(e.Se) || !double.IsFinite(e.Value) ? ConfidenceInterval.Undefined(e.Value, (int)e.N)
            : new ConfidenceInterval(e.Value, e.Value - Intervals.StudentQuantile(0.95, e.N - 1) * e.Se, e.Value + Intervals.StudentQuantile(0.95, e.N - 1) * e.Se, 0.95, (int)e.N);

    private static ConfidenceInterval Interval(MetricSummary? m) => m is null ? ConfidenceInterval.Undefined() : Intervals.FromSummary(m);

    /// <summary>Relative gap g = l/l0 − 1: the mean of the per-seed paired gaps ("pairedGap") with its standard error.</summary>
    private Est GapEst(RunResults r, int o, int c, int m, bool sr = false, int e = 1, int steps = -1) =>
        Summary(r, Find(e, o, c, m, sr, steps: steps), "pairedGap") is { } g ? new Est(g.Mean, g.StdError, (long)g.Count) : Est.Missing;

    private int Find(int e, int o, int c, int m, bool sr = false, double b2 = 0.999, int steps = -1)
    {
        int T = steps >= 0 ? steps : e == 1 ? _param.Steps : e == 2 ? _param.NetSteps : 0;
        return _specs.FindIndex(s => s.Experiment == e && s.Optimiser == o && s.Component == c && s.Bits == m && s.Stochastic == sr && s.Beta2 == b2 && s.Steps == T);
    }

    /// <summary>Relative loss gap (mean loss − mean float64 loss)/mean float64 loss of the same optimiser, experiment and T.</summary>
    private double Gap(RunResults r, int o, int c, int m, bool sr = false, int e = 1, int steps = -1)
    {
        double l = Mean(r, Find(e, o, c, m, sr, steps: steps), "loss"), l0 = Mean(r, Find(e, o, 0, 52, steps: steps), "loss");
        return (l - l0) / l0;
    }

    private void BuildMain(RunResults results, ReportBuilder report)
    {
        // Swamping table and claims Q1, Q2.
        double V(int m, bool sr, double b2) => Mean(results, Find(0, 0, 4, m, sr, b2), "v5000");
        double v7 = V(7, false, 0.999), v16 = V(16, false, 0.999), v12 = V(12, false, 0.999), v7sr = V(7, true, 0.999), v7b = V(7, false, 0.9);
        // Round to nearest is deterministic (an exact check); the stochastic-rounding value is a mean over seeds (interval).
        var srCi = Interval(Summary(results, Find(0, 0, 4, 7, true, 0.999), "v5000"));
        _claims.Add("Q1", "a BF16 second moment with β2 = 0.999 stays frozen at exactly 1 (increment 0.001 < half-spacing 2⁻⁸), while m = 16 and stochastic rounding at m = 7 exceed 1.9",
            Verdicts.All(Verdicts.FromCheck(double.IsNaN(v7 + v16) ? null : v7 == 1.0 && v16 > 1.9), Verdicts.AtLeast(srCi, 1.9)),
            $"v = {Fmt.F(v7, "0.0000")} (m = 7), {Fmt.F(v16, "0.0000")} (m = 16), SR {Fmt.Ci(srCi, "0.0000")}", Source);
        _claims.Add("Q2", "with β2 = 0.9 a BF16 v reaches > 1.9", Verdicts.FromCheck(double.IsNaN(v7b) ? null : v7b > 1.9), $"v = {Fmt.F(v7b, "0.0000")}", Source);
        report.AddTable(new Table
        {
            Id = "quant-swamping", Title = "Second-moment swamping: v ← Q(β2·v + (1 − β2)·2), v0 = 1, after 5000 steps (exact limit 2)",
            Columns = ["β2", "mantissa bits", "rounding", "v after 5000 steps"],
            Rows =
            [
                ["0.999", "7 (BF16)", "nearest even", Fmt.F(v7, "0.00000")], ["0.999", "12", "nearest even", Fmt.F(v12, "0.00000")], ["0.999", "16", "nearest even", Fmt.F(v16, "0.00000")],
                ["0.999", "7 (BF16)", "stochastic, mean of 20 runs", Fmt.F(v7sr, "0.00000")], ["0.9", "7 (BF16)", "nearest even", Fmt.F(v7b, "0.00000")],
            ],
            Caption = _claims.CaptionOf("Q1") + " " + _claims.CaptionOf("Q2"),
        });
        // Component sweep.
        var bits = _param.MantissaBits.Select(m => (double)m).ToArray();
        var panels = new List<Figure>();
        for (int o = 0; o < 2; o++)
        {
            var series = new List<Series>();
            for (int c = 1; c < Components.Length; c++)
            {
                if (o == 1 && c == 4) continue;
                series.Add(Line($"{Components[c]} only" + (c == 5 ? "" : ""), bits, _param.MantissaBits.Select(m => Math.Max(Math.Abs(Gap(results, o, c, m)), 1e-7)), c));
            }
            panels.Add(new Figure
            {
                Id = o == 0 ? "quant-adam" : "quant-muon", Title = o == 0 ? "Adam (β2 = 0.999)" : "Muon", XLabel = "mantissa bits m", YLabel = "|relative loss gap to float64|",
                LogY = true, Series = series,
            });
        }
        bool has7 = _param.MantissaBits.Contains(7), has23 = _param.MantissaBits.Contains(23);
        double gV = has7 ? Gap(results, 0, 4, 7) : double.NaN, gM = has7 ? Gap(results, 0, 3, 7) : double.NaN, gG = has7 ? Gap(results, 0, 1, 7) : double.NaN;
        double aAll = has7 ? Gap(results, 0, 5, 7) : double.NaN, mAll = has7 ? Gap(results, 1, 5, 7) : double.NaN;
        double gVsr = has7 ? Gap(results, 0, 4, 7, true) : double.NaN;
        Est eV = has7 ? GapEst(results, 0, 4, 7) : Est.Missing, eM = has7 ? GapEst(results, 0, 3, 7) : Est.Missing, eG = has7 ? GapEst(results, 0, 1, 7) : Est.Missing;
        var q3m = Ci(eV.Minus(eM)); var q3g = Ci(eV.Minus(eG));
        _claims.Add("Q3", "at m = 7 (RN) Adam's gap from quantising V alone exceeds the gap from M alone and from G alone", Verdicts.All(Verdicts.AtLeast(q3m, 0), Verdicts.AtLeast(q3g, 0)),
            $"V {Fmt.G(gV)}, M {Fmt.G(gM)}, G {Fmt.G(gG)}; V − M {Fmt.Ci(q3m, "G3")}, V − G {Fmt.Ci(q3g, "G3")}", Source);
        var q4 = Ci(has7 ? GapEst(results, 1, 5, 7).Minus(GapEst(results, 0, 5, 7)) : Est.Missing);
        _claims.Add("Q4", "with all components at m = 7 (RN), Muon's relative gap is smaller than Adam's", Verdicts.AtMost(q4, 0), $"Muon {Fmt.G(mAll)}, Adam {Fmt.G(aAll)}; Muon − Adam {Fmt.Ci(q4, "G3")}", Source);
        var q6a = Ci(has23 ? GapEst(results, 0, 5, 23) : Est.Missing); var q6m = Ci(has23 ? GapEst(results, 1, 5, 23) : Est.Missing);
        _claims.Add("Q6", "at m = 23 for all components both optimisers are within 1 % of float64", Verdicts.All(Verdicts.Within(q6a, -0.01, 0.01), Verdicts.Within(q6m, -0.01, 0.01)),
            $"Adam {Fmt.Ci(q6a, "G3")}, Muon {Fmt.Ci(q6m, "G3")}", Source);
        var srq = Ci(has7 ? GapEst(results, 0, 4, 7, true).Minus(eV, 0.5) : Est.Missing);
        _claims.Add("SR", "stochastic rounding of V at m = 7 closes at least half of Adam's round-to-nearest gap (gap_SR − ½·gap_RN ≤ 0)", Verdicts.AtMost(srq, 0),
            $"SR {Fmt.G(gVsr)} vs RN {Fmt.G(gV)}; gap_SR − ½·gap_RN {Fmt.Ci(srq, "G3")}", Source);
        report.AddPanels(new PanelFigure
        {
            Id = "quant-components", Title = $"Logistic regression after {_param.Steps} steps: loss gap vs mantissa bits, one component at a time", Panels = panels, Columns = 2,
            Caption = _claims.CaptionOf("Q3") + " " + _claims.CaptionOf("Q4") + " " + _claims.CaptionOf("Q6") + " " + _claims.CaptionOf("SR")
                + " Gaps are (mean loss − mean float64 loss)/mean float64 loss over the same seeds and data; absolute values are plotted (floor 1e-7).",
        });
    }

    private static string OptimiserName(int o) => o == 0 ? "Adam" : "Muon";

    private void BuildHorizonReport(RunResults results, ReportBuilder report)
    {
        // Q5: m*(T) = smallest m of the grid whose all-components |relative loss gap| ≤ 5 %.
        var horizons = _param.Horizons.Distinct().Order().ToArray();
        var bits = _param.MantissaBits.Distinct().Order().ToArray();
        bool quickScale = !horizons.SequenceEqual([500, 2000, 8000]);
        var panels = new List<Figure>();
        var captions = new List<string>();
        for (int o = 0; o < 2; o++)
        {
            var series = new List<Series>();
            var mStar = new int?[horizons.Length];
            for (int h = 0; h < horizons.Length; h++)
            {
                var gaps = bits.Select(m => Gap(results, o, 5, m, steps: horizons[h])).ToArray();
                int k = Array.FindIndex(gaps, g => Math.Abs(g) <= 0.05);
                mStar[h] = k < 0 ? null : bits[k];
                series.Add(Line($"T = {horizons[h]}", bits.Select(m => (double)m), gaps.Select(g => Math.Max(Math.Abs(g), 1e-7)), h));
            }
            series.Add(Line("5 % threshold", [bits[0], bits[^1]], [0.05, 0.05], horizons.Length, SeriesStyle.DashedLine));
            panels.Add(new Figure
            {
                Id = o == 0 ? "quant-horizons-adam" : "quant-horizons-muon", Title = $"{OptimiserName(o)}: all components at m bits", XLabel = "mantissa bits m",
                YLabel = "|relative loss gap to float64|", LogY = true, Series = series,
            });
            bool anyMissing = Enumerable.Range(0, horizons.Length).Any(h => bits.Any(m => double.IsNaN(Gap(results, o, 5, m, steps: horizons[h]))));
            bool? held = null;
            if (!anyMissing && horizons.Length >= 2)
            {
                bool defined = mStar.All(v => v is not null);
                bool nonDecreasing = defined && Enumerable.Range(1, horizons.Length - 1).All(h => mStar[h] >= mStar[h - 1]);
                held = defined && nonDecreasing && mStar[^1] - mStar[0] <= 4;
            }
            string id = $"Q5-{OptimiserName(o)}";
            _claims.Add(id, $"{OptimiserName(o)}: m*(T) is non-decreasing in T and m*({horizons[^1]}) − m*({horizons[0]}) ≤ 4 (m* from the seed-mean gaps; no interval)", Verdicts.FromCheck(held),
                "m* = " + string.Join(", ", horizons.Select((T, h) => $"{(mStar[h] is { } v ? Fmt.N(v) : "none")} at T = {T}")), Source);
            captions.Add(_claims.CaptionOf(id));
        }
        report.AddPanels(new PanelFigure
        {
            Id = "quant-horizons", Title = "Q5: loss gap vs mantissa bits, all components quantised, one line per horizon T", Panels = panels, Columns = 2,
            Caption = string.Join(" ", captions)
                + $" m*(T) is the smallest m of the grid {{{string.Join(", ", bits)}}} with |gap| ≤ 5 % (round to nearest, mean of the seeds); \"none\" means no m of the grid qualifies."
                + (quickScale ? $" Reduced scale: horizons {{{string.Join(", ", horizons)}}} instead of the spec's {{500, 2000, 8000}}, so the ≤ 4 bound is checked between the shortest and longest horizon run here." : "")
                + " Adam's lr decays as 0.05/√t, Muon's is constant with a final 10 % linear decay (spec R2), so longer runs take smaller final steps.",
        });
    }

    private void BuildNetReport(RunResults results, ReportBuilder report)
    {
        var bits = _param.NetBits.Distinct().Order().ToArray();
        double Loss(int o, int c, int m, bool sr) => Mean(results, Find(2, o, c, c == 0 ? 52 : m, sr), "loss");
        double ref0 = Loss(0, 0, 52, false), ref1 = Loss(1, 0, 52, false);
        // Table: the heat-map as numbers (rows optimiser/component/rounding, columns bits).
        var rows = new List<IReadOnlyList<string>>();
        for (int o = 0; o < 2; o++)
            for (int c = 1; c < Components.Length; c++)
            {
                if (o == 1 && c == 4) continue;
                foreach (bool sr in new[] { false, true })
                    rows.Add([OptimiserName(o), Components[c], sr ? "SR" : "RN", .. bits.Select(m => Fmt.F(Loss(o, c, m, sr), "0.0000"))]);
            }
        report.AddTable(new Table
        {
            Id = "quant-net-table", Title = $"R3: MLP 20→64→64→10 after {_param.NetSteps} steps, final training loss by component × mantissa bits (float64: Adam {Fmt.F(ref0, "0.0000")}, Muon {Fmt.F(ref1, "0.0000")})",
            Columns = ["optimiser", "component", "rounding", .. bits.Select(m => $"m = {m}")],
            Rows = rows,
            Caption = "Full-batch cross-entropy on the 2000 training points, mean of the seeds (common data and initial weights per seed). SR = stochastic rounding, RN = round to nearest even.",
        });
        // The spec's heat maps (component × bits → final loss), one per optimiser; rows = component and rounding.
        for (int o = 0; o < 2; o++)
        {
            var labels = new List<string>();
            var values = new List<double[]>();
            for (int c = 1; c < Components.Length; c++)
            {
                if (o == 1 && c == 4) continue;
                foreach (bool sr in new[] { false, true })
                {
                    labels.Add($"{Components[c]} {(sr ? "SR" : "RN")}");
                    values.Add(bits.Select(m => Loss(o, c, m, sr)).ToArray());
                }
            }
            double reference = o == 0 ? ref0 : ref1;
            report.AddHeatmap(new HeatmapFigure
            {
                Id = $"quant-net-heatmap-{OptimiserName(o).ToLowerInvariant()}",
                Title = $"R3, {OptimiserName(o)}: final training loss by quantised component × mantissa bits (float64 {Fmt.F(reference, "0.0000")})",
                XLabel = "mantissa bits m", YLabel = "quantised component, rounding",
                ColumnLabels = bits.Select(m => Fmt.N(m)).ToList(),
                RowLabels = labels, Values = values, LogScale = true,
                ValueLabel = "final training loss, log scale (viridis: dark = low loss)",
                Caption = "docs/optim-quantized.md heat map; the same numbers as the table above. RN = round to nearest even, SR = stochastic rounding.",
                Height = 120 + 36 * labels.Count,
            });
        }
        // One panel per component: final loss vs bits for Adam/Muon × RN/SR, with the float64 levels dashed.
        var panels = new List<Figure>();
        for (int c = 1; c < Components.Length; c++)
        {
            var series = new List<Series>();
            for (int o = 0; o < 2; o++)
            {
                if (o == 1 && c == 4) continue;
                foreach (bool sr in new[] { false, true })
                    series.Add(Line($"{OptimiserName(o)} {(sr ? "SR" : "RN")}", bits.Select(m => (double)m), bits.Select(m => Loss(o, c, m, sr)), 2 * o + (sr ? 1 : 0)));
            }
            series.Add(Line("Adam float64", [bits[0], bits[^1]], [ref0, ref0], 0, SeriesStyle.DashedLine));
            series.Add(Line("Muon float64", [bits[0], bits[^1]], [ref1, ref1], 2, SeriesStyle.DashedLine));
            panels.Add(new Figure
            {
                Id = $"quant-net-{Components[c]}", Title = c == 5 ? "all components" : $"{Components[c]} only" + (c == 4 ? " (Adam)" : ""), XLabel = "mantissa bits m",
                YLabel = "final training loss", Series = series,
            });
        }
        bool has7 = bits.Contains(7);
        double aAll = has7 ? Gap(results, 0, 5, 7, e: 2) : double.NaN, mAll = has7 ? Gap(results, 1, 5, 7, e: 2) : double.NaN;
        double gRn = has7 ? Gap(results, 0, 4, 7, e: 2) : double.NaN, gSr = has7 ? Gap(results, 0, 4, 7, true, e: 2) : double.NaN;
        var nq4 = Ci(has7 ? GapEst(results, 1, 5, 7, e: 2).Minus(GapEst(results, 0, 5, 7, e: 2)) : Est.Missing);
        _claims.Add("Q4-MLP", "MLP: with all components at m = 7 (RN), Muon's relative loss gap is smaller than Adam's", Verdicts.AtMost(nq4, 0),
            $"Muon {Fmt.G(mAll)}, Adam {Fmt.G(aAll)}; Muon − Adam {Fmt.Ci(nq4, "G3")}", Source);
        var rnCi = Ci(has7 ? GapEst(results, 0, 4, 7, e: 2) : Est.Missing);
        var nsr = Ci(has7 ? GapEst(results, 0, 4, 7, true, e: 2).Minus(GapEst(results, 0, 4, 7, e: 2), 0.5) : Est.Missing);
        _claims.Add("SR-MLP", "MLP: stochastic rounding at m = 7 for V closes at least half of Adam's round-to-nearest gap (needs a positive RN gap)",
            Verdicts.All(Verdicts.AtLeast(rnCi, 0), Verdicts.AtMost(nsr, 0)), $"SR {Fmt.G(gSr)} vs RN {Fmt.G(gRn)} (RN gap {Fmt.Ci(rnCi, "G3")}); gap_SR − ½·gap_RN {Fmt.Ci(nsr, "G3")}", Source);
        report.AddPanels(new PanelFigure
        {
            Id = "quant-net", Title = $"R3: MLP 20→64→64→10, final training loss vs mantissa bits, one panel per quantised component ({_param.NetSteps} steps)", Panels = panels, Columns = 3,
            Caption = _claims.CaptionOf("Q4-MLP") + " " + _claims.CaptionOf("SR-MLP")
                + " Adam: lr 1e-3, β2 = 0.999 on all parameters. Muon: the hidden 64×64 matrix on Muon (lr 0.02), the rest on AdamW (lr 1e-3, β2 = 0.999, weight decay 0.01), quantised with the same spec."
                + " Teacher data: labels drawn from softmax(3·T(x)), T a random 20→32→10 tanh network, N = 2000, batch 64 (our choice). The table and the two heat maps above give the same numbers as component × bits grids.",
        });
    }
}
