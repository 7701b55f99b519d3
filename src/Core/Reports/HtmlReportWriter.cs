using System.Globalization;
using System.Text;

namespace PhyToolkit.Core.Reports;

/// <summary>Builds the single self-contained report.html (inline CSS and SVG, no external resources).</summary>
internal static class HtmlReportWriter
{
    /// <summary>Rows of results.csv shown in the HTML (the file itself holds all rows; our choice, keeps the page light).</summary>
    public const int MaxResultRows = 2000;

    private const string Css = """
        body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:1300px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5;background:#fff}
        h1{font-size:1.6rem;border-bottom:2px solid #ddd;padding-bottom:.3rem}
        h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:1px solid #eee;padding-bottom:.2rem}
        h3{font-size:1.05rem;margin:1.5rem 0 .4rem}
        p.text{white-space:pre-line}
        figure{margin:1.8rem 0}
        figure svg{display:block;max-width:100%;height:auto;border:1px solid #eee}
        figcaption,.caption{font-size:.92rem;color:#444;margin-top:.4rem}
        .figtitle{font-weight:600;margin-bottom:.4rem}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;font-size:.85rem;margin:.4rem 0}
        th,td{border:1px solid #ccc;padding:.2rem .55rem;text-align:left;vertical-align:top}
        th{background:#f2f4f7}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        tr:nth-child(even) td{background:#fafbfc}
        pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.75rem;overflow:auto;font-size:.8rem;line-height:1.35}
        .note{color:#666;font-size:.85rem}
        """;

    /// <summary>
    /// The HTML page. <paramref name="svgByItem"/>[i] is the normalized SVG markup of item i when it is a figure.
    /// </summary>
    public static string Build(ReportMetadata metadata, IReadOnlyList<object> items, IReadOnlyList<string?> svgByItem)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(Escape(metadata.Title)).Append("</title>\n");
        sb.Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(Escape(metadata.Title)).Append("</h1>\n");
        if (!string.IsNullOrEmpty(metadata.ReproduceCommand))
            sb.Append("<p class=\"note\">Reproduce: <code>").Append(Escape(metadata.ReproduceCommand)).Append("</code></p>\n");
        if (!string.IsNullOrEmpty(metadata.DocsPage))
            sb.Append("<p class=\"note\">Method, equations and provenance: <code>").Append(Escape(metadata.DocsPage)).Append("</code> in the PhyToolkit repository.</p>\n");

        int figureNumber = 0, tableNumber = 0;
        for (int i = 0; i < items.Count; i++)
        {
            switch (items[i])
            {
                case string paragraph:
                    sb.Append("<p class=\"text\">").Append(Escape(paragraph)).Append("</p>\n");
                    break;
                case Figure f:
                    AppendFigure(sb, f.Id, null, f.Caption, svgByItem[i]!, ++figureNumber);
                    break;
                case PanelFigure pf:
                    AppendFigure(sb, pf.Id, pf.Title, pf.Caption, svgByItem[i]!, ++figureNumber);
                    break;
                case HeatmapFigure h:
                    AppendFigure(sb, h.Id, h.Title, string.IsNullOrEmpty(h.ValueLabel) ? h.Caption : $"Colour: {h.ValueLabel}. {h.Caption}", svgByItem[i]!, ++figureNumber);
                    break;
                case ImageGridFigure g:
                    AppendFigure(sb, g.Id, g.Title, g.Caption, svgByItem[i]!, ++figureNumber);
                    break;
                case Table t:
                    sb.Append("<section class=\"table\" id=\"table-").Append(t.Id).Append("\">\n<h3>Table ")
                      .Append(++tableNumber).Append(". ").Append(Escape(t.Title)).Append("</h3>\n");
                    AppendTable(sb, t.Columns, t.Rows);
                    if (!string.IsNullOrEmpty(t.Caption))
                        sb.Append("<p class=\"caption\">").Append(Escape(t.Caption)).Append("</p>\n");
                    sb.Append("<p class=\"note\">CSV: figures/").Append(t.Id).Append(".csv</p>\n</section>\n");
                    break;
            }
        }

        sb.Append("<section id=\"results\">\n<h2>Results</h2>\n");
        List<string[]> csv = CsvText.Parse(metadata.ResultsCsv ?? "");
        if (csv.Count == 0)
        {
            sb.Append("<p class=\"note\">(no results)</p>\n");
        }
        else
        {
            string[] header = csv[0];
            int width = header.Length;
            var rows = new List<IReadOnlyList<string>>();
            for (int r = 1; r < csv.Count && rows.Count < MaxResultRows; r++) rows.Add(Pad(csv[r], width));
            AppendTable(sb, header, rows);
            int total = csv.Count - 1;
            if (total > rows.Count)
                sb.Append("<p class=\"note\">First ").Append(rows.Count).Append(" of ").Append(total)
                  .Append(" rows shown; results.csv holds all of them.</p>\n");
        }
        sb.Append("</section>\n");
        AppendPre(sb, "manifest", "Manifest", metadata.ManifestJson);
        AppendPre(sb, "scenario", "Scenario", metadata.ScenarioJson);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>HTML-escapes &amp;, &lt;, &gt;, " and '; other characters (UTF-8) are kept.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }
        return sb.ToString();
    }

    private static void AppendFigure(StringBuilder sb, string id, string? title, string? caption, string svg, int number)
    {
        sb.Append("<figure id=\"fig-").Append(id).Append("\">\n");
        if (title is not null) sb.Append("<div class=\"figtitle\">").Append(Escape(title)).Append("</div>\n");
        sb.Append(svg);
        sb.Append("<figcaption><b>Figure ").Append(number).Append(".</b>");
        if (!string.IsNullOrEmpty(caption)) sb.Append(' ').Append(Escape(caption));
        sb.Append(" <span class=\"note\">(figures/").Append(id).Append(".png, .svg)</span></figcaption>\n</figure>\n");
    }

    private static void AppendTable(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        sb.Append("<div class=\"scroll\"><table>\n<thead><tr>");
        foreach (string h in header) sb.Append("<th>").Append(Escape(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (IReadOnlyList<string> row in rows)
        {
            sb.Append("<tr>");
            foreach (string cell in row)
            {
                bool numeric = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                sb.Append(numeric ? "<td class=\"n\">" : "<td>").Append(Escape(cell)).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table></div>\n");
    }

    private static void AppendPre(StringBuilder sb, string id, string heading, string? text)
    {
        sb.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(heading).Append("</h2>\n");
        if (string.IsNullOrWhiteSpace(text)) sb.Append("<p class=\"note\">(none)</p>\n");
        else sb.Append("<pre>").Append(Escape(text.TrimEnd())).Append("</pre>\n");
        sb.Append("</section>\n");
    }

    private static string[] Pad(string[] row, int width)
    {
        if (row.Length >= width) return row;
        var padded = new string[width];
        Array.Copy(row, padded, row.Length);
        for (int i = row.Length; i < width; i++) padded[i] = "";
        return padded;
    }
}
