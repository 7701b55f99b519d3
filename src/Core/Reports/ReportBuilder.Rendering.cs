using PhyToolkit.Core.IO;
namespace PhyToolkit.Core.Reports;

public sealed partial class ReportBuilder
{
    /// <summary>
    /// Writes figures/ID.png and figures/ID.svg for every <see cref="Figure"/>, <see cref="PanelFigure"/>, <see cref="HeatmapFigure"/> and <see cref="ImageGridFigure"/>
    /// (ScottPlot 5, one report style, at the stated pixel size), figures/ID.csv for every <see cref="Table"/>, and one
    /// self-contained report.html (title, the items in order with figures inlined as SVG, then the results table, the
    /// manifest and the scenario) into <paramref name="runDirectory"/> (created when missing).
    /// Every file is written to a temporary name in its directory and renamed. Returns the full paths written, in order.
    /// </summary>
    /// <remarks>
    /// Log axes show log10 of the values with ticks labelled 10^k; NaN values, and non-positive ones on log axes, are
    /// left out of the plot (lower error-bar and band edges ≤ 0 are clipped to the axis floor). Identical items give
    /// byte-identical SVG files. Panel grids: the PNG comes from ScottPlot's Multiplot; the SVG nests each panel's SVG
    /// at its grid offset inside one &lt;svg&gt; (Multiplot has no SVG export); panels fill rows left to right, and a grid
    /// with fewer panels than Columns gets as many columns as panels.
    /// </remarks>
    /// <exception cref="ArgumentException">An item is invalid (bad or duplicate id, series arrays of different lengths, ...); the message names it.</exception>
    public IReadOnlyList<string> Write(string runDirectory, ReportMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(metadata);
        ReportValidation.ValidateAll(_items, nameof(Items));

        string root = Path.GetFullPath(runDirectory);
        string figures = Path.Combine(root, "figures");
        Directory.CreateDirectory(figures);
        var written = new List<string>();
        var svgByItem = new string?[_items.Count];

        for (int i = 0; i < _items.Count; i++)
        {
            switch (_items[i])
            {
                case Figure f:
                    svgByItem[i] = WriteFigure(FigureRenderer.Render(f), figures, f.Id, written);
                    break;
                case PanelFigure pf:
                    svgByItem[i] = WriteFigure(FigureRenderer.Render(pf), figures, pf.Id, written);
                    break;
                case HeatmapFigure h:
                    svgByItem[i] = WriteFigure(HeatmapRenderer.Render(h), figures, h.Id, written);
                    break;
                case ImageGridFigure g:
                    svgByItem[i] = WriteFigure(ImageGridRenderer.Render(g), figures, g.Id, written);
                    break;
                case Table t:
                    string csvPath = Path.Combine(figures, t.Id + ".csv");
                    AtomicFile.WriteAllText(csvPath, CsvText.Format(t.Columns, t.Rows));
                    written.Add(csvPath);
                    break;
            }
        }

        string htmlPath = Path.Combine(root, "report.html");
        AtomicFile.WriteAllText(htmlPath, HtmlReportWriter.Build(metadata, _items, svgByItem));
        written.Add(htmlPath);
        return written;
    }

    private static string WriteFigure(RenderedFigure rendered, string figures, string id, List<string> written)
    {
        string png = Path.Combine(figures, id + ".png");
        string svg = Path.Combine(figures, id + ".svg");
        AtomicFile.WriteAllBytes(png, rendered.Png);
        AtomicFile.WriteAllText(svg, SvgMarkup.Prolog + rendered.Svg);
        written.Add(png);
        written.Add(svg);
        return rendered.Svg;
    }
}
