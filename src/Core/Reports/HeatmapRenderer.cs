using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PhyToolkit.Core.Reports;

/// <summary>
/// Renders a <see cref="HeatmapFigure"/>: cell (r, c) is the unit square [c, c+1] × [R−1−r, R−r] (row 0 on top), filled by
/// the viridis colour of (v − min)/(max − min) over the finite cells (log10 values when <see cref="HeatmapFigure.LogScale"/>),
/// with the value printed in the cell (white on dark cells, black on light ones) and a colour bar on the right.
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

    /// <summary>Width reserved right of the grid for the colour bar and its labels, as a fraction of the grid's width.</summary>
    private const double ColourBarShare = 0.28;

    /// <summary>
    /// A vertical colour bar right of the grid: <see cref="ColourBarSteps"/> stacked swatches from the lowest colour (bottom)
    /// to the highest (top), labelled with the value at the bottom, middle and top of the scale (10^t on log scales).
    /// </summary>
    private static void AddColourBar(Plot plot, ScottPlot.Colormaps.Viridis map, double lo, double hi, int rows, int cols, bool log)
    {
        double x0 = cols * (1 + 0.04), x1 = cols * (1 + 0.09), h = (double)rows / ColourBarSteps;
        for (int k = 0; k < ColourBarSteps; k++)
        {
            var swatch = plot.Add.Rectangle(x0, x1, k * h, (k + 1) * h);
            swatch.FillColor = map.GetColor((k + 0.5) / ColourBarSteps);
            swatch.LineColor = swatch.FillColor;
        }
        var frame = plot.Add.Rectangle(x0, x1, 0, rows);
        frame.FillColor = Colors.Transparent;
        frame.LineColor = Colors.Black;
        frame.LineWidth = 1;
        for (int k = 0; k <= 2; k++)
        {
            double t = lo + (hi - lo) * k / 2.0;
            double v = log ? Math.Pow(10, t) : t;
            var label = plot.Add.Text(v.ToString("G3", CultureInfo.InvariantCulture), x1 + 0.01 * cols, rows * k / 2.0);
            label.Alignment = k == 0 ? Alignment.LowerLeft : k == 2 ? Alignment.UpperLeft : Alignment.MiddleLeft;
            label.LabelStyle.FontSize = ReportStyle.LegendFontSize;
            label.LabelStyle.FontName = ReportStyle.FontName;
            label.LabelStyle.ForeColor = Colors.Black;
        }
    }

    /// <summary>Number of swatches in the colour bar.</summary>
    private const int ColourBarSteps = 32;

    private static void Configure(Plot plot, HeatmapFigure figure)
    {
        ReportStyle.ApplyText(plot, figure.Title, figure.XLabel, figure.YLabel);
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

        if (lo <= hi) AddColourBar(plot, map, lo, hi, rows, cols, figure.LogScale);

        var xt = new NumericManual();
        for (int c = 0; c < cols; c++) xt.AddMajor(c + 0.5, figure.ColumnLabels[c]);
        var yt = new NumericManual();
        for (int r = 0; r < rows; r++) yt.AddMajor(rows - 1 - r + 0.5, figure.RowLabels[r]);
        plot.Axes.Bottom.TickGenerator = xt;
        plot.Axes.Left.TickGenerator = yt;
        plot.Axes.SetLimits(0, cols * (1 + (lo <= hi ? ColourBarShare : 0)), 0, rows);
        plot.HideLegend();
    }
}
