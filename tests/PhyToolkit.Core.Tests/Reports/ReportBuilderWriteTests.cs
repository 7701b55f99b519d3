using System.Text.RegularExpressions;
using System.Xml.Linq;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Tests.Reports;

public sealed class ReportBuilderWriteTests : IDisposable
{
    private readonly TempDirectories _dirs = new();

    public void Dispose() => _dirs.Dispose();

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static ReportBuilder FullReport() => new ReportBuilder()
        .AddText("Checks BER <= ½·erfc(√(Eb/N0)) & more.")
        .AddFigure(ReportSamples.BerFigure())
        .AddFigure(ReportSamples.LayoutFigure())
        .AddPanels(new PanelFigure
        {
            Id = "grid",
            Title = "Three panels",
            Columns = 2,
            PanelWidth = 320,
            PanelHeight = 240,
            Panels = [ReportSamples.BerFigure("p0"), ReportSamples.LayoutFigure("p1"), ReportSamples.BerFigure("p2")],
            Caption = "Panels, row by row.",
        })
        .AddTable(ReportSamples.ResultTable());

    [Fact]
    public void Write_FiguresHaveStatedPixelSizeInPngAndSvg()
    {
        string dir = _dirs.New();
        IReadOnlyList<string> written = FullReport().Write(dir, ReportSamples.Metadata());

        // (id, expected width, expected height): the panel grid is 2 columns × 2 rows of 320×240.
        foreach (var (id, w, h) in new[] { ("ber", 640, 400), ("layout", 500, 500), ("grid", 640, 480) })
        {
            string png = Path.Combine(dir, "figures", id + ".png");
            string svg = Path.Combine(dir, "figures", id + ".svg");
            Assert.Contains(png, written);
            Assert.Contains(svg, written);
            byte[] pngBytes = File.ReadAllBytes(png);
            Assert.True(pngBytes.Length > 1000, $"{id}.png is suspiciously small ({pngBytes.Length} bytes)");
            Assert.Equal((w, h), ReportSamples.PngSize(pngBytes));

            XElement root = XDocument.Load(svg).Root!;   // also proves the SVG is well-formed XML
            Assert.Equal(Svg + "svg", root.Name);
            Assert.Equal(w.ToString(), root.Attribute("width")!.Value);
            Assert.Equal(h.ToString(), root.Attribute("height")!.Value);
            Assert.NotEmpty(root.Descendants(Svg + "text"));
        }
        Assert.Equal(Path.Combine(dir, "report.html"), written[^1]);
        Assert.Empty(Directory.GetFiles(dir, "*" + PhyToolkit.Core.IO.AtomicFile.TempSuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void Write_PanelSvgNestsEveryPanelAtItsGridOffset()
    {
        string dir = _dirs.New();
        FullReport().Write(dir, ReportSamples.Metadata());
        XElement root = XDocument.Load(Path.Combine(dir, "figures", "grid.svg")).Root!;
        var nested = root.Elements(Svg + "svg").ToList();
        Assert.Equal(3, nested.Count);
        // Row-major fill with 2 columns of 320×240 panels.
        int[][] offsets = [[0, 0], [320, 0], [0, 240]];
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(offsets[k][0].ToString(), nested[k].Attribute("x")!.Value);
            Assert.Equal(offsets[k][1].ToString(), nested[k].Attribute("y")!.Value);
            Assert.Equal("320", nested[k].Attribute("width")!.Value);
            Assert.Equal("240", nested[k].Attribute("height")!.Value);
        }
    }

    [Fact]
    public void Write_HtmlIsSelfContainedAndHoldsEveryItemInOrder()
    {
        string dir = _dirs.New();
        FullReport().Write(dir, ReportSamples.Metadata());
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<h1>BPSK/AWGN check</h1>", html);
        int text = html.IndexOf("Checks BER &lt;= ½·erfc(√(Eb/N0)) &amp; more.", StringComparison.Ordinal);
        int ber = html.IndexOf("id=\"fig-ber\"", StringComparison.Ordinal);
        int layout = html.IndexOf("id=\"fig-layout\"", StringComparison.Ordinal);
        int grid = html.IndexOf("id=\"fig-grid\"", StringComparison.Ordinal);
        int table = html.IndexOf("id=\"table-summary\"", StringComparison.Ordinal);
        int results = html.IndexOf("id=\"results\"", StringComparison.Ordinal);
        int manifest = html.IndexOf("id=\"manifest\"", StringComparison.Ordinal);
        int scenario = html.IndexOf("id=\"scenario\"", StringComparison.Ordinal);
        int[] order = [text, ber, layout, grid, table, results, manifest, scenario];
        Assert.All(order, i => Assert.True(i >= 0));
        Assert.Equal(order.OrderBy(i => i), order);

        // Inline SVG for each figure (4 roots: 2 figures + the grid, whose 3 panels are nested), no XML prolog.
        Assert.Equal(3 + 3, Regex.Matches(html, "<svg ").Count);
        Assert.DoesNotContain("<?xml", html);
        Assert.Contains("Simulation vs. ½·erfc(√(Eb/N0)) — claim holds.", html);
        // Tables: escaped cells; results.csv rendered as a table; JSON in <pre>.
        Assert.Contains("<td>&lt;b&gt;</td>", html);
        Assert.Contains("<td>a, &quot;quoted&quot; note</td>", html);
        Assert.Contains("<th>point</th><th>snr_db</th><th>ber</th>", html);
        Assert.Contains("<td class=\"n\">0.038</td>", html);
        Assert.Contains("<pre>{ &quot;tool&quot;: &quot;phytk 0.1.0&quot;", html);
        Assert.Contains("<pre>{ &quot;name&quot;: &quot;bpsk&quot;, &quot;seed&quot;: 42 }</pre>", html);
        // No external resources.
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain(" src=", html);
        Assert.DoesNotContain("url(http", html);
        // Every element id in the page is unique (clip-path ids of the inlined SVGs are prefixed per figure).
        var ids = Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids.Count > 8);
        foreach (Match use in Regex.Matches(html, "url\\(#([^)]+)\\)")) Assert.Contains(use.Groups[1].Value, ids);
    }

    [Fact]
    public void Write_TableCsvRoundTrips()
    {
        string dir = _dirs.New();
        new ReportBuilder().AddTable(ReportSamples.ResultTable()).Write(dir, ReportSamples.Metadata());
        string csv = File.ReadAllText(Path.Combine(dir, "figures", "summary.csv"));
        Assert.Equal("snr_db,ber,note\n0,0.079,\"a, \"\"quoted\"\" note\"\n2,0.038,<b>\n", csv);
        List<string[]> parsed = CsvText.Parse(csv);
        Assert.Equal(["0", "0.079", "a, \"quoted\" note"], parsed[1]);
    }

    [Fact]
    public void Write_SameInputsGiveByteIdenticalSvg()
    {
        string a = _dirs.New(), b = _dirs.New();
        FullReport().Write(a, ReportSamples.Metadata());
        // Render something else in between: Skia numbers clip paths with a process-wide counter.
        new ReportBuilder().AddFigure(ReportSamples.LayoutFigure("other")).Write(_dirs.New(), ReportSamples.Metadata());
        FullReport().Write(b, ReportSamples.Metadata());
        foreach (string id in new[] { "ber", "layout", "grid" })
        {
            byte[] first = File.ReadAllBytes(Path.Combine(a, "figures", id + ".svg"));
            byte[] second = File.ReadAllBytes(Path.Combine(b, "figures", id + ".svg"));
            Assert.Equal(first, second);
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "report.html")), File.ReadAllBytes(Path.Combine(b, "report.html")));
    }

    [Fact]
    public void Write_OverwritesAnEarlierReportInPlace()
    {
        string dir = _dirs.New();
        new ReportBuilder().AddText("first").Write(dir, ReportSamples.Metadata());
        new ReportBuilder().AddText("second").Write(dir, ReportSamples.Metadata());
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("second", html);
        Assert.DoesNotContain(">first<", html);
        Assert.Empty(Directory.GetFiles(dir, "*" + PhyToolkit.Core.IO.AtomicFile.TempSuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void Write_LargeResultsCsvIsTruncatedInHtmlWithANote()
    {
        string csv = "point,ber\n" + string.Concat(Enumerable.Range(0, HtmlReportWriter.MaxResultRows + 5).Select(i => $"{i},0.5\n"));
        string dir = _dirs.New();
        new ReportBuilder().Write(dir, ReportSamples.Metadata() with { ResultsCsv = csv });
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains($"First {HtmlReportWriter.MaxResultRows} of {HtmlReportWriter.MaxResultRows + 5} rows shown", html);
        Assert.Equal(HtmlReportWriter.MaxResultRows + 1, Regex.Matches(html, "<tr>").Count);   // header row + shown rows
    }
}
