using System.Text;

namespace PhyToolkit.Core.Reports;

/// <summary>Minimal RFC 4180 CSV reading and writing (quoted fields, doubled quotes, CR/LF line ends).</summary>
internal static class CsvText
{
    /// <summary>Parses CSV text into rows of fields. Blank lines are skipped.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool inQuotes = false, fieldStarted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else field.Append(c);
            }
            else if (c == '"') { inQuotes = true; fieldStarted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); fieldStarted = true; }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRow();
            }
            else { field.Append(c); fieldStarted = true; }
        }
        EndRow();
        return rows;

        void EndRow()
        {
            if (fieldStarted || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add([.. row]);
            }
            row.Clear();
            field.Clear();
            fieldStarted = false;
        }
    }

    /// <summary>Formats rows as CSV with "\n" line ends; fields with ',', '"', CR or LF are quoted.</summary>
    public static string Format(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        AppendRow(sb, header);
        foreach (var r in rows) AppendRow(sb, r);
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            string cell = cells[i] ?? "";
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                sb.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                sb.Append(cell);
        }
        sb.Append('\n');
    }
}
