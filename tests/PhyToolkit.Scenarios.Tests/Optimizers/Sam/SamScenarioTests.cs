using PhyToolkit.Scenarios.Tests.Optimizers;

namespace PhyToolkit.Scenarios.Tests.Optimizers.Sam;

/// <summary>The scenario at --quick scale: the claims its docs page expects to hold at that scale (soft "paper direction" claims are reported in the captions, not asserted).</summary>
[Collection(nameof(TorchOptimizerScenarios))]
public class SamScenarioTests
{
    [Fact]
    public void SamScenarioChecksTheUpdateAndRunsTheNet()
    {
        using var run = new QuickRun("optim-sam");
        run.AssertFigures("sam-net");
        // Unit checks 1–2 of docs/optim-sam.md: the applied gradient to 1e-10 relative; ρ = 0 identical to the base optimiser.
        Assert.True(run.Mean("quadratic/sam", "log10UpdateError") <= -10);
        Assert.Equal(0.0, run.Mean("quadratic/sam", "rhoZeroMaxDifference"));
        // Every optimiser learns the 4-class task far above chance (0.25) despite 20 % label noise.
        foreach (var m in new[] { "sgd", "sam", "rbo-0.05", "rbo-0.2" }) Assert.True(run.Mean($"net/{m}", "bestTestAccuracy") > 0.5, m);
    }
}
