using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.RepresentationalDrift;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.RepresentationalDrift;

/// <summary>The representational-drift quick run: report, claims table, figures and curves; bad input; thread-count determinism.</summary>
public class DriftScenarioTests
{
    private static (ScenarioConfig Config, System.Text.Json.Nodes.JsonObject Json) Resolve(params string[] sets) => ScenarioTestKit.Resolve(new DriftScenario(), sets);

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new DriftScenario(), "representational-drift"));

    [Fact]
    public void QuickRunWritesTheReportWithEveryClaimAndFigure()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/representational-drift.md", html, StringComparison.Ordinal);
        foreach (string id in new[] { "C1", "C2", "C3", "C4", "C5", "C6", "C7" }) Assert.Contains($"<td>{id}</td>", html, StringComparison.Ordinal);
        var claims = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv"));
        Assert.Equal(1 + 7, claims.Length);
        foreach (string id in new[] { "msd", "d-variance", "d-dimension", "stability" })
            Assert.True(File.Exists(Path.Combine(dir, "figures", id + ".svg")), id);
    }

    [Fact]
    public void CurvesAndScalarsAreConsistentWithTheDriftModel()
    {
        var r = Quick.Value.Results;
        var oja = r.Find(p => p.Is("study", "variance") && p.Is("learner", "oja"))!;
        // MSD grows with lag (drift) at the reference λ⊥: the last lag's mean exceeds the first.
        var msd = oja.Curve("msd")!;
        Assert.True(msd.Last.Mean > msd.Values[0].Mean);
        // Oja without irrelevant input does not drift at all: D(0) is round-off, far below D(λ⊥ > 0) (grid index 0 is λ⊥ = 0).
        var d = oja.Curve("D")!;
        Assert.True(d.At(0)!.Mean < 1e-6 * d.At(1)!.Mean);
        Assert.True(d.At(2)!.Mean > d.At(1)!.Mean);   // λ⊥ = 0.3 drifts faster than 0.1
        // Dimension curve steps are the n − m grid.
        Assert.Equal([2, 10, 40], r.Find(p => p.Is("study", "dimension") && p.Is("learner", "sm"))!.Curve("D")!.Steps);
        // Similarity change and correlation are bounded measures.
        foreach (var v in oja.Curve("correlation")!.Means()) Assert.InRange(v, -1, 1.0000001);
        Assert.Equal(3, r.Find(p => p.Is("study", "anisotropy"))!.Curve("planeRateLearning")!.Count);
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new DriftScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.irrelevantVariances=[-0.1,0,0.2]", "parameters.irrelevantVariances[0]"),
            ("parameters.irrelevantVariances=[0.1,0.2]", "parameters.irrelevantVariances"),
            ("parameters.irrelevantVariances=[0,0.1,1.5]", "parameters.irrelevantVariances[2]"),
            ("parameters.learners=[\"oja\",\"pca\"]", "parameters.learners[1]"),
            ("parameters.ojaLearningRate=0", "parameters.ojaLearningRate"),
            ("parameters.irrelevantDimensions=[2,10]", "parameters.irrelevantDimensions"),
            ("parameters.anisotropicVariances=[1,0.5]", "parameters.anisotropicVariances"),
            ("parameters.measurement=1000", "parameters.measurement"),
            ("parameters.tau=0", "parameters.tau"),
        ];
        foreach (var (set, path) in cases) Assert.Equal(path, ScenarioTestKit.RejectedPath(s, set));
        var (c2, _) = Resolve("run.trialsPerBlock=2");
        Assert.Equal("run.trialsPerBlock", Assert.Throws<ConfigException>(() => s.Create(c2)).Path);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new DriftScenario(), "drift", "parameters.learners=[\"oja\",\"sup\"]", "parameters.burnIn=1000", "parameters.measurement=4000", "run.maxBlocks=2", "run.minBlocks=2");
    }
}
