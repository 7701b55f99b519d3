using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Dcpo;

namespace PhyToolkit.Scenarios.Tests.Dcpo;

/// <summary>The dcpo run at a reduced budget (a few seconds): report, claims table, figures, budget accounting; bad input; thread-count determinism.</summary>
public class DcpoScenarioTests
{
    // 10 steps' worth of responses per method, 2 seeds, a 3-step rare-token study: enough to exercise every path.
    private static readonly string[] Small = ["run.maxBlocks=2", "run.minBlocks=2", "parameters.budgetResponses=1280", "parameters.checkpointResponses=640", "parameters.rareSteps=3"];

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new DcpoScenario(), "rl-dcpo", Small));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/dcpo.md", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 4 * 2 + 1, claims.Length);   // D1–D4 per task, D5
        foreach (string t in new[] { "T1", "T2" })
            foreach (string id in new[] { "clip", "nonzero", "accuracy", "ratio" })
                Assert.True(File.Exists(Path.Combine(dir, "figures", $"{id}-{t}.svg")), $"{id}-{t}");
    }

    [Fact]
    public void EveryMethodSpendsTheSameResponseBudget()
    {
        var r = Quick.Value.Results;
        foreach (string t in new[] { "T1", "T2" })
        {
            var pt = r.Find(p => p.Is("task", t))!;
            foreach (string m in DcpoParameters.KnownMethods) Assert.Equal(1280, pt.Mean($"generatedResponses.{m}"));
            Assert.Equal(10, pt.Mean("steps.grpo"));
            Assert.Equal(10, pt.Mean("steps.dcpo"));
            Assert.True(pt.Mean("steps.dapo") <= 10);      // refills count against DAPO's budget
            // Paired differences are per-seed differences: their mean is the difference of the means.
            Assert.Equal(pt.Mean("finalAccuracy.dcpo") - pt.Mean("finalAccuracy.grpo"), pt.Mean("diff.finalAccuracy.dcpo.vs.grpo"), 12);
            Assert.Equal(pt.Mean("meanClipRatio.dcpo") - pt.Mean("meanClipRatio.dapo"), pt.Mean("diff.meanClipRatio.dcpo.vs.dapo"), 12);
            Assert.InRange(pt.Curve("clipRatio.grpo")!.Count, 10, 10);
            Assert.Equal(3, pt.Curve("accuracy.dcpo")!.Count);   // 0, 640, 1280 responses
        }
        // T1 responses have one token: GSPO's sequence ratio is GRPO's token ratio, so the two runs coincide.
        var t1 = r.Find(p => p.Is("task", "T1"))!;
        Assert.Equal(t1.Mean("finalAccuracy.grpo"), t1.Mean("finalAccuracy.gspo"));
        Assert.Equal(t1.Mean("meanClipRatio.grpo"), t1.Mean("meanClipRatio.gspo"));
        Assert.NotNull(r.Find(p => p.Is("task", DcpoRun.Rare))!.Get("rareGain.dcpo"));
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new DcpoScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.generations=1", "parameters.generations"),
            ("parameters.budgetResponses=100", "parameters.budgetResponses"),   // below one round (16 × 8)
            ("parameters.dcpoEpsilonLow=0", "parameters.dcpoEpsilonLow"),
            ("parameters.grpoEpsilon=-0.2", "parameters.grpoEpsilon"),
            ("parameters.tasks=[\"T3\"]", "parameters.tasks[0]"),
            ("parameters.methods=[\"grpo\",\"grpo\"]", "parameters.methods[1]"),
            ("parameters.rarePolicy=\"table\"", "parameters.rarePolicy"),
        ];
        foreach (var (set, path) in cases) Assert.Equal(path, ScenarioTestKit.RejectedPath(s, set));
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new DcpoScenario(), "rl-dcpo", "run.maxBlocks=2", "run.minBlocks=2",
            "parameters.budgetResponses=384", "parameters.checkpointResponses=128", "parameters.rareSteps=2");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void AtReportScaleDcpoUsesMoreResponsesThanGrpo()
    {
        // Claim D2 at the report budget (300 steps' worth, 3 seeds; ≈ 35 s of CPU): the paired interval of
        // DCPO − GRPO in non-zero-advantage fraction lies above +0.10 on both tasks (docs/dcpo.md).
        var (dir, _) = ScenarioTestKit.RunQuick(new DcpoScenario(), "dcpo-d2", "parameters.budgetResponses=38400", "parameters.checkpointResponses=1280",
            "parameters.rareTokenStudy=false");
        var rows = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        foreach (string t in new[] { "T1", "T2" })
            Assert.Contains(rows, r => r.StartsWith($"D2 ({t}),", StringComparison.Ordinal) && r.Contains(",held,", StringComparison.Ordinal));
    }
}
