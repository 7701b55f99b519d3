using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.UnlearningStream;

namespace PhyToolkit.Scenarios.Tests.UnlearningStream;

/// <summary>The unlearning-stream quick run at a reduced scale (a few seconds): report, claims, figures, metric identities; bad input; thread-count determinism.</summary>
public class UnlearningStreamScenarioTests
{
    private static readonly string[] Small =
    [
        "parameters.horizon=3000", "parameters.checkpoints=7", "parameters.fitFrom=300", "parameters.kappaSamples=2000", "parameters.deletionInserts=300",
        "parameters.deletionTrialsPerSeed=2", "parameters.costHorizon=600", "parameters.costRunsPerSeed=1", "parameters.noiseLearnersPerSeed=10",
        "run.maxBlocks=2", "run.minBlocks=2",
    ];

    private static readonly Lazy<(string Dir, Core.MonteCarlo.RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new UnlearningStreamScenario(), "unlearning-stream", Small));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/unlearning-stream.md", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 12, claims.Length);   // S1 for L1, L1′ and L0, then S2–S10
        foreach (string id in new[] { "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10" })
            Assert.Contains(claims, l => l.StartsWith(id + ",", StringComparison.Ordinal));
        // S3 and S9 are exact checks of the library's state: they hold at any scale
        foreach (string id in new[] { "S3", "S9" })
            Assert.Contains(claims, l => l.StartsWith(id + ",", StringComparison.Ordinal) && l.Contains("held", StringComparison.Ordinal) && !l.Contains("not held", StringComparison.Ordinal));
        foreach (string id in new[] { "regret-vs-lnT", "regret-schedules", "theorem-a", "memory-vs-T", "work-per-event", "deletion-fidelity", "odometer", "capacity-gate", "dynamic-regret" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
        Assert.True(File.Exists(Path.Combine(dir, "figures", "comparison.csv")));
    }

    [Fact]
    public void MetricsAreConsistent()
    {
        var r = Quick.Value.Results;
        var l1 = r.Find(p => p.Is("study", "regret") && p.Is("stream", "iid") && p.Is("learner", "L1"))!;
        // state d + τ(2d + 1) = 220 at every checkpoint
        foreach (var v in l1.Curve("stateSize")!.Means()) Assert.Equal(220, v);
        Assert.Equal(l1.Curve("regret")!.Last.Mean, l1.Mean("finalRegret"), 12);
        // the gate threshold (Theorem D) exceeds this horizon: the gate stays closed
        Assert.True(l1.Mean("gateThreshold") > 3000);
        foreach (var v in l1.Curve("gateOpen")!.Means()) Assert.Equal(0, v);
        // paired cost study: the excess is the difference of the paired regrets
        foreach (var c in r.Where(p => p.Is("study", "cost")))
            Assert.Equal(c.Mean("regretWith") - c.Mean("regretWithout"), c.Mean("excess"), 9);
        // every deletion-fidelity trial records a positive ratio; the premise share is a proportion
        foreach (var d in r.Where(p => p.Is("study", "deletion")))
        {
            Assert.True(d.Mean("ratio") > 0);
            Assert.InRange(d.Mean("premise"), 0, 1);
        }
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new UnlearningStreamScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.lambda=0", "parameters.lambda"),
            ("parameters.horizon=10", "parameters.horizon"),
            ("parameters.driftRates=[]", "parameters.driftRates"),
            ("parameters.driftRates=[0.001,0.001]", "parameters.driftRates"),
            ("parameters.deletionCounts=[1,50]", "parameters.deletionCounts"),
            ("parameters.epsilonTotal=0", "parameters.epsilonTotal"),
            ("parameters.deltaTotal=1", "parameters.deltaTotal"),
            ("parameters.window=0", "parameters.window"),
        ];
        foreach (var (set, path) in cases) Assert.StartsWith(path, ScenarioTestKit.RejectedPath(s, set), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new UnlearningStreamScenario(), "unlearning-stream", Small);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void TheQuickConfigurationRunsAsShipped()
    {
        // The exact `phytk run unlearning-stream --quick` configuration (3 seeds, T = 10⁵; ≈ 30 s on 2 threads). The
        // exact checks (S3, S7, S9) hold at this scale as at the report scale.
        var (dir, results) = ScenarioTestKit.RunQuick(new UnlearningStreamScenario(), "unlearning-stream-quick");
        var l1 = results.Find(p => p.Is("study", "regret") && p.Is("stream", "iid") && p.Is("learner", "L1"))!;
        Assert.Equal(3, l1.Blocks);
        Assert.Equal(100_000, l1.Curve("regret")!.Steps[^1]);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 12, claims.Length);
        foreach (string id in new[] { "S3", "S7", "S9" })
            Assert.Contains(claims, l => l.StartsWith(id + ",", StringComparison.Ordinal) && l.Contains("held", StringComparison.Ordinal) && !l.Contains("not held", StringComparison.Ordinal));
    }
}
