using ScottPlot;
using SkiaSharp;

namespace PhyToolkit.Core.Reports;

/// <summary>The one plot style of every report figure (all values are our choice).</summary>
internal static class ReportStyle
{
    /// <summary>Series colours (the Tableau/matplotlib "tab10" palette: ten distinct colours).</summary>
    public static readonly string[] PaletteHex =
    [
        "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD",
        "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF",
    ];

    /// <summary>Marker shapes, cycled with the colour index so series stay apart in grey-scale prints.</summary>
    public static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp,
        MarkerShape.OpenDiamond, MarkerShape.Cross,
    ];

    public const float TitleFontSize = 16f;
    public const float AxisLabelFontSize = 14f;
    public const float TickLabelFontSize = 12f;
    public const float LegendFontSize = 12f;
    public const float LineWidth = 2f;
    public const float MarkerSize = 7f;
    public const float ErrorBarWidth = 1.2f;
    public const float ErrorBarCap = 5f;
    /// <summary>Opacity of CI bands.</summary>
    public const double BandAlpha = 0.2;
    public const float RectangleLineWidth = 1.5f;
    public const string RectangleColorHex = "#333333";

    /// <summary>Sets the font, the title, both axis labels and the tick-label sizes of <paramref name="plot"/>.</summary>
    public static void ApplyText(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Font.Set(FontName);
        plot.Title(title, TitleFontSize);
        plot.XLabel(xLabel, AxisLabelFontSize);
        plot.YLabel(yLabel, AxisLabelFontSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickLabelFontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickLabelFontSize;
    }

    /// <summary>Families tried in order; the first one Skia can load exactly is used.</summary>
    private static readonly string[] FontCandidates =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans", "Open Sans"];

    /// <summary>Family written into SVG text so browsers without the render font fall back sensibly.</summary>
    public static string SvgFontFamily => $"{FontName}, Arial, Helvetica, sans-serif";

    private static readonly Lazy<string> Font = new(ResolveFont, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The font family used for all text (resolved once per process).</summary>
    public static string FontName => Font.Value;

    /// <summary>The colour for a palette index (wraps around).</summary>
    public static Color PaletteColor(int index) => Color.FromHex(PaletteHex[index % PaletteHex.Length]);

    private static string ResolveFont()
    {
        foreach (string family in FontCandidates)
        {
            using SKTypeface? face = SKFontManager.Default.MatchFamily(family);
            if (face is not null && string.Equals(face.FamilyName, family, StringComparison.OrdinalIgnoreCase))
                return face.FamilyName;
        }
        // No known family: register the first sans TrueType file found on the machine (headless boxes, containers).
        foreach (string root in new[] { "/usr/share/fonts", "/usr/local/share/fonts" })
        {
            if (!Directory.Exists(root)) continue;
            string[] files = Directory.GetFiles(root, "*.ttf", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
            string? pick = Array.Find(files, f => Path.GetFileName(f).Contains("Sans", StringComparison.OrdinalIgnoreCase)
                                                  && !Path.GetFileName(f).Contains("Bold", StringComparison.OrdinalIgnoreCase)
                                                  && !Path.GetFileName(f).Contains("Oblique", StringComparison.OrdinalIgnoreCase))
                           ?? (files.Length > 0 ? files[0] : null);
            if (pick is null) continue;
            const string registered = "PhyToolkit Sans";
            Fonts.AddFontFile(registered, pick);
            return registered;
        }
        return Fonts.Default;
    }
}
