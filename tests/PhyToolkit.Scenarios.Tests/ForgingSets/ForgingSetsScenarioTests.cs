using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.ForgingSets;

namespace PhyToolkit.Scenarios.Tests.ForgingSets;

/// <summary>The forging-sets quick run at a reduced scale (a few seconds): report, claims, figures, metric identities; bad input; thread-count determinism.</summary>
public class ForgingSetsScenarioTests
{
    private static readonly string[] Small =
    [
        "parameters.inputDimensions=[1,2]", "parameters.localSamples=5000", "parameters.globalSamples=20000", "parameters.noBiasSamples=50000",
        "parameters.batchOuterSamples=200", "parameters.batchInnerSamples=20", "parameters.probabilitySamples=20000", "parameters.samplingDimensions=[2]",
        "parameters.poolSizes=[100,1000]", "parameters.attackRepetitions=5", "parameters.starts=4", "run.maxBlocks=2", "run.minBlocks=2",
    ];

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new ForgingSetsScenario(), "forging-sets", Small));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/forging-sets.md", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 12, claims.Length); // F1–F11 and the T2 wrapper
        foreach (string id in new[] { "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "T2" })
            Assert.Contains(claims, l => l.StartsWith(id + ",", StringComparison.Ordinal));
        foreach (string id in new[] { "volume", "attack-a1", "attack-a3", "audit" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")) || Directory.GetFiles(Path.Combine(dir, "figures"), id + "*.svg").Length > 0, id);
    }

    [Fact]
    public void MetricsAreConsistentWithTheirDefinitions()
    {
        var r = Quick.Value.Results;
        // Exact structural facts: r̂ of the closed-form models and the batch rank do not depend on the Monte Carlo.
        Assert.Equal(0, r.Find(p => p.Is("experiment", "F1") && p.Is("d", 2.0))!.Mean("r"));
        Assert.Equal(1, r.Find(p => p.Is("experiment", "F5") && p.Is("k", 2.0))!.Mean("r"));
        Assert.Equal(2, r.Find(p => p.Is("experiment", "F5") && p.Is("k", 1.0))!.Mean("r"));
        Assert.Equal(2, r.Find(p => p.Is("experiment", "F7"))!.Mean("rank"));
        Assert.Equal(0, r.Find(p => p.Is("experiment", "F1") && p.Is("d", 3.0))!.Mean("e3Outside")); // D1: unique preimage
        // The honest log passes the audit in both formats; every curve has one value per grid point.
        var audit = r.Find(p => p.Is("experiment", "F11"))!;
        Assert.Equal(1, audit.Mean("honestPass64"));
        Assert.Equal(1, audit.Mean("honestPass32"));
        Assert.Equal(8, r.Find(p => p.Is("experiment", "F3") && p.Is("d", 3.0))!.Curve("mu")!.Count);
        Assert.Equal(2, r.Find(p => p.Is("experiment", "F9"))!.Curve("median")!.Count);
        // F2's excess is μ̂ minus the D2 bound, and μ̂ ≥ 0.
        var f2 = r.Find(p => p.Is("experiment", "F2") && p.Is("d", 2.0))!;
        foreach (var m in f2.Curve("mu")!.Means()) Assert.True(m >= 0);
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new ForgingSetsScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.halfWidth=0", "parameters.halfWidth"),
            ("parameters.epsilonLow=0", "parameters.epsilonLow"),
            ("parameters.epsilonHigh=0.0001", "parameters.epsilonHigh"),
            ("parameters.inputDimensions=[]", "parameters.inputDimensions"),
            ("parameters.poolSizes=[1000]", "parameters.poolSizes"),
            ("parameters.samplingDimensions=[1]", "parameters.samplingDimensions[0]"),
            ("parameters.deltas=[0]", "parameters.deltas[0]"),
            ("parameters.auditFactor=0", "parameters.auditFactor"),
        ];
        foreach (var (set, path) in cases) Assert.Equal(path, ScenarioTestKit.RejectedPath(s, set));
    }

    [Fact]
    public void OneAndTwoThreadsGiveTheSameResults() =>
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new ForgingSetsScenario(), "forging-sets-threads", [.. Small, "parameters.inputDimensions=[1]"]);
}
