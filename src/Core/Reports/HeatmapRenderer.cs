using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PhyToolkit.Core.Reports;

/// <summary>
/// Renders a <see cref="HeatmapFigure"/>: cell (r, c) is the unit square [c, c+1] × [R−1−r, R−r] (row 0 on top), filled by
/// the viridis colour of (v − min)/(max − min) over the finite cells (log10 values when <see cref="HeatmapFigure.LogScale"/>),
/// with the value printed in the cell (white on dark cells, black on light ones).
/// </summary>
internal static class HeatmapRenderer
{
    /// <summary>Renders at the figure's Width×Height.</summary>
    public static RenderedFigure Render(HeatmapFigure figure)
    {
        using var plot = new Plot();
        Configure(plot, figure);
        byte[] png = plot.GetImageBytes(figure.Width, figure.Height, ImageFormat.Png);
        string svg = SvgMarkup.Normalize(plot.GetSvgXml(figure.Width, figure.Height), figure.Id + "_", figure.Width, figure.Height);
        return new RenderedFigure(png, svg);
    }

    /// <summary>The colour-map coordinate of a value: (t(v) − lo)/(hi − lo) in [0, 1], t = log10 on log scales; NaN when not drawable.</summary>
    internal static double Fraction(double v, double lo, double hi, bool log)
    {
        double t = Transform(v, log);
        if (double.IsNaN(t)) return double.NaN;
        return hi > lo ? Math.Clamp((t - lo) / (hi - lo), 0, 1) : 0.5;
    }

    private static double Transform(double v, bool log) =>
        !double.IsFinite(v) ? double.NaN : log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

    private static void Configure(Plot plot, HeatmapFigure figure)
    {
        plot.Font.Set(ReportStyle.FontName);
        plot.Title(figure.Title, ReportStyle.TitleFontSize);
        plot.XLabel(figure.XLabel, ReportStyle.AxisLabelFontSize);
        plot.YLabel(figure.YLabel, ReportStyle.AxisLabelFontSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = ReportStyle.TickLabelFontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = ReportStyle.TickLabelFontSize;
        plot.HideGrid();

        int rows = figure.RowLabels.Count, cols = figure.ColumnLabels.Count;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double[] row in figure.Values)
            foreach (double v in row)
            {
                double t = Transform(v, figure.LogScale);
                if (double.IsNaN(t)) continue;
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }

        var map = new ScottPlot.Colormaps.Viridis();
        for (int r = 0; r < rows; r++)
        {
            double y0 = rows - 1 - r;
            for (int c = 0; c < cols; c++)
            {
                double v = figure.Values[r][c];
                double f = Fraction(v, lo, hi, figure.LogScale);
                var rect = plot.Add.Rectangle(c, c + 1, y0, y0 + 1);
                rect.LineColor = Colors.White;
                rect.LineWidth = 1;
                rect.FillColor = double.IsNaN(f) ? Colors.White : map.GetColor(f);
                var text = plot.Add.Text(double.IsNaN(f) ? "–" : v.ToString("G3", CultureInfo.InvariantCulture), c + 0.5, y0 + 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelStyle.FontSize = ReportStyle.LegendFontSize;
                text.LabelStyle.FontName = ReportStyle.FontName;
                // Viridis is dark below ~0.55 of its range: white text there, black above.
                text.LabelStyle.ForeColor = !double.IsNaN(f) && f < 0.55 ? Colors.White : Colors.Black;
            }
        }

        var xt = new NumericManual();
        for (int c = 0; c < cols; c++) xt.AddMajor(c + 0.5, figure.ColumnLabels[c]);
        var yt = new NumericManual();
        for (int r = 0; r < rows; r++) yt.AddMajor(rows - 1 - r + 0.5, figure.RowLabels[r]);
        plot.Axes.Bottom.TickGenerator = xt;
        plot.Axes.Left.TickGenerator = yt;
        plot.Axes.SetLimits(0, cols, 0, rows);
        plot.HideLegend();
    }
}
