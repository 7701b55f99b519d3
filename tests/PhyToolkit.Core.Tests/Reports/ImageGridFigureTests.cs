using System.Xml.Linq;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Tests.Reports;

public sealed class ImageGridFigureTests : IDisposable
{
    private readonly TempDirectories _dirs = new();

    public void Dispose() => _dirs.Dispose();

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A 4×4 ramp, its negative with one NaN (marked) pixel, an empty cell; a 2×2 outline in one cell.</summary>
    private static ImageGridFigure Sample(string id = "grid")
    {
        double[] ramp = Enumerable.Range(0, 16).Select(i => -1 + 2 * i / 15.0).ToArray();
        double[] negative = ramp.Select(v => -v).ToArray();
        negative[5] = double.NaN;
        var outline = new bool[16];
        outline[5] = outline[6] = outline[9] = outline[10] = true;
        return new ImageGridFigure
        {
            Id = id, Title = "Reconstructions", ColumnLabels = ["truth", "measurement", "method"], RowLabels = ["image 0", "image 1"],
            ImageHeight = 4, ImageWidth = 4,
            Images = [[ramp, negative, null], [negative, ramp, ramp]],
            Outlines = [[outline, null, null], [null, null, null]],
            Caption = "Grey scale [-1, 1].",
        };
    }

    [Fact]
    public void WritesPngAndSvgOfTheGridSizeWithColumnAndRowLabels()
    {
        string dir = _dirs.New();
        var g = Sample();
        new ReportBuilder().AddImageGrid(g).Write(dir, ReportSamples.Metadata());
        var (w, h) = ImageGridRenderer.Size(g);
        Assert.Equal((640, 2 * 96 + 110), (w, h)); // 3·96 + 150 < 640, the minimum width
        Assert.Equal((w, h), ReportSamples.PngSize(File.ReadAllBytes(Path.Combine(dir, "figures", "grid.png"))));
        XElement root = XDocument.Load(Path.Combine(dir, "figures", "grid.svg")).Root!;
        string text = string.Join("|", root.Descendants(Svg + "text").Select(t => t.Value));
        foreach (string s in new[] { "truth", "measurement", "method", "image 0", "image 1", "Reconstructions" }) Assert.Contains(s, text);
        // five images: five embedded bitmaps
        Assert.Equal(5, root.Descendants(Svg + "image").Count());
        Assert.All(root.Descendants(Svg + "image"), e => Assert.Equal("image-rendering:pixelated", (string?)e.Attribute("style")));
        Assert.Contains("Grey scale [-1, 1].", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void SameGridGivesByteIdenticalSvg()
    {
        string a = _dirs.New(), b = _dirs.New();
        new ReportBuilder().AddImageGrid(Sample()).Write(a, ReportSamples.Metadata());
        new ReportBuilder().AddImageGrid(Sample()).Write(b, ReportSamples.Metadata());
        Assert.Equal(File.ReadAllText(Path.Combine(a, "figures", "grid.svg")), File.ReadAllText(Path.Combine(b, "figures", "grid.svg")));
    }

    [Fact]
    public void WrongSizesAreRejectedNamingTheGridAndCell()
    {
        var g = Sample();
        var e1 = Assert.Throws<ArgumentException>(() => new ReportBuilder().AddImageGrid(g with { Images = [[new double[15], null, null], [null, null, null]] }));
        Assert.Contains("image grid 'grid': Images[0][0] holds 15 pixels, expected 4×4 = 16", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => new ReportBuilder().AddImageGrid(g with { Images = [[null, null, null]] }));
        Assert.Contains("one row per row label (2)", e2.Message, StringComparison.Ordinal);
        var e3 = Assert.Throws<ArgumentException>(() => new ReportBuilder().AddImageGrid(g with { Outlines = [[null, null], [null, null, null]] }));
        Assert.Contains("Outlines row 0 has 2 cells but there are 3 columns", e3.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ReportBuilder().AddImageGrid(g with { ValueMin = 1, ValueMax = 1 }));
        Assert.Throws<ArgumentException>(() => new ReportBuilder().AddFigure(ReportSamples.BerFigure("dup")).AddImageGrid(Sample("dup")));
    }
}
