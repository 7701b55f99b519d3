using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Resurgence;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.Resurgence;

/// <summary>The resurgence quick run (a few seconds): report, claims table, figures, curves; bad input; thread-count determinism.</summary>
public class ResurgenceScenarioTests
{
    private static (ScenarioConfig Config, System.Text.Json.Nodes.JsonObject Json) Resolve(params string[] sets) => ScenarioTestKit.Resolve(new ResurgenceScenario(), sets);

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new ResurgenceScenario(), "resurgence", "run.maxBlocks=2", "run.minBlocks=2"));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/resurgence.md", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 6, claims.Length);
        foreach (string id in new[] { "growth", "ratio", "poles", "descent", "escape" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
    }

    [Fact]
    public void SeriesAndOptimizerMetricsAreConsistentWithTheExactLandscapes()
    {
        var r = Quick.Value.Results;
        var t1 = r.Find(p => p.Is("study", "series") && p.Is("landscape", "T1"))!;
        Assert.Equal(0.25, t1.Mean("exactGap"), 12);
        Assert.True(t1.Mean("coeffMaxRelError") < 1e-12);           // claim 1, exact closed form
        Assert.Equal(31, t1.Curve("growth")!.Count);                  // n = 0..30
        // Ratios/t_c tend to 1 from above (b_n/b_(n+1) = ¼(1 + 1/(2n) + …)).
        Assert.InRange(t1.Curve("ratio")!.Last.Mean, 1.0, 1.03);
        var esc = r.Find(p => p.Is("study", "escape"))!;
        Assert.Equal(esc.Mean("globalEscape") - esc.Mean("globalPlain"), esc.Mean("gainEscape"), 12);
        var d = r.Find(p => p.Is("study", "descent") && p.Is("landscape", "T4"))!;
        Assert.Equal(6, d.Curve("evalsFixed")!.Count);
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new ResurgenceScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.orders=[20,40]", "parameters.orders"),
            ("parameters.epsilons=[0.1,0.1]", "parameters.epsilons[1]"),
            ("parameters.laplaceOrder=30", "parameters.laplaceOrder"),
            ("parameters.escapeStep=0.6", "parameters.escapeStep"),
            ("parameters.fixedSteps=[0.1,-1]", "parameters.fixedSteps"),
        ];
        foreach (var (set, path) in cases) Assert.StartsWith(path, ScenarioTestKit.RejectedPath(s, set), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new ResurgenceScenario(), "resurgence", "run.maxBlocks=2", "run.minBlocks=2", "run.trialsPerBlock=3");
    }
}
