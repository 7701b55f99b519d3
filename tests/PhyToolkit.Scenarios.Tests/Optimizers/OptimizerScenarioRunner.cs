using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.Optimizers;

/// <summary>Runs an optimiser scenario with --quick through the phytk child process and reads its results back.</summary>
internal sealed class QuickRun : IDisposable
{
    public QuickRun(string scenario, params string[] extra)
    {
        Dir = Phytk.TempDir(scenario);
        var (exit, _, err) = Phytk.Run(["run", scenario, "--quick", "--no-progress", "--out", Dir, .. extra]);
        Assert.True(exit == 0, err);
        Results = PhyToolkit.Core.Results.ResultsCsvReader.Read(scenario, File.ReadAllText(Path.Combine(Dir, "results.csv")));
        Html = File.ReadAllText(Path.Combine(Dir, "report.html"));
    }

    public string Dir { get; }

    public RunResults Results { get; }

    public string Html { get; }

    public MetricSummary Metric(string label, string metric)
    {
        var p = Results.Points.SingleOrDefault(q => q.Point.Label == label) ?? throw new InvalidOperationException($"no point '{label}'");
        return p.Get(metric) ?? throw new InvalidOperationException($"point '{label}' has no metric '{metric}'");
    }

    public double Mean(string label, string metric) => Metric(label, metric).Mean;

    /// <summary>The mean of a curve metric at one step (e.g. the error at horizon T).</summary>
    public double CurveMean(string label, string metric, int step)
    {
        var p = Results.Points.SingleOrDefault(q => q.Point.Label == label) ?? throw new InvalidOperationException($"no point '{label}'");
        var c = p.Curve(metric) ?? throw new InvalidOperationException($"point '{label}' has no curve '{metric}'");
        return (c.At(step) ?? throw new InvalidOperationException($"curve '{metric}' of '{label}' has no step {step}")).Mean;
    }

    /// <summary>Claim id → verdict from the claims table (figures/claims.csv).</summary>
    public IReadOnlyDictionary<string, string> Claims()
    {
        var rows = ParseCsv(File.ReadAllText(Path.Combine(Dir, "figures", "claims.csv")));
        Assert.Equal("verdict", rows[0][2]);
        return rows.Skip(1).ToDictionary(r => r[0], r => r[2]);
    }

    /// <summary>Every figure id has a PNG and an SVG, and the self-contained report mentions it.</summary>
    public void AssertFigures(params string[] ids)
    {
        foreach (var id in ids)
        {
            var png = File.ReadAllBytes(Path.Combine(Dir, "figures", id + ".png"));
            Assert.True(png.Length > 1000, id);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(Dir, "figures", id + ".svg")));
            Assert.Contains(id, Html);
        }
        // Every claim has a verdict computed from the results (one vocabulary: held / not held / inconclusive).
        if (File.Exists(Path.Combine(Dir, "figures", "claims.csv")))
        {
            var verdicts = Claims();
            Assert.NotEmpty(verdicts);
            Assert.All(verdicts.Values, v => Assert.Contains(v, new[] { "held", "not held", "inconclusive" }));
            return;
        }
        Assert.Contains("Claim:", Html);
        Assert.DoesNotContain("not evaluated (missing points)", Html);
    }

    /// <summary>Rows of a CSV text; fields may be quoted.</summary>
    private static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> logY)
    {
        double mx = x.Average(v => Math.Log(v)), my = logY.Average(), num = 0, den = 0;
        for (int i = 0; i < x.Count; i++) { double d = Math.Log(x[i]) - mx; num += d * (logY[i] - my); den += d * d; }
        return num / den;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
