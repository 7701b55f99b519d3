using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.AsynPd;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.AsynPd;

/// <summary>The asyn-pd quick run (a few seconds): report, claims table, figures, curves; bad input; thread-count determinism.</summary>
public class AsynPdScenarioTests
{
    private static (ScenarioConfig Config, System.Text.Json.Nodes.JsonObject Json) Resolve(params string[] sets) => ScenarioTestKit.Resolve(new AsynPdScenario(), sets);

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new AsynPdScenario(), "asyn-pd", "parameters.iterations=10000"));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/asyn-pd.md", html, StringComparison.Ordinal);
        foreach (string id in new[] { "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8" }) Assert.Contains($"<td>{id}</td>", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 8, claims.Length);
        foreach (string id in new[] { "mse-iterations-T1", "mse-iterations-T2", "mse-time", "updates", "violation-delta", "allocation" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
    }

    [Fact]
    public void CurvesAndPairedMetricsArePresentAndConsistent()
    {
        var r = Quick.Value.Results;
        var h1 = r.Find(p => p.Is("study", "rate") && p.Is("case", "T1") && p.Is("timing", "H1"))!;
        var mse = h1.Curve("mse")!;
        Assert.Equal(10_000, mse.Steps[^1]);
        // The error falls by orders of magnitude over the run (MSE(0) ≈ 10², last point ≈ 10⁻¹ at t = 10⁴).
        Assert.True(mse.Last.Mean < 1e-2 * mse.Values[0].Mean);
        // Per-worker update counts sum to the number of server iterations in every run.
        var upd = h1.Curve("updates")!;
        Assert.Equal(10_000, upd.Values.Sum(v => v.Mean), 6);
        // Staleness of a message is at least 0 and the mean over messages is n − 1 in steady state for blocking workers.
        Assert.InRange(h1.Mean("meanStaleness"), 8.5, 9.0);
        Assert.NotNull(h1.Curve("mseTimeSync"));
        var t2 = r.Find(p => p.Is("study", "rate") && p.Is("case", "T2") && p.Is("timing", "H0"))!;
        Assert.Equal(10, t2.Curve("allocation")!.Count);
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new AsynPdScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.deltas=[0.1,0.1]", "parameters.deltas[1]"),
            ("parameters.timings=[\"H0\",\"H3\"]", "parameters.timings[1]"),
            ("parameters.constantSteps=[0.1]", "parameters.constantSteps"),
            ("parameters.slowScale=0.8", "parameters.slowScale"),
            ("parameters.linkMean=-0.1", "parameters.linkMean"),
            ("parameters.h1ComputeRange=[10,1]", "parameters.h1ComputeRange"),
            ("parameters.constraints=17", "parameters.constraints"),
            ("parameters.otaSnrDb=100", "parameters.otaSnrDb"),
        ];
        foreach (var (set, path) in cases) Assert.Equal(path, ScenarioTestKit.RejectedPath(s, set));
        var (c2, _) = Resolve("run.trialsPerBlock=2");
        Assert.Equal("run.trialsPerBlock", Assert.Throws<ConfigException>(() => s.Create(c2)).Path);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new AsynPdScenario(), "asyn-pd", "parameters.iterations=2000", "run.maxBlocks=2", "run.minBlocks=2");
    }
}
