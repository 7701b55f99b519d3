using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Engd;

namespace PhyToolkit.Scenarios.Tests.Engd;

/// <summary>The engd quick run (P1 and P2, reduced sizes): report, claims table, figures, curves; bad input; thread-count determinism.</summary>
public class EngdScenarioTests
{
    // Two seeds and a shorter Adam run keep the test to a few seconds; wall timing off so every number is reproducible.
    private static readonly string[] Small = ["run.maxBlocks=2", "run.minBlocks=2", "parameters.adamSteps=300", "parameters.steps=40", "parameters.wallClock=false"];

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new EngdScenario(), "pinn-engd", Small));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/engd.md", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 6, claims.Length);                         // W, 6, 7, 8, 9, 10
        Assert.True(File.Exists(Path.Combine(dir, "figures", "crossover.svg")));
        Assert.True(Directory.GetFiles(Path.Combine(dir, "figures"), "l2-P2*.svg").Length > 0);
    }

    [Fact]
    public void DenseEngdAndEngdWFollowTheSameTrajectory()
    {
        var r = Quick.Value.Results;
        foreach (string n in new[] { "P1", "P2" })
        {
            var pt = r.Find(p => p.Is("study", "pinn") && p.Is("problem", n))!;
            // The Woodbury identity: same step up to round-off, so the error curves agree to far better than a decade.
            Assert.True(pt.Mean("maxL2GapWDense") < 1e-3, $"{n}: {pt.Mean("maxL2GapWDense")}");
            var w = pt.Curve("l2EngdW")!;
            Assert.True(w.Last.Mean < 1e-2 * w.Values[0].Mean, $"{n}: ENGD-W error {w.Values[0].Mean} → {w.Last.Mean}");
            Assert.Equal(9, w.Count);                                // checkpoints at steps 0, 5, …, 40
        }
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new EngdScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.damping=0", "parameters.damping"),
            ("parameters.springDamping=-1", "parameters.springDamping"),
            ("parameters.nystromRank=500", "parameters.nystromRank"),       // ℓ > N = 140
            ("parameters.problems=[\"P2\",\"P5\"]", "parameters.problems[1]"),
            ("parameters.springMomentum=1", "parameters.springMomentum"),
            ("run.trialsPerBlock=2", "run.trialsPerBlock"),
        ];
        foreach (var (set, path) in cases) Assert.StartsWith(path, ScenarioTestKit.RejectedPath(s, set), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new EngdScenario(), "pinn-engd", [.. Small, "parameters.adamSteps=100", "parameters.steps=20"]);
    }
}
