using PhyToolkit.Core.Reports;
using ScottPlot;
using ScottPlot.Plottables;

namespace PhyToolkit.Core.Tests.Reports;

public sealed class FigureRendererTests : IDisposable
{
    private readonly TempDirectories _dirs = new();

    public void Dispose() => _dirs.Dispose();

    [Fact]
    public void LogY_DropsNonPositiveAndNaNValuesAndClipsLowerEdges()
    {
        var figure = new PhyToolkit.Core.Reports.Figure
        {
            Id = "clip",
            Title = "t",
            XLabel = "x",
            YLabel = "y",
            LogY = true,
            Series =
            [
                new Series
                {
                    Label = "s",
                    X = [1, 2, 3, 4, 5, 6],
                    Y = [1e-1, 0, -1, double.NaN, 1e-3, 2e-4],
                    YError = [0.5, 0.1, 0.1, 0.1, 1e-4, 2e-4],   // point 0: 0.1-0.5 < 0; point 5: lower edge exactly 0
                    BandLow = [-1, 0, 0, 0, 5e-4, 0],
                    BandHigh = [2e-1, 0, 0, 0, 2e-3, 3e-4],
                },
            ],
        };
        using Plot plot = FigureRenderer.Build(figure);
        Scatter scatter = Assert.Single(plot.GetPlottables<Scatter>());
        var points = scatter.Data.GetScatterPoints();
        // Kept: indices 0, 4, 5 (0, -1 and NaN dropped); plotted as log10(y), exact up to log10 rounding (1e-12).
        Assert.Equal([1.0, 5, 6], points.Select(p => p.X));
        double[] expectedY = [-1, -3, Math.Log10(2e-4)];
        for (int i = 0; i < 3; i++) Assert.Equal(expectedY[i], points[i].Y, 1e-12);

        // Axis: whole decades covering 2e-4 .. 0.6 (the highest error-bar edge) → [10^-4, 10^0].
        AxisLimits limits = plot.Axes.GetLimits();
        Assert.Equal(-4, limits.Bottom);
        Assert.Equal(0, limits.Top);

        // Error bars whose lower edge is <= 0 reach down to the axis floor (-4), never below it and never NaN.
        ErrorBar bars = Assert.Single(plot.GetPlottables<ErrorBar>());
        Assert.Equal(3, bars.Ys.Count);
        double bottom0 = bars.Ys[0] - bars.YErrorNegative![0];
        double bottom2 = bars.Ys[2] - bars.YErrorNegative![2];
        Assert.Equal(-4, bottom0, 1e-12);
        Assert.Equal(-4, bottom2, 1e-12);
        Assert.Equal(Math.Log10(0.6), bars.Ys[0] + bars.YErrorPositive![0], 1e-12);
        Assert.Equal(Math.Log10(1.1e-3), bars.Ys[1] + bars.YErrorPositive![1], 1e-12);

        // The band keeps points 0, 4, 5 (others have upper edge <= 0) and renders without throwing.
        Assert.Single(plot.GetPlottables<FillY>());
        string dir = _dirs.New();
        new ReportBuilder().AddFigure(figure).Write(dir, ReportSamples.Metadata());
        Assert.True(new FileInfo(Path.Combine(dir, "figures", "clip.svg")).Length > 0);
    }

    [Fact]
    public void LogAxes_WithNoPositiveValuesStillRender()
    {
        var figure = new PhyToolkit.Core.Reports.Figure
        {
            Id = "empty",
            Title = "all zero",
            XLabel = "x",
            YLabel = "y",
            LogX = true,
            LogY = true,
            Series = [new Series { Label = "s", X = [0, 1, 2], Y = [0, 0, -3] }, new Series { Label = "e", X = [], Y = [] }],
        };
        string dir = _dirs.New();
        new ReportBuilder().AddFigure(figure).Write(dir, ReportSamples.Metadata());
        Assert.Equal((800, 500), ReportSamples.PngSize(File.ReadAllBytes(Path.Combine(dir, "figures", "empty.png"))));
    }

    [Fact]
    public void LogX_PlotsLog10OfXWithDecadeTicks()
    {
        var figure = new PhyToolkit.Core.Reports.Figure
        {
            Id = "logx",
            Title = "t",
            XLabel = "n",
            YLabel = "y",
            LogX = true,
            Series = [new Series { Label = "s", X = [10, 100, 1000, -5], Y = [1, 2, 3, 4] }],
        };
        using Plot plot = FigureRenderer.Build(figure);
        var points = Assert.Single(plot.GetPlottables<Scatter>()).Data.GetScatterPoints();
        Assert.Equal([1.0, 2, 3], points.Select(p => Math.Round(p.X, 12)));
        AxisLimits limits = plot.Axes.GetLimits();
        Assert.Equal((1.0, 3.0), (limits.Left, limits.Right));
        plot.RenderInMemory(400, 300);   // manual tick generators publish their ticks on render
        var ticks = Assert.IsType<ScottPlot.TickGenerators.NumericManual>(plot.Axes.Bottom.TickGenerator);
        Assert.Equal(["10¹", "10²", "10³"], ticks.Ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }

    [Fact]
    public void EqualAxes_GivesTheSamePixelsPerUnitOnBothAxes()
    {
        using Plot plot = FigureRenderer.Build(ReportSamples.LayoutFigure());
        plot.RenderInMemory(500, 300);   // deliberately non-square so the rule has to act
        Pixel origin = plot.GetPixel(new Coordinates(0, 0));
        Pixel unit = plot.GetPixel(new Coordinates(1, 1));
        double sx = Math.Abs(unit.X - origin.X), sy = Math.Abs(unit.Y - origin.Y);
        // Equal within 1 %: pixel positions are floats rounded by the layout, far below 1 % of ~50 px per unit.
        Assert.Equal(sx, sy, sx * 0.01);
    }

    [Fact]
    public void Styles_MapToLinesMarkersAndDashes()
    {
        var figure = new PhyToolkit.Core.Reports.Figure
        {
            Id = "styles",
            Title = "t",
            XLabel = "x",
            YLabel = "y",
            Series =
            [
                new Series { Label = "lm", X = [0, 1], Y = [0, 1] },
                new Series { Label = "l", X = [0, 1], Y = [1, 2], Style = SeriesStyle.Line },
                new Series { Label = "m", X = [0, 1], Y = [2, 3], Style = SeriesStyle.Markers, ColorIndex = 7 },
                new Series { Label = "d", X = [0, 1], Y = [3, 4], Style = SeriesStyle.DashedLine },
            ],
        };
        using Plot plot = FigureRenderer.Build(figure);
        var s = plot.GetPlottables<Scatter>().ToList();
        Assert.Equal(["lm", "l", "m", "d"], s.Select(x => x.LegendText));
        Assert.True(s[0].LineWidth > 0 && s[0].MarkerSize > 0);
        Assert.True(s[1].LineWidth > 0 && s[1].MarkerSize == 0);
        Assert.True(s[2].LineWidth == 0 && s[2].MarkerSize > 0);
        Assert.True(s[3].LineWidth > 0 && s[3].MarkerSize == 0 && s[3].LinePattern.Equals(LinePattern.Dashed));
        Assert.Equal(ReportStyle.PaletteColor(7), s[2].Color);
        Assert.Equal(ReportStyle.PaletteColor(0), s[0].Color);
        Assert.Equal(4, s.Select(x => x.Color).Distinct().Count());
        Assert.True(plot.Legend.IsVisible);
    }

    [Fact]
    public void Font_ResolvesToAFamilySkiaCanLoad()
    {
        string name = ReportStyle.FontName;
        Assert.False(string.IsNullOrWhiteSpace(name));
        using SkiaSharp.SKTypeface face = Fonts.GetTypeface(name, false, false);
        Assert.NotNull(face);
        // A glyph for every tick-label character: superscript digits and minus must not render as boxes.
        Assert.True(face.ContainsGlyphs("10⁻³⁰¹²⁴⁵⁶⁷⁸⁹ Eb/N0 (dB)"), $"font {name} lacks glyphs");
    }

    [Fact]
    public void LegendCorner_AvoidsTheCornersTheCurvesPassThrough()
    {
        var limits = new AxisLimits(0, 10, -9, -1);
        // A falling BER curve crosses upper-left and lower-right; a flat line along the top also blocks upper-right.
        (double[], double[], bool)[] falling = [([0, 10], [-1, -9], true)];
        (double[], double[], bool)[] fallingAndTop = [([0, 10], [-1, -9], true), ([0, 10], [-1.2, -1.2], true)];
        Assert.Equal(Alignment.UpperRight, FigureRenderer.LegendCorner(falling, limits));
        Assert.Equal(Alignment.LowerLeft, FigureRenderer.LegendCorner(fallingAndTop, limits));
        // Unconnected markers only count where they are: a single marker in the upper right moves the legend on.
        (double[], double[], bool)[] markers = [([0.5, 9.5], [-1.5, -1.5], false), ([9.5], [-8.5], false)];
        Assert.Equal(Alignment.LowerLeft, FigureRenderer.LegendCorner(markers, limits));
    }
}
