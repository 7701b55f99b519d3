using ScottPlot;
using ScottPlot.TickGenerators;

namespace PhyToolkit.Core.Reports;

/// <summary>
/// Renders an <see cref="ImageGridFigure"/>: cell (r, c) is the square [c·(1+g), c·(1+g)+1] × [(R−1−r)·(1+g), …+1]
/// (row 0 on top, gap g), filled by a ScottPlot heat map of the image on a grey scale with a fixed range (NaN pixels in
/// the mark colour), column titles above the columns and row labels on the left axis.
/// </summary>
internal static class ImageGridRenderer
{
    private const double Gap = 0.08;

    /// <summary>Pixel size of the whole figure: cells plus room for the title, column titles and row labels (at least 640 wide; pixels stay square, the spare room is left blank).</summary>
    public static (int Width, int Height) Size(ImageGridFigure f) =>
        (Math.Max(640, f.ColumnLabels.Count * f.CellPixels + 150), f.RowLabels.Count * f.CellPixels + 110);

    public static RenderedFigure Render(ImageGridFigure figure)
    {
        var (width, height) = Size(figure);
        using var plot = new Plot();
        Configure(plot, figure);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        string svg = SvgMarkup.Normalize(plot.GetSvgXml(width, height), figure.Id + "_", width, height);
        // Skia embeds each image at its own pixel size and scales it in the SVG: ask viewers for nearest-neighbour scaling
        // (the PNG is drawn that way already), else browsers blur 16×16 images.
        svg = svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
        return new RenderedFigure(png, svg);
    }

    private static void Configure(Plot plot, ImageGridFigure f)
    {
        ReportStyle.ApplyText(plot, f.Title, "", "");
        plot.HideGrid();
        int rows = f.RowLabels.Count, cols = f.ColumnLabels.Count, h = f.ImageHeight, w = f.ImageWidth;
        var mark = Color.FromHex(f.MarkColorHex);
        var outline = Color.FromHex(f.OutlineColorHex);
        for (int r = 0; r < rows; r++)
        {
            double y0 = (rows - 1 - r) * (1 + Gap);
            for (int c = 0; c < cols; c++)
            {
                double x0 = c * (1 + Gap);
                double[]? image = f.Images[r][c];
                var frame = plot.Add.Rectangle(x0, x0 + 1, y0, y0 + 1);
                frame.FillColor = Colors.Transparent;
                frame.LineColor = Colors.LightGray;
                frame.LineWidth = 1;
                if (image is null) continue;
                var (lo, hi) = f.ColumnRanges is { } ranges && c < ranges.Count && ranges[c] is { } range ? range : (f.ValueMin, f.ValueMax);
                var data = new double[h, w];
                for (int i = 0; i < h; i++)
                    for (int j = 0; j < w; j++)
                        data[i, j] = image[i * w + j];
                var map = plot.Add.Heatmap(data);
                map.Colormap = new ScottPlot.Colormaps.Grayscale();
                map.ManualRange = new ScottPlot.Range(lo, hi);
                map.NaNCellColor = mark;
                map.Extent = new CoordinateRect(x0, x0 + 1, y0, y0 + 1);
                if (f.Outlines is { } outlines && outlines[r][c] is { } set) AddOutline(plot, set, h, w, x0, y0, outline);
            }
        }
        for (int c = 0; c < cols; c++)
        {
            var label = plot.Add.Text(f.ColumnLabels[c], c * (1 + Gap) + 0.5, rows * (1 + Gap) - Gap + 0.04);
            label.Alignment = Alignment.LowerCenter;
            label.LabelStyle.FontSize = ReportStyle.TickLabelFontSize;
            label.LabelStyle.FontName = ReportStyle.FontName;
            label.LabelStyle.ForeColor = Colors.Black;
        }
        var yt = new NumericManual();
        for (int r = 0; r < rows; r++) yt.AddMajor((rows - 1 - r) * (1 + Gap) + 0.5, f.RowLabels[r]);
        plot.Axes.Left.TickGenerator = yt;
        plot.Axes.Bottom.TickGenerator = new NumericManual();
        plot.Axes.Bottom.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Left.FrameLineStyle.Width = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-Gap, cols * (1 + Gap), -Gap, rows * (1 + Gap) + 0.3);
        plot.Axes.Rules.Add(new ScottPlot.AxisRules.SquareZoomOut(plot.Axes.Bottom, plot.Axes.Left)); // square pixels
        plot.HideLegend();
    }

    /// <summary>Draws the boundary of a pixel set: a unit edge wherever a member pixel borders a non-member (or the image edge).</summary>
    private static void AddOutline(Plot plot, bool[] set, int h, int w, double x0, double y0, Color color)
    {
        double px = 1.0 / w, py = 1.0 / h;
        bool In(int i, int j) => i >= 0 && i < h && j >= 0 && j < w && set[i * w + j];
        void Edge(double xa, double ya, double xb, double yb)
        {
            var line = plot.Add.Line(xa, ya, xb, yb);
            line.LineColor = color;
            line.LineWidth = 1.5f;
            line.MarkerSize = 0;
        }
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                if (!set[i * w + j]) continue;
                double left = x0 + j * px, right = left + px, top = y0 + 1 - i * py, bottom = top - py;
                if (!In(i - 1, j)) Edge(left, top, right, top);
                if (!In(i + 1, j)) Edge(left, bottom, right, bottom);
                if (!In(i, j - 1)) Edge(left, bottom, left, top);
                if (!In(i, j + 1)) Edge(right, bottom, right, top);
            }
    }
}
