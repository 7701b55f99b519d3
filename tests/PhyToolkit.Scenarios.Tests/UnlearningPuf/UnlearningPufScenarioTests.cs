using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.UnlearningPuf;

namespace PhyToolkit.Scenarios.Tests.UnlearningPuf;

/// <summary>The unlearning-puf quick run at a reduced scale (a few seconds): report, claims, figures, metric identities; bad input; thread-count determinism.</summary>
public class UnlearningPufScenarioTests
{
    private static readonly string[] Small =
    [
        "parameters.rounds=8", "parameters.recoveryRoundsMax=3", "parameters.etaSweep=[1,2]", "parameters.otaSnrDb=[20]",
        "parameters.concurrentSets=[[0,1]]", "parameters.trainSamples=300", "parameters.testSamples=200", "parameters.hiddenUnits=16",
        "parameters.localSteps=5", "parameters.canariesPerClient=10", "parameters.maxShadow=200", "run.maxBlocks=2", "run.minBlocks=2",
    ];

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new UnlearningPufScenario(), "unlearning-puf", Small));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/unlearning-puf.md", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 10, claims.Length);
        Assert.Contains(claims, l => l.StartsWith("P9,", StringComparison.Ordinal) && l.Contains("held", StringComparison.Ordinal) && !l.Contains("not held", StringComparison.Ordinal));
        foreach (string id in new[] { "testAcc-vs-round", "canaryAcc-vs-round", "recovery-vs-eta", "forgetting-vs-eta", "concurrent", "ota-vs-snr", "storage" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
    }

    [Fact]
    public void MetricsAreConsistentWithTheirDefinitions()
    {
        var r = Quick.Value.Results;
        var reference = r.Find(p => p.Is("study", "reference"))!;
        Assert.Equal(0, reference.Mean("pufStoredVectors"));
        Assert.Equal(4 * 10, reference.Mean("fedEraserStoredVectors"));        // ceil(8 / 2) stored rounds x 10 clients
        var special = r.Find(p => p.Is("method", "puf-special") && p.Is("etaU", 2.0))!;
        Assert.Equal(special.Mean("canaryAfter") - special.Mean("refCanary"), special.Mean("canaryAfterGap"), 12);
        Assert.Equal(1 + 3 + 1, special.Curve("testAcc")!.Count);              // round 0 (original) + unlearning round + 3 recovery rounds
        Assert.InRange(special.Mean("roundsToTarget"), 1, 4);
        var natural = r.Find(p => p.Is("method", "natural"))!;
        Assert.Equal(natural.Mean("refTest"), special.Mean("refTest"), 12);  // same seeds, same retrained reference
        var eraser = r.Find(p => p.Is("method", "fedEraser"))!;
        Assert.Equal(4, eraser.Mean("roundsToTarget"));                       // one calibration round per stored round
        Assert.Equal(40, eraser.Mean("storedVectors"));
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new UnlearningPufScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.concurrentSets=[[0]]", "parameters.concurrentSets[0]"),
            ("parameters.concurrentSets=[[0,12]]", "parameters.concurrentSets[0]"),
            ("parameters.etaSweep=[1,-2]", "parameters.etaSweep"),
            ("parameters.etaSweep=[1]", "parameters.etaSweep"),
            ("parameters.forgetClient=10", "parameters.forgetClient"),
            ("parameters.otaSnrDb=[20,90]", "parameters.otaSnrDb"),
            ("parameters.fedEraserCalibrationRatio=0", "parameters.fedEraserCalibrationRatio"),
            ("parameters.fedEraserInterval=100", "parameters.fedEraserInterval"),
            ("parameters.model=\"cnn\"", "parameters.model"),
        ];
        foreach (var (set, path) in cases) Assert.StartsWith(path, ScenarioTestKit.RejectedPath(s, set), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new UnlearningPufScenario(), "unlearning-puf", Small);
    }
}
