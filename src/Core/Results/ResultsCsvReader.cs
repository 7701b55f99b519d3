using System.Globalization;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Results;

/// <summary>Reads a results.csv written by <see cref="ResultsCsv"/> back into <see cref="RunResults"/> (for <c>phytk report</c>).</summary>
public static class ResultsCsvReader
{
    /// <summary>
    /// Parses the table. With <paramref name="plan"/> (the scenario's sweep, rebuilt from scenario.json) the points and their
    /// numeric and categorical coordinates are the plan's, and every row's label must match its point; without a plan,
    /// coordinate cells that parse as numbers become numeric coordinates and the others categories.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a PhyToolkit results table, or it does not belong to <paramref name="plan"/>.</exception>
    public static RunResults Read(string scenario, string csv, SweepPlan? plan = null)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) throw new InvalidDataException("results.csv is empty");
        var header = SplitLine(lines[0]);
        int metricCol = header.IndexOf("metric");
        if (header.Count < 3 || header[0] != "point" || header[1] != "label" || metricCol < 2)
            throw new InvalidDataException("results.csv has an unexpected header");
        var coordNames = header.GetRange(2, metricCol - 2);
        int Col(string n) => header.IndexOf(n) is int i && i >= 0 ? i : throw new InvalidDataException($"results.csv lacks column '{n}'");
        int stepC = header.IndexOf("step");
        int kindC = Col("kind"), meanC = Col("mean"), seC = Col("std_error"), loC = Col("ci_low"), hiC = Col("ci_high"),
            countC = Col("count"), evC = Col("events"), blocksC = Col("blocks"), trialsC = Col("trials"), statusC = Col("status");
        var points = new SortedDictionary<int, Entry>();
        static double D(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        for (int li = 1; li < lines.Length; li++)
        {
            var f = SplitLine(lines[li]);
            if (f.Count != header.Count) throw new InvalidDataException($"results.csv line {li + 1} has {f.Count} fields, expected {header.Count}");
            int idx = int.Parse(f[0], CultureInfo.InvariantCulture);
            if (!points.TryGetValue(idx, out var entry))
            {
                SweepPoint pt;
                if (plan != null)
                {
                    if (idx < 0 || idx >= plan.Points.Count || plan.Points[idx].Label != f[1])
                        throw new InvalidDataException($"results.csv line {li + 1}: point {idx} '{f[1]}' is not point {idx} of the scenario's sweep");
                    pt = plan.Points[idx];
                }
                else
                {
                    var coords = new Dictionary<string, double>(StringComparer.Ordinal);
                    var cats = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (int c = 0; c < coordNames.Count; c++)
                    {
                        string cell = f[2 + c];
                        if (cell.Length == 0) continue;
                        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) coords[coordNames[c]] = v;
                        else cats[coordNames[c]] = cell;
                    }
                    pt = new SweepPoint(idx, f[1], coords) { Categories = cats };
                }
                entry = new Entry(pt, Enum.Parse<PointStatus>(f[statusC]), int.Parse(f[blocksC], CultureInfo.InvariantCulture),
                    long.Parse(f[trialsC], CultureInfo.InvariantCulture));
                points[idx] = entry;
            }
            var kind = f[kindC] == "rate" ? MetricKind.Rate : MetricKind.Sample;
            var summary = new MetricSummary(kind, D(f[meanC]), D(f[seC]), D(f[loC]), D(f[hiC]), D(f[countC]), D(f[evC]));
            string name = f[metricCol];
            if (stepC >= 0 && f[stepC].Length > 0)
            {
                if (!entry.Curves.TryGetValue(name, out var c)) entry.Curves[name] = c = new SortedDictionary<int, MetricSummary>();
                c[int.Parse(f[stepC], CultureInfo.InvariantCulture)] = summary;
            }
            else entry.Metrics[name] = summary;
        }
        return new RunResults(scenario, points.Values.Select(e => new PointResult(e.Point, e.Status, e.Blocks, e.Trials, e.Metrics,
            e.Curves.ToDictionary(kv => kv.Key, kv => new MetricCurve(kv.Value.Keys.ToArray(), kv.Value.Values.ToArray()), StringComparer.Ordinal))).ToList());
    }

    private sealed record Entry(SweepPoint Point, PointStatus Status, int Blocks, long Trials)
    {
        public Dictionary<string, MetricSummary> Metrics { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, SortedDictionary<int, MetricSummary>> Curves { get; } = new(StringComparer.Ordinal);
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
