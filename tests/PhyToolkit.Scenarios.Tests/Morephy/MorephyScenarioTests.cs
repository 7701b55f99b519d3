using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Morephy;

namespace PhyToolkit.Scenarios.Tests.Morephy;

/// <summary>The operator-learning quick run (about 50 s on 2 loaded cores): report, claims table, figures; bad input; thread-count determinism.</summary>
public class MorephyScenarioTests
{
    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new MorephyScenario(), "operator-learning", "run.maxBlocks=2", "run.minBlocks=2"));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/morephy.md", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 9, claims.Length); // S, 1, 2, 3-zdt1, 3-zdt2, 4–7
        foreach (string id in new[] { "solver", "sampler", "hypervolume", "operator-slices", "operator-error", "operator-uq", "operator-history", "inverse-nu" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
        Assert.Equal(0, claims.Count(l => l.Contains("not evaluated", StringComparison.Ordinal)));
    }

    [Fact]
    public void MetricsAreConsistentWithTheExactAnswers()
    {
        var r = Quick.Value.Results;
        var n256 = r.Find(p => p.Is("study", "solver") && p.Number("gridPoints") == 256)!;
        var n512 = r.Find(p => p.Is("study", "solver") && p.Number("gridPoints") == 512)!;
        Assert.True(n512.Mean("coleHopfRelL2") < n256.Mean("coleHopfRelL2"));
        Assert.True(n512.Mean("coleHopfRelL2") < 1e-3);
        var sym = r.Find(p => p.Is("study", "sampler") && p.Is("well", "symmetric"))!;
        Assert.Equal(1.0, sym.Mean("singleChainLeft"));           // the single chain never crosses the 50τ barrier
        var noisy = r.Find(p => p.Is("study", "sampler") && p.Is("well", "noisy"))!;
        Assert.Equal(noisy.Mean("naiveError") - noisy.Mean("correctedError"), noisy.Mean("errorGap"), 12);
        var zdt1 = r.Find(p => p.Is("study", "nsga2") && p.Is("problem", "zdt1"))!;
        Assert.Equal(1.0, zdt1.Mean("hvMonotone"));
        Assert.Equal(1.0, zdt1.Mean("frontNonDominated"));
        Assert.True(zdt1.Mean("igd") < 1e-2);
        var hv = zdt1.Curve("hypervolume")!;
        Assert.Equal(0, hv.Steps[0]);
        Assert.Equal(200, hv.Steps[^1]);

        // Operator studies: curves over the noise levels (per mille), paired differences consistent with the arms.
        var op = r.Find(p => p.Is("study", "operator"))!;
        Assert.Equal(new[] { 50, 100 }, op.Curve("errMorephy")!.Steps);
        foreach (int step in new[] { 50, 100 })
        {
            Assert.Equal(op.Curve("errMorephy")!.At(step)!.Mean - op.Curve("errDeepONet")!.At(step)!.Mean, op.Curve("diffMorephyDeepONet")!.At(step)!.Mean, 12);
            Assert.InRange(op.Curve("coverage")!.At(step)!.Mean, 0, 1);
            Assert.True(op.Curve("width")!.At(step)!.Mean >= 0);
            Assert.Equal(2.0, op.Curve("errMorephy")!.At(step)!.Count);              // OperatorSeeds = 2 of the 2 blocks
        }
        Assert.Equal(op.Curve("width")!.At(100)!.Mean - op.Curve("width")!.At(50)!.Mean, op.Curve("widthIncrease")!.At(100)!.Mean, 12);
        var inv = r.Find(p => p.Is("study", "inverse"))!;
        Assert.True(inv.Mean("nuMean") > 0);
        Assert.InRange(inv.Mean("nuContains"), 0, 1);
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new MorephyScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.gridPoints=[256,255]", "parameters.gridPoints[1]"),
            ("parameters.gridPoints=[8]", "parameters.gridPoints"),
            ("parameters.population=3", "parameters.population"),
            ("parameters.population=101", "parameters.population"),
            ("parameters.zdtProblems=[\"zdt1\",\"zdt9\"]", "parameters.zdtProblems[1]"),
            ("parameters.randomInputViscosity=0", "parameters.randomInputViscosity"),
            ("parameters.timeStep=0.5", "parameters.timeStep"),
            ("run.trialsPerBlock=2", "run.trialsPerBlock"),
            ("parameters.morephyPopulation=3", "parameters.morephyPopulation"),
            ("parameters.sensors=30", "parameters.sensors"),
            ("parameters.noiseLevels=[0.05,0.6]", "parameters.noiseLevels"),
            ("parameters.operatorViscosity=0", "parameters.operatorViscosity"),
            ("parameters.posteriorThinning=60", "parameters.posteriorThinning"),
        ];
        foreach (var (set, path) in cases) Assert.StartsWith(path, ScenarioTestKit.RejectedPath(s, set), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount() =>
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new MorephyScenario(), "morephy-threads", "run.maxBlocks=2", "run.minBlocks=2",
            "parameters.generations=40", "parameters.noisyWellSteps=5000", "parameters.wellSteps=5000", "parameters.gridPoints=[64,128]",
            "parameters.operatorSeeds=1", "parameters.noiseLevels=[0.05]", "parameters.physicsWeights=[1]", "parameters.morephyGenerations=1",
            "parameters.localSteps=2", "parameters.posteriorSteps=4", "parameters.trainFunctions=4", "parameters.testFunctions=1");
}
