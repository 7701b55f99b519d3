using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PhyToolkit.Core.Reports;

/// <summary>Post-processing of ScottPlot/Skia SVG output: stable ids, a viewBox, font fallbacks, grid composition.</summary>
internal static partial class SvgMarkup
{
    /// <summary>XML prolog written at the top of standalone SVG files.</summary>
    public const string Prolog = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex PrologRegex();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"(\bid=""|url\(#|href=""#)([^"")]+)")]
    private static partial Regex IdUseRegex();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex RootRegex();

    [GeneratedRegex(@"font-family=""[^""]*""")]
    private static partial Regex FontFamilyRegex();

    /// <summary>
    /// Returns the SVG element (no prolog) with every id renamed to <paramref name="idPrefix"/> + running number in
    /// order of appearance (Skia numbers clip paths with a process-wide counter, which would make output depend on
    /// what was rendered before, and would collide when several SVGs are inlined in one HTML page), with a viewBox
    /// (so the inlined figure can scale) and a font-family list with generic fallbacks.
    /// </summary>
    public static string Normalize(string svgXml, string idPrefix, int width, int height)
    {
        string svg = PrologRegex().Replace(svgXml, "", 1);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in IdRegex().Matches(svg))
        {
            string id = m.Groups[1].Value;
            if (!map.ContainsKey(id)) map[id] = idPrefix + "c" + map.Count.ToString(CultureInfo.InvariantCulture);
        }
        if (map.Count > 0)
        {
            svg = IdUseRegex().Replace(svg, m =>
                map.TryGetValue(m.Groups[2].Value, out string? renamed) ? m.Groups[1].Value + renamed : m.Value);
        }
        string family = "font-family=\"" + ReportStyle.SvgFontFamily + "\"";
        svg = FontFamilyRegex().Replace(svg, family);
        string root = string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg = RootRegex().Replace(svg, root, 1);
        return svg.Trim() + "\n";
    }

    /// <summary>
    /// One SVG of size <paramref name="width"/>×<paramref name="height"/> holding the normalized panel SVGs as nested
    /// &lt;svg x= y=&gt; elements at the given offsets (each panel already has unique ids).
    /// </summary>
    public static string Compose(int width, int height, IReadOnlyList<(string Svg, int X, int Y)> panels)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect fill=\"white\" width=\"{width}\" height=\"{height}\"/>\n");
        foreach (var (panelSvg, x, y) in panels)
        {
            // The panel's root tag becomes a nested, positioned viewport.
            string nested = RootRegex().Replace(panelSvg, m =>
                m.Value.Insert(4, string.Create(CultureInfo.InvariantCulture, $" x=\"{x}\" y=\"{y}\"")), 1);
            sb.Append(nested);
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The SVG element without a leading XML prolog.</summary>
    public static string StripProlog(string svg) => PrologRegex().Replace(svg, "", 1);
}
