using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Tests.Reports;

public sealed class ReportValidationTests : IDisposable
{
    private readonly TempDirectories _dirs = new();

    public void Dispose() => _dirs.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("../x")]
    [InlineData("fig.1")]
    [InlineData("ñ")]
    public void BadFigureId_Throws(string id)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddFigure(ReportSamples.BerFigure(id)));
        Assert.Contains($"'{id}'", e.Message);
    }

    [Fact]
    public void BadTableId_Throws() =>
        Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddTable(ReportSamples.ResultTable("x/y")));

    [Fact]
    public void DuplicateIds_ThrowAcrossItemKindsIgnoringCase()
    {
        var builder = new ReportBuilder().AddFigure(ReportSamples.BerFigure("Fig-1"));
        var e = Assert.ThrowsAny<ArgumentException>(() => builder.AddTable(ReportSamples.ResultTable("fig-1")));
        Assert.Contains("fig-1", e.Message);
        Assert.Single(builder.Items);   // the rejected item was not added
        Assert.ThrowsAny<ArgumentException>(() => builder.AddFigure(ReportSamples.BerFigure("Fig-1")));
    }

    [Theory]
    [InlineData("Y")]
    [InlineData("YError")]
    [InlineData("BandLow")]
    [InlineData("BandHigh")]
    public void MismatchedSeriesLength_ThrowsNamingFigureSeriesAndField(string field)
    {
        double[] shortArray = [1, 2];
        double[] full = [1, 2, 3];
        var series = new Series
        {
            Label = "sim",
            X = full,
            Y = field == "Y" ? shortArray : full,
            YError = field == "YError" ? shortArray : null,
            BandLow = field == "BandLow" ? shortArray : field == "BandHigh" ? full : null,
            BandHigh = field == "BandHigh" ? shortArray : field == "BandLow" ? full : null,
        };
        var figure = ReportSamples.BerFigure("bad") with { Series = [series] };
        var e = Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddFigure(figure));
        Assert.Contains("'bad'", e.Message);
        Assert.Contains("'sim'", e.Message);
        Assert.Contains(field + " has 2 values but X has 3", e.Message);
    }

    [Fact]
    public void BandWithOnlyOneEdge_Throws()
    {
        var figure = ReportSamples.BerFigure("b") with { Series = [new Series { Label = "s", X = [1], Y = [1], BandLow = [0.5] }] };
        var e = Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddFigure(figure));
        Assert.Contains("BandLow and BandHigh", e.Message);
    }

    [Fact]
    public void NegativeErrorHalfWidth_Throws()
    {
        var figure = ReportSamples.BerFigure("b") with { Series = [new Series { Label = "s", X = [1, 2], Y = [1, 1], YError = [0.1, -0.1] }] };
        var e = Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddFigure(figure));
        Assert.Contains("YError[1]", e.Message);
    }

    [Fact]
    public void PanelWithBadSeries_ThrowsNamingPanel()
    {
        var bad = ReportSamples.BerFigure("inner") with { Series = [new Series { Label = "s", X = [1, 2], Y = [1] }] };
        var panels = new PanelFigure { Id = "grid", Title = "g", Panels = [ReportSamples.LayoutFigure(), bad] };
        var e = Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddPanels(panels));
        Assert.Contains("'grid', panel 1", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddPanels(panels with { Panels = [] }));
        Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddPanels(panels with { Panels = [ReportSamples.LayoutFigure()], Columns = 0 }));
    }

    [Fact]
    public void TableRowWithWrongCellCount_Throws()
    {
        var table = ReportSamples.ResultTable() with { Rows = [["1", "2", "3"], ["1", "2"]] };
        var e = Assert.ThrowsAny<ArgumentException>(() => new ReportBuilder().AddTable(table));
        Assert.Contains("row 1 has 2 cells but there are 3 columns", e.Message);
    }

    [Fact]
    public void FigureSizeOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportBuilder().AddFigure(ReportSamples.BerFigure("s", width: 10)));

    [Fact]
    public void WriteRevalidates_ArraysMutatedAfterAdd()
    {
        double[] y = [1, 2, 3];
        var figure = ReportSamples.BerFigure("m") with { Series = [new Series { Label = "s", X = [1, 2, 3], Y = y, YError = [0, 0, 0] }] };
        var builder = new ReportBuilder().AddFigure(figure);
        y[0] = 5;   // contents may change; lengths cannot, so validation at Write must still pass
        builder.Write(_dirs.New(), ReportSamples.Metadata());
        Assert.Throws<ArgumentException>(() => builder.Write(" ", ReportSamples.Metadata()));
        Assert.Throws<ArgumentNullException>(() => builder.Write(_dirs.New(), null!));
    }
}
