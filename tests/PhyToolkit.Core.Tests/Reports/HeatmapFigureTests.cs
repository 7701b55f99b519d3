using System.Xml.Linq;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Tests.Reports;

public sealed class HeatmapFigureTests : IDisposable
{
    private readonly TempDirectories _dirs = new();

    public void Dispose() => _dirs.Dispose();

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static HeatmapFigure Sample(string id = "heat") => new()
    {
        Id = id,
        Title = "Final loss by component and bits",
        XLabel = "mantissa bits",
        YLabel = "quantised component",
        ColumnLabels = ["3", "5", "7"],
        RowLabels = ["G", "M", "V"],
        Values = [[0.5, 0.12, 0.031], [0.25, 0.0625, double.NaN], [1.5, 0.75, 0.0078]],
        LogScale = true,
        ValueLabel = "final loss (log scale)",
        Caption = "Which component's bits matter.",
        Width = 600,
        Height = 400,
    };

    [Fact]
    public void WritesPngAndSvgWithLabelsValuesAndCaption()
    {
        string dir = _dirs.New();
        var written = new ReportBuilder().AddHeatmap(Sample()).Write(dir, ReportSamples.Metadata());
        string png = Path.Combine(dir, "figures", "heat.png"), svg = Path.Combine(dir, "figures", "heat.svg");
        Assert.Contains(png, written);
        Assert.Equal((600, 400), ReportSamples.PngSize(File.ReadAllBytes(png)));
        XElement root = XDocument.Load(svg).Root!;
        string text = string.Join("|", root.Descendants(Svg + "text").Select(t => t.Value));
        // Every row and column label, every finite value (G3) and the blank-cell dash are drawn as text.
        foreach (string s in new[] { "G", "M", "V", "3", "5", "7", "0.5", "0.12", "0.031", "0.0625", "1.5", "0.0078", "–" })
            Assert.Contains(s, text);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("Colour: final loss (log scale). Which component", html);
    }

    [Fact]
    public void ColourBarIsLabelledWithTheScaleEnds()
    {
        string dir = _dirs.New();
        new ReportBuilder().AddHeatmap(Sample() with { LogScale = false, ColumnLabels = ["a", "b", "c"], Values = [[1, 2, 3], [4, 5, 6], [7, 8, 9]] }).Write(dir, ReportSamples.Metadata());
        XElement root = XDocument.Load(Path.Combine(dir, "figures", "heat.svg")).Root!;
        var texts = root.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
        // Cells print 1..9 once each; the bar adds its ends (1, 9) and middle (5): each of those appears twice.
        Assert.Equal(2, texts.Count(t => t == "1"));
        Assert.Equal(2, texts.Count(t => t == "5"));
        Assert.Equal(2, texts.Count(t => t == "9"));
        Assert.Equal(1, texts.Count(t => t == "2"));
    }

    [Fact]
    public void SameHeatmapGivesByteIdenticalSvg()
    {
        string a = _dirs.New(), b = _dirs.New();
        new ReportBuilder().AddHeatmap(Sample()).Write(a, ReportSamples.Metadata());
        new ReportBuilder().AddHeatmap(Sample()).Write(b, ReportSamples.Metadata());
        Assert.Equal(File.ReadAllText(Path.Combine(a, "figures", "heat.svg")), File.ReadAllText(Path.Combine(b, "figures", "heat.svg")));
    }

    [Fact]
    public void ColourFractionSpansTheFiniteRange()
    {
        // Linear: min → 0, max → 1, midpoint → ½; log: decades map linearly; non-drawable values → NaN.
        Assert.Equal(0, HeatmapRenderer.Fraction(2, 2, 6, false));
        Assert.Equal(1, HeatmapRenderer.Fraction(6, 2, 6, false));
        Assert.Equal(0.5, HeatmapRenderer.Fraction(4, 2, 6, false));
        Assert.Equal(0.5, HeatmapRenderer.Fraction(10, 0, 2, true), 12);
        Assert.True(double.IsNaN(HeatmapRenderer.Fraction(-1, 0, 2, true)));
        Assert.True(double.IsNaN(HeatmapRenderer.Fraction(double.NaN, 0, 2, false)));
        // A single finite value (lo = hi) sits mid-scale.
        Assert.Equal(0.5, HeatmapRenderer.Fraction(3, 3, 3, false));
    }

    [Fact]
    public void RaggedOrMislabelledValuesAreRejectedNamingTheHeatmap()
    {
        var ragged = Sample() with { Values = [[1, 2, 3], [1, 2], [1, 2, 3]] };
        var e1 = Assert.Throws<ArgumentException>(() => new ReportBuilder().AddHeatmap(ragged));
        Assert.Contains("heat map 'heat': row 1 has 2 values but there are 3 columns", e1.Message);
        var missingRow = Sample() with { Values = [[1, 2, 3]] };
        var e2 = Assert.Throws<ArgumentException>(() => new ReportBuilder().AddHeatmap(missingRow));
        Assert.Contains("one row per row label (3)", e2.Message);
        var noLabels = Sample() with { ColumnLabels = [] , Values = [[], [], []] };
        Assert.Throws<ArgumentException>(() => new ReportBuilder().AddHeatmap(noLabels));
        // Ids are shared with the other figures.
        Assert.Throws<ArgumentException>(() => new ReportBuilder().AddFigure(ReportSamples.BerFigure("dup")).AddHeatmap(Sample("dup")));
    }
}
