using PhyToolkit.Scenarios.Tests.Optimizers;

namespace PhyToolkit.Scenarios.Tests.Optimizers.AdaGo;

/// <summary>The scenario at --quick scale: the claims its docs page expects to hold at that scale (soft "paper direction" claims are reported in the captions, not asserted).</summary>
[Collection(nameof(TorchOptimizerScenarios))]
public class AdaGoScenarioTests
{
    [Fact]
    public void AdaGoScenarioBeatsConstantStepMuonOnLeastSquares()
    {
        using var run = new QuickRun("optim-adago");
        run.AssertFigures("adago-least-squares", "adago-step-size", "adago-regression", "adago-classification");
        double ada = run.Mean("least-squares/adago/lr=0.1", "logRelLoss");
        // Step diagnostics: α_1 = η·min(‖G_1‖, γ)/sqrt(v0² + min(‖G_1‖, γ)²) = 0.1/√2 exactly when ‖G_1‖ ≥ γ = 1 (‖G_1‖ ≈ ‖W*‖_F ≈ 4 here;
        // the recorded log-gradient norm is checked first); later α_t are smaller (v_t grows) and above the floor ε = 1e-6.
        Assert.True(run.CurveMean("least-squares/adago/lr=0.1", "logGradNorm", 1) > 0);
        Assert.Equal(Math.Log(0.1 / Math.Sqrt(2)), run.CurveMean("least-squares/adago/lr=0.1", "logAlpha", 1), 9);
        Assert.True(run.CurveMean("least-squares/adago/lr=0.1", "logAlpha", 1000) < run.CurveMean("least-squares/adago/lr=0.1", "logAlpha", 10));
        Assert.True(run.CurveMean("least-squares/adago/lr=0.1", "logAlpha", 1000) >= Math.Log(1e-6));
        // Muon's step keeps its spectral size lr·s·σ' with σ' ∈ [0.68, 1.21] (NS5 range), s = √2, at step 1 and step 1000.
        foreach (var k in new[] { 1, 1000 })
            Assert.InRange(Math.Exp(run.CurveMean("least-squares/muon/lr=0.02", "logDwSpectral", k)) / (0.02 * Math.Sqrt(2)), 0.68, 1.21);
        Assert.Contains("D2", run.Claims().Keys);
        // A1: AdaGO (η = 0.1) ends ≥ 10× below constant-lr Muon at every Muon lr (deterministic full-batch run; measured gaps are ≥ 10⁶).
        foreach (var lr in new[] { "0.005", "0.02", "0.05" })
            Assert.True(run.Mean($"least-squares/muon/lr={lr}", "logRelLoss") - ada >= Math.Log(10), lr);
        // A3: every AdaGO step size reaches f < 1e-3·f(W_0).
        foreach (var eta in new[] { "0.03", "0.1", "0.3", "1" })
            Assert.True(run.Mean($"least-squares/adago/lr={eta}", "logRelLoss") < Math.Log(1e-3), eta);
    }
}
