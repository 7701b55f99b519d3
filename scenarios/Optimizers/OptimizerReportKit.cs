using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Shared helpers of the optimiser scenarios: metric lookups, intervals of differences, log–log slopes, series and horizons.</summary>
internal static class OptimizerReportKit
{
    /// <summary>Least-squares slope of y against x on log–log axes (y already in log, x raw).</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> logY)
    {
        int n = x.Count;
        if (n < 2) return double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += Math.Log(x[i]); my += logY[i]; }
        mx /= n; my /= n;
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) { double d = Math.Log(x[i]) - mx; num += d * (logY[i] - my); den += d * d; }
        return num / den;
    }

    /// <summary>Mean of a metric at a point, NaN when absent.</summary>
    public static double Mean(RunResults results, int pointIndex, string metric) =>
        pointIndex >= 0 && pointIndex < results.Points.Count ? results.Points[pointIndex].Get(metric)?.Mean ?? double.NaN : double.NaN;

    /// <summary>A line-and-marker series.</summary>
    public static Series Line(string label, IEnumerable<double> x, IEnumerable<double> y, int color, SeriesStyle style = SeriesStyle.LineMarkers) =>
        new() { Label = label, X = x.ToArray(), Y = y.ToArray(), ColorIndex = color, Style = style };

    /// <summary>Mean over t ∈ (T/2, T] of a history indexed 0..: the level of the iterate at time T.</summary>
    public static double TailMean(ReadOnlySpan<double> h, int T)
    {
        double s = 0;
        for (int t = T / 2 + 1; t <= T; t++) s += h[t];
        return s / (T - T / 2);
    }

    /// <summary>Log-spaced horizons 1, 2, 5 × 10^k between lo and hi (hi always included).</summary>
    public static int[] Horizons(int lo, int hi)
    {
        var list = new List<int>();
        for (double dec = 1; dec <= hi; dec *= 10)
            foreach (int m in new[] { 1, 2, 5 })
            {
                int t = (int)(m * dec);
                if (t >= lo && t <= hi) list.Add(t);
            }
        if (list.Count == 0 || list[^1] != hi) list.Add(hi);
        return list.ToArray();
    }

    /// <summary>
    /// 95 % interval of the difference a − b of two independent means (different sweep points, hence different seeds): normal
    /// standard error √(se_a² + se_b²) with a Student-t quantile on min(n_a, n_b) − 1 degrees of freedom (conservative Welch).
    /// Undefined when either summary is missing or has fewer than 2 samples.
    /// </summary>
    public static ConfidenceInterval Difference(MetricSummary? a, MetricSummary? b, double level = 0.95) => Combination(level, (1, a), (-1, b));

    /// <summary>
    /// 95 % interval of a linear combination Σ c_i·m_i of independent means (different sweep points): standard error
    /// √(Σ c_i² se_i²) with a Student-t quantile on min n_i − 1 degrees of freedom (conservative Welch). Undefined when a summary is
    /// missing or has fewer than 2 samples.
    /// </summary>
    public static ConfidenceInterval Combination(double level, params (double C, MetricSummary? M)[] terms)
    {
        double est = 0, var = 0;
        long n = long.MaxValue;
        foreach (var (c, m) in terms)
        {
            if (m is null) return ConfidenceInterval.Undefined();
            est += c * m.Mean;
            var += c * c * m.StdError * m.StdError;
            n = Math.Min(n, (long)m.Count);
        }
        if (n < 2 || !double.IsFinite(var)) return ConfidenceInterval.Undefined(est, (int)Math.Min(n, int.MaxValue));
        double h = Intervals.StudentQuantile(level, n - 1) * Math.Sqrt(var);
        return new ConfidenceInterval(est, est - h, est + h, level, (int)n);
    }

    /// <summary>The summary of a metric at a point, null when absent.</summary>
    public static MetricSummary? Summary(RunResults results, int pointIndex, string metric) =>
        pointIndex >= 0 && pointIndex < results.Points.Count ? results.Points[pointIndex].Get(metric) : null;

    /// <summary>
    /// Appends the items of <paramref name="body"/> to <paramref name="report"/> in order: lets a report put its claims table (whose
    /// verdicts are computed while the figures are built) ahead of the figures.
    /// </summary>
    public static void AppendItems(ReportBuilder report, ReportBuilder body)
    {
        foreach (var item in body.Items)
        {
            switch (item)
            {
                case string text: report.AddText(text); break;
                case Figure figure: report.AddFigure(figure); break;
                case PanelFigure panels: report.AddPanels(panels); break;
                case HeatmapFigure heatmap: report.AddHeatmap(heatmap); break;
                case Table table: report.AddTable(table); break;
                default: throw new InvalidOperationException($"unknown report item {item.GetType().Name}");
            }
        }
    }

    /// <summary>The summary of a curve metric at one step of a point, null when absent.</summary>
    public static MetricSummary? CurveSummary(RunResults results, int pointIndex, string metric, int step) =>
        pointIndex >= 0 && pointIndex < results.Points.Count ? results.Points[pointIndex].Curve(metric)?.At(step) : null;

    /// <summary>The mean of a curve metric at one step of a point, NaN when absent.</summary>
    public static double CurveMean(RunResults results, int pointIndex, string metric, int step) =>
        CurveSummary(results, pointIndex, metric, step)?.Mean ?? double.NaN;

    /// <summary>"e^a [e^lo, e^hi]" for an interval of a log ratio (a ratio of geometric means).</summary>
    public static string ExpCi(ConfidenceInterval ci, string format = "0.00") =>
        ci.IsDefined ? $"{Fmt.F(Math.Exp(ci.Estimate), format)} [{Fmt.F(Math.Exp(ci.Low), format)}, {Fmt.F(Math.Exp(ci.High), format)}]" : $"{Fmt.F(Math.Exp(ci.Estimate), format)} [{Fmt.Missing}]";
}
