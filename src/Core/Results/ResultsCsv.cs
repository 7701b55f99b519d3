using System.Globalization;
using System.Text;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Results;

/// <summary>
/// Tidy results table: one row per point, metric and step (the <c>step</c> column is empty for scalar metrics and holds
/// the iteration/round of a curve metric) with mean, standard error, 95 % CI, counts, blocks, trials and the point's stop
/// status; sweep coordinates as columns (numbers, or text for categorical coordinates). Invariant culture, round-trip
/// ("R") precision, no timing columns, so two runs with the same config and seed give byte-identical files. A statistic
/// that is undefined (the standard error and CI of a metric with a single sample) is left empty, never written as NaN.
/// </summary>
public static class ResultsCsv
{
    /// <summary>Formats a double with round-trip precision in the invariant culture; non-finite values become "".</summary>
    public static string Format(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>The coordinate columns of a run, in order of first appearance (numeric and categorical).</summary>
    public static IReadOnlyList<string> CoordinateColumns(RunResults results)
    {
        var coords = new List<string>();
        foreach (var p in results.Points)
        {
            foreach (var k in p.Point.Coordinates.Keys)
                if (!coords.Contains(k)) coords.Add(k);
            foreach (var k in p.Point.Categories.Keys)
                if (!coords.Contains(k)) coords.Add(k);
        }
        return coords;
    }

    /// <summary>Renders the table.</summary>
    public static string Write(RunResults results)
    {
        var coords = CoordinateColumns(results);
        var sb = new StringBuilder();
        sb.Append("point,label");
        foreach (var c in coords) sb.Append(',').Append(Escape(c));
        sb.Append(",metric,step,kind,mean,std_error,ci_low,ci_high,count,events,blocks,trials,status\n");
        foreach (var p in results.Points)
        {
            string prefix = Prefix(p, coords);
            foreach (var name in p.Metrics.Keys.Concat(p.Curves.Keys).Order(StringComparer.Ordinal))
            {
                if (p.Metrics.TryGetValue(name, out var m))
                {
                    AppendRow(sb, prefix, name, "", m, p);
                    continue;
                }
                var curve = p.Curves[name];
                for (int i = 0; i < curve.Count; i++)
                    AppendRow(sb, prefix, name, curve.Steps[i].ToString(CultureInfo.InvariantCulture), curve.Values[i], p);
            }
        }
        return sb.ToString();
    }

    private static string Prefix(PointResult p, IReadOnlyList<string> coords)
    {
        var sb = new StringBuilder();
        sb.Append(p.Point.Index.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Escape(p.Point.Label));
        foreach (var c in coords)
        {
            sb.Append(',');
            if (p.Point.Coordinates.TryGetValue(c, out double v)) sb.Append(Format(v));
            else if (p.Point.Categories.TryGetValue(c, out string? t)) sb.Append(Escape(t));
        }
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string prefix, string name, string step, MetricSummary m, PointResult p)
    {
        sb.Append(prefix)
          .Append(',').Append(Escape(name)).Append(',').Append(step).Append(',').Append(m.Kind == MetricKind.Rate ? "rate" : "sample")
          .Append(',').Append(Format(m.Mean)).Append(',').Append(Format(m.StdError))
          .Append(',').Append(Format(m.CiLow)).Append(',').Append(Format(m.CiHigh))
          .Append(',').Append(Format(m.Count)).Append(',').Append(m.Kind == MetricKind.Rate ? Format(m.Events) : "")
          .Append(',').Append(p.Blocks.ToString(CultureInfo.InvariantCulture))
          .Append(',').Append(p.Trials.ToString(CultureInfo.InvariantCulture))
          .Append(',').Append(p.Status.ToString())
          .Append('\n');
    }

    internal static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
