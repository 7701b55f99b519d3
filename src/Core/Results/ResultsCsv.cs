using System.Globalization;
using System.Text;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Results;

/// <summary>
/// Tidy results table: one row per point and metric with mean, standard error, 95 % CI, counts, blocks, trials and the
/// point's stop status; sweep coordinates as columns. Invariant culture, round-trip ("R") precision, no timing columns,
/// so two runs with the same config and seed give byte-identical files.
/// </summary>
public static class ResultsCsv
{
    /// <summary>Formats a double with round-trip precision in the invariant culture.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Renders the table.</summary>
    public static string Write(RunResults results)
    {
        var coords = new List<string>();
        foreach (var p in results.Points)
            foreach (var k in p.Point.Coordinates.Keys)
                if (!coords.Contains(k)) coords.Add(k);
        var sb = new StringBuilder();
        sb.Append("point,label");
        foreach (var c in coords) sb.Append(',').Append(Escape(c));
        sb.Append(",metric,kind,mean,std_error,ci_low,ci_high,count,events,blocks,trials,status\n");
        foreach (var p in results.Points)
        {
            foreach (var name in p.Metrics.Keys.Order(StringComparer.Ordinal))
            {
                var m = p.Metrics[name];
                sb.Append(p.Point.Index.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Escape(p.Point.Label));
                foreach (var c in coords)
                    sb.Append(',').Append(p.Point.Coordinates.TryGetValue(c, out double v) ? Format(v) : "");
                sb.Append(',').Append(Escape(name)).Append(',').Append(m.Kind == MetricKind.Rate ? "rate" : "sample")
                  .Append(',').Append(Format(m.Mean)).Append(',').Append(Format(m.StdError))
                  .Append(',').Append(Format(m.CiLow)).Append(',').Append(Format(m.CiHigh))
                  .Append(',').Append(Format(m.Count)).Append(',').Append(m.Kind == MetricKind.Rate ? Format(m.Events) : "")
                  .Append(',').Append(p.Blocks.ToString(CultureInfo.InvariantCulture))
                  .Append(',').Append(p.Trials.ToString(CultureInfo.InvariantCulture))
                  .Append(',').Append(p.Status.ToString())
                  .Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
