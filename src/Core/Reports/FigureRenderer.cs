using ScottPlot;
using ScottPlot.AxisRules;
using ScottPlot.TickGenerators;

namespace PhyToolkit.Core.Reports;

/// <summary>A figure rendered to PNG bytes and normalized SVG markup (no XML prolog).</summary>
internal sealed record RenderedFigure(byte[] Png, string Svg);

/// <summary>
/// Turns <see cref="Figure"/> and <see cref="PanelFigure"/> into ScottPlot plots in the report style and renders them.
/// Log axes are plotted as log10(value) with <see cref="LogAxisTicks"/>; values that are NaN, infinite or (on a log
/// axis) non-positive are dropped, and lower error-bar/band edges that are ≤ 0 on a log axis are clipped to the axis floor.
/// </summary>
internal static class FigureRenderer
{
    /// <summary>Renders a single-panel figure at its Width×Height.</summary>
    public static RenderedFigure Render(Figure figure)
    {
        using Plot plot = Build(figure);
        byte[] png = plot.GetImageBytes(figure.Width, figure.Height, ImageFormat.Png);
        string svg = SvgMarkup.Normalize(plot.GetSvgXml(figure.Width, figure.Height), figure.Id + "_", figure.Width, figure.Height);
        return new RenderedFigure(png, svg);
    }

    /// <summary>
    /// Renders a panel grid: PNG through ScottPlot's Multiplot with a grid layout; SVG composed by nesting each
    /// panel's SVG at its grid offset (Multiplot has no SVG export).
    /// </summary>
    public static RenderedFigure Render(PanelFigure figure)
    {
        int n = figure.Panels.Count;
        int columns = Math.Min(figure.Columns, n);
        int rows = (n + columns - 1) / columns;
        int width = columns * figure.PanelWidth, height = rows * figure.PanelHeight;
        var plots = new List<Plot>(n);
        try
        {
            foreach (Figure panel in figure.Panels) plots.Add(Build(panel));

            var multiplot = new Multiplot();
            while (multiplot.Subplots.Count > 0) multiplot.Subplots.RemoveAt(0);
            foreach (Plot p in plots) multiplot.Subplots.Add(p);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
            byte[] png;
            using (ScottPlot.Image image = multiplot.Render(width, height))
                png = image.GetImageBytes(ImageFormat.Png, 100);

            var parts = new List<(string, int, int)>(n);
            for (int k = 0; k < n; k++)
            {
                string svg = SvgMarkup.Normalize(plots[k].GetSvgXml(figure.PanelWidth, figure.PanelHeight),
                    $"{figure.Id}_p{k}_", figure.PanelWidth, figure.PanelHeight);
                parts.Add((svg, (k % columns) * figure.PanelWidth, (k / columns) * figure.PanelHeight));
            }
            return new RenderedFigure(png, SvgMarkup.Compose(width, height, parts));
        }
        finally
        {
            foreach (Plot p in plots) p.Dispose();
        }
    }

    /// <summary>Builds the styled plot of one figure (the caller disposes it).</summary>
    internal static Plot Build(Figure figure)
    {
        var plot = new Plot();
        try
        {
            Configure(plot, figure);
            return plot;
        }
        catch
        {
            plot.Dispose();
            throw;
        }
    }

    private static void Configure(Plot plot, Figure figure)
    {
        ReportStyle.ApplyText(plot, figure.Title, figure.XLabel, figure.YLabel);

        var prepared = new List<PreparedSeries>(figure.Series.Count);
        foreach (Series s in figure.Series) prepared.Add(PreparedSeries.From(s, figure.LogX, figure.LogY));

        (int Low, int High)? xDecades = figure.LogX ? Decades(prepared, figure.Rectangles, xAxis: true) : null;
        (int Low, int High)? yDecades = figure.LogY ? Decades(prepared, figure.Rectangles, xAxis: false) : null;
        var tx = new AxisTransform(figure.LogX, xDecades?.Low ?? 0);
        var ty = new AxisTransform(figure.LogY, yDecades?.Low ?? 0);

        // Drawn curves in plot coordinates, for the legend placement.
        var curves = new List<(double[] X, double[] Y, bool Connected)>();

        // Bands first (beneath), then error bars, then the series.
        for (int i = 0; i < prepared.Count; i++)
        {
            PreparedSeries p = prepared[i];
            if (p.BandX.Count == 0) continue;
            Color color = ReportStyle.PaletteColor(ColorIndex(figure.Series[i], i));
            double[] bx = tx.Map(p.BandX), blo = ty.Map(p.BandLow), bhi = ty.Map(p.BandHigh);
            curves.Add((bx, blo, true));
            curves.Add((bx, bhi, true));
            var fill = plot.Add.FillY(bx, blo, bhi);
            fill.FillColor = color.WithAlpha(ReportStyle.BandAlpha);
            fill.LineWidth = 0;
            fill.LineColor = Colors.Transparent;
            fill.MarkerSize = 0;
        }
        for (int i = 0; i < prepared.Count; i++)
        {
            PreparedSeries p = prepared[i];
            if (p.ErrX.Count == 0) continue;
            Color color = ReportStyle.PaletteColor(ColorIndex(figure.Series[i], i));
            double[] xs = tx.Map(p.ErrX), ys = ty.Map(p.ErrY), lo = ty.Map(p.ErrLow), hi = ty.Map(p.ErrHigh);
            var below = new double[ys.Length];
            var above = new double[ys.Length];
            for (int j = 0; j < ys.Length; j++) { below[j] = ys[j] - lo[j]; above[j] = hi[j] - ys[j]; }
            var bars = plot.Add.ErrorBar(xs, ys, above);
            bars.YErrorPositive = above;
            bars.YErrorNegative = below;
            bars.Color = color;
            bars.LineWidth = ReportStyle.ErrorBarWidth;
            bars.CapSize = ReportStyle.ErrorBarCap;
        }
        for (int i = 0; i < prepared.Count; i++)
        {
            PreparedSeries p = prepared[i];
            Series s = figure.Series[i];
            if (p.X.Count == 0) continue;
            int colorIndex = ColorIndex(s, i);
            double[] sx = tx.Map(p.X), sy = ty.Map(p.Y);
            curves.Add((sx, sy, s.Style != SeriesStyle.Markers));
            var scatter = plot.Add.Scatter(sx, sy, ReportStyle.PaletteColor(colorIndex));
            scatter.LegendText = s.Label;
            scatter.MarkerShape = ReportStyle.Markers[colorIndex % ReportStyle.Markers.Length];
            switch (s.Style)
            {
                case SeriesStyle.LineMarkers:
                    scatter.LineWidth = ReportStyle.LineWidth;
                    scatter.MarkerSize = ReportStyle.MarkerSize;
                    break;
                case SeriesStyle.Line:
                    scatter.LineWidth = ReportStyle.LineWidth;
                    scatter.MarkerSize = 0;
                    break;
                case SeriesStyle.Markers:
                    scatter.LineWidth = 0;
                    scatter.MarkerSize = ReportStyle.MarkerSize;
                    break;
                case SeriesStyle.DashedLine:
                    scatter.LineWidth = ReportStyle.LineWidth;
                    scatter.LinePattern = LinePattern.Dashed;
                    scatter.MarkerSize = 0;
                    break;
            }
        }

        Color rectColor = Color.FromHex(ReportStyle.RectangleColorHex);
        foreach (RectangleShape r in figure.Rectangles)
        {
            if (!tx.Accepts(r.X0, r.X1) || !ty.Accepts(r.Y0, r.Y1)) continue;
            double x0 = tx.Map(Math.Min(r.X0, r.X1)), x1 = tx.Map(Math.Max(r.X0, r.X1));
            double y0 = ty.Map(Math.Min(r.Y0, r.Y1)), y1 = ty.Map(Math.Max(r.Y0, r.Y1));
            var rect = plot.Add.Rectangle(x0, x1, y0, y1);
            rect.FillColor = Colors.Transparent;
            rect.LineColor = rectColor;
            rect.LineWidth = ReportStyle.RectangleLineWidth;
            if (!string.IsNullOrEmpty(r.Label))
            {
                var text = plot.Add.Text(r.Label, x0, y1);
                text.Alignment = Alignment.LowerLeft;
                text.LabelStyle.FontSize = ReportStyle.LegendFontSize;
                text.LabelStyle.FontName = ReportStyle.FontName;
                text.LabelStyle.ForeColor = rectColor;
            }
        }

        plot.Axes.AutoScale();
        if (xDecades is { } xd)
        {
            plot.Axes.SetLimitsX(xd.Low, xd.High);
            plot.Axes.Bottom.TickGenerator = LogTicks(xd);
            plot.Grid.XAxisStyle.MinorLineStyle.Width = 1;
            plot.Grid.XAxisStyle.MinorLineStyle.Color = Colors.Black.WithAlpha(0.04);
        }
        if (yDecades is { } yd)
        {
            plot.Axes.SetLimitsY(yd.Low, yd.High);
            plot.Axes.Left.TickGenerator = LogTicks(yd);
            plot.Grid.YAxisStyle.MinorLineStyle.Width = 1;
            plot.Grid.YAxisStyle.MinorLineStyle.Color = Colors.Black.WithAlpha(0.04);
        }
        if (figure.XCategories is { Count: > 0 } categories)
        {
            var ticks = new NumericManual();
            for (int i = 0; i < categories.Count; i++) ticks.AddMajor(i, categories[i]);
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.SetLimitsX(-0.5, categories.Count - 0.5);
        }
        if (!figure.LogY && (figure.YMin is not null || figure.YMax is not null))
        {
            AxisLimits limits = plot.Axes.GetLimits();
            double bottom = figure.YMin ?? limits.Bottom, top = figure.YMax ?? limits.Top;
            if (!(top > bottom)) top = bottom + 1;
            plot.Axes.SetLimitsY(bottom, top);
        }
        if (figure.EqualAxes)
            plot.Axes.Rules.Add(new SquareZoomOut(plot.Axes.Bottom, plot.Axes.Left));

        if (figure.Series.Count > 1)
        {
            plot.ShowLegend(LegendCorner(curves, plot.Axes.GetLimits()));
            plot.Legend.FontSize = ReportStyle.LegendFontSize;
            plot.Legend.FontName = ReportStyle.FontName;
        }
        else
        {
            plot.HideLegend();
        }
    }

    /// <summary>Candidate legend corners in order of preference (our choice).</summary>
    private static readonly Alignment[] LegendCorners =
        [Alignment.UpperRight, Alignment.LowerLeft, Alignment.UpperLeft, Alignment.LowerRight];

    /// <summary>
    /// The corner whose box (40 % of the width × 35 % of the height of the data area) covers the fewest samples of the
    /// drawn curves (points, and each line segment sampled at 16 points); ties go to the earlier corner in <see cref="LegendCorners"/>.
    /// </summary>
    internal static Alignment LegendCorner(IReadOnlyList<(double[] X, double[] Y, bool Connected)> curves, AxisLimits limits)
    {
        const double boxWidth = 0.40, boxHeight = 0.35;
        const int samplesPerSegment = 16;
        double spanX = limits.Right - limits.Left, spanY = limits.Top - limits.Bottom;
        if (!(spanX > 0) || !(spanY > 0)) return LegendCorners[0];
        var hits = new int[LegendCorners.Length];
        void Count(double x, double y)
        {
            double u = (x - limits.Left) / spanX, v = (y - limits.Bottom) / spanY;
            bool right = u >= 1 - boxWidth && u <= 1, left = u >= 0 && u <= boxWidth;
            bool top = v >= 1 - boxHeight && v <= 1, bottom = v >= 0 && v <= boxHeight;
            if (top && right) hits[0]++;
            if (bottom && left) hits[1]++;
            if (top && left) hits[2]++;
            if (bottom && right) hits[3]++;
        }
        foreach (var (xs, ys, connected) in curves)
        {
            for (int i = 0; i < xs.Length; i++)
            {
                Count(xs[i], ys[i]);
                if (!connected || i + 1 == xs.Length) continue;
                for (int k = 1; k < samplesPerSegment; k++)
                {
                    double t = k / (double)samplesPerSegment;
                    Count(xs[i] + t * (xs[i + 1] - xs[i]), ys[i] + t * (ys[i + 1] - ys[i]));
                }
            }
        }
        int best = 0;
        for (int c = 1; c < hits.Length; c++)
        {
            if (hits[c] < hits[best]) best = c;
        }
        return LegendCorners[best];
    }

    private static int ColorIndex(Series s, int position) => s.ColorIndex ?? position;

    private static NumericManual LogTicks((int Low, int High) decades)
    {
        LogTickSet set = LogAxisTicks.Generate(decades.Low, decades.High);
        var ticks = new NumericManual();
        for (int i = 0; i < set.Major.Length; i++) ticks.AddMajor(set.Major[i], set.Labels[i]);
        foreach (double m in set.Minor) ticks.AddMinor(m);
        return ticks;
    }

    /// <summary>Whole-decade range over every positive value drawn on the axis; one decade [10⁰, 10¹] when there is none.</summary>
    private static (int Low, int High) Decades(List<PreparedSeries> series, IReadOnlyList<RectangleShape> rectangles, bool xAxis)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        void Take(double v)
        {
            if (v > 0 && double.IsFinite(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
        }
        foreach (PreparedSeries p in series)
        {
            if (xAxis)
            {
                p.X.ForEach(Take);
                p.BandX.ForEach(Take);
            }
            else
            {
                p.Y.ForEach(Take);
                p.ErrLow.ForEach(Take);
                p.ErrHigh.ForEach(Take);
                p.BandLow.ForEach(Take);
                p.BandHigh.ForEach(Take);
            }
        }
        foreach (RectangleShape r in rectangles)
        {
            Take(xAxis ? r.X0 : r.Y0);
            Take(xAxis ? r.X1 : r.Y1);
        }
        return min <= max ? LogAxisTicks.DecadeRange(min, max) : (0, 1);
    }

    /// <summary>Identity on linear axes; log10 on log axes with values ≤ 0 clipped to the axis floor (in decades).</summary>
    private readonly record struct AxisTransform(bool Log, int FloorDecade)
    {
        public double Map(double v) => !Log ? v : v > 0 ? Math.Log10(v) : FloorDecade;

        public double[] Map(List<double> values)
        {
            var result = new double[values.Count];
            for (int i = 0; i < result.Length; i++) result[i] = Map(values[i]);
            return result;
        }

        /// <summary>A rectangle is drawn when its edges are finite and (on a log axis) its far edge is positive.</summary>
        public bool Accepts(double a, double b) =>
            double.IsFinite(a) && double.IsFinite(b) && (!Log || Math.Max(a, b) > 0);
    }

    /// <summary>The drawable part of a series, in data units (before the log transform).</summary>
    private sealed class PreparedSeries
    {
        public readonly List<double> X = [], Y = [];
        public readonly List<double> ErrX = [], ErrY = [], ErrLow = [], ErrHigh = [];
        public readonly List<double> BandX = [], BandLow = [], BandHigh = [];

        public static PreparedSeries From(Series s, bool logX, bool logY)
        {
            var p = new PreparedSeries();
            for (int j = 0; j < s.X.Length; j++)
            {
                double x = s.X[j], y = s.Y[j];
                bool xOk = double.IsFinite(x) && (!logX || x > 0);
                if (xOk && double.IsFinite(y) && (!logY || y > 0))
                {
                    p.X.Add(x);
                    p.Y.Add(y);
                    double e = s.YError is null ? double.NaN : s.YError[j];
                    if (double.IsFinite(e) && e > 0)
                    {
                        p.ErrX.Add(x);
                        p.ErrY.Add(y);
                        p.ErrLow.Add(y - e);   // ≤ 0 on a log axis: clipped to the floor when mapped
                        p.ErrHigh.Add(y + e);
                    }
                }
                if (xOk && s.BandLow is not null && s.BandHigh is not null)
                {
                    double lo = Math.Min(s.BandLow[j], s.BandHigh[j]), hi = Math.Max(s.BandLow[j], s.BandHigh[j]);
                    if (double.IsFinite(lo) && double.IsFinite(hi) && (!logY || hi > 0))
                    {
                        p.BandX.Add(x);
                        p.BandLow.Add(lo);     // ≤ 0 on a log axis: clipped to the floor when mapped
                        p.BandHigh.Add(hi);
                    }
                }
            }
            return p;
        }
    }
}
