using System.Globalization;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Results;

/// <summary>Reads a results.csv written by <see cref="ResultsCsv"/> back into <see cref="RunResults"/> (for <c>phytk report</c>).</summary>
public static class ResultsCsvReader
{
    /// <summary>Parses the table.</summary>
    /// <exception cref="InvalidDataException">Not a PhyToolkit results table.</exception>
    public static RunResults Read(string scenario, string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) throw new InvalidDataException("results.csv is empty");
        var header = SplitLine(lines[0]);
        int metricCol = header.IndexOf("metric");
        if (header.Count < 3 || header[0] != "point" || header[1] != "label" || metricCol < 2)
            throw new InvalidDataException("results.csv has an unexpected header");
        var coordNames = header.GetRange(2, metricCol - 2);
        int Col(string n) => header.IndexOf(n) is int i && i >= 0 ? i : throw new InvalidDataException($"results.csv lacks column '{n}'");
        int kindC = Col("kind"), meanC = Col("mean"), seC = Col("std_error"), loC = Col("ci_low"), hiC = Col("ci_high"),
            countC = Col("count"), evC = Col("events"), blocksC = Col("blocks"), trialsC = Col("trials"), statusC = Col("status");
        var points = new SortedDictionary<int, (SweepPoint Pt, PointStatus St, int Blocks, long Trials, Dictionary<string, MetricSummary> M)>();
        static double D(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        for (int li = 1; li < lines.Length; li++)
        {
            var f = SplitLine(lines[li]);
            if (f.Count != header.Count) throw new InvalidDataException($"results.csv line {li + 1} has {f.Count} fields, expected {header.Count}");
            int idx = int.Parse(f[0], CultureInfo.InvariantCulture);
            if (!points.TryGetValue(idx, out var entry))
            {
                var coords = new Dictionary<string, double>(StringComparer.Ordinal);
                for (int c = 0; c < coordNames.Count; c++)
                    if (f[2 + c].Length > 0) coords[coordNames[c]] = D(f[2 + c]);
                entry = (new SweepPoint(idx, f[1], coords), Enum.Parse<PointStatus>(f[statusC]), int.Parse(f[blocksC], CultureInfo.InvariantCulture),
                    long.Parse(f[trialsC], CultureInfo.InvariantCulture), new Dictionary<string, MetricSummary>(StringComparer.Ordinal));
                points[idx] = entry;
            }
            var kind = f[kindC] == "rate" ? MetricKind.Rate : MetricKind.Sample;
            entry.M[f[metricCol]] = new MetricSummary(kind, D(f[meanC]), D(f[seC]), D(f[loC]), D(f[hiC]), D(f[countC]), D(f[evC]));
        }
        return new RunResults(scenario, points.Values.Select(e => new PointResult(e.Pt, e.St, e.Blocks, e.Trials, e.M)).ToList());
    }

    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cur.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cur.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(cur.ToString()); cur.Clear(); }
            else if (ch != '\r') cur.Append(ch);
        }
        fields.Add(cur.ToString());
        return fields;
    }
}
