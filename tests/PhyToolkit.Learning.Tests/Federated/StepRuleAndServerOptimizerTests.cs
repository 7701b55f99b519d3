using PhyToolkit.Learning.Federated;
using PhyToolkit.Optimization.StepRules;

namespace PhyToolkit.Learning.Tests.Federated;

public class StepRuleAndServerOptimizerTests
{
    [Fact]
    public void AdaGradNormAccumulatesSquaredNorms()
    {
        var r = new AdaGradNormStepRule(eta: 2, b0: 1);
        Assert.Equal(2 / Math.Sqrt(1 + 3), r.NextStep(3), 1e-15);        // b^2 = 1 + 3
        Assert.Equal(2 / Math.Sqrt(1 + 3 + 5), r.NextStep(5, 4), 1e-15);  // plain rule ignores the known variance
        var c = new AdaGradNormStepRule(eta: 2, b0: 1, subtractKnownVariance: true, uncorrectedWarmupSteps: 0);
        Assert.Equal(2 / Math.Sqrt(1 + 1), c.NextStep(3, 2), 1e-15);      // + max(0, 3 - 2)
        Assert.Equal(2 / Math.Sqrt(1 + 1), c.NextStep(1, 5), 1e-15);      // + max(0, 1 - 5) = 0
        var w = new AdaGradNormStepRule(eta: 2, b0: 1, subtractKnownVariance: true);   // default: 1 warm-up step
        Assert.Equal(2 / Math.Sqrt(1 + 3), w.NextStep(3, 5), 1e-15);      // warm-up adds the full 3
        Assert.Equal(2 / Math.Sqrt(1 + 3 + 1), w.NextStep(6, 5), 1e-15);  // then + max(0, 6 - 5)
        c.Reset();
        Assert.Equal(1.0, c.AccumulatorSquared);
    }

    [Fact]
    public void FixedAndDecayingRules()
    {
        var f = new FixedStepRule(0.2);
        Assert.Equal(0.2, f.NextStep(10));
        var d = new DecayingStepRule(0.5);
        Assert.Equal(0.5, d.NextStep(1), 1e-15);
        Assert.Equal(0.5 / Math.Sqrt(2), d.NextStep(1), 1e-15);
        Assert.Equal(0.5 / Math.Sqrt(3), d.NextStep(1), 1e-15);
    }

    [Fact]
    public void FedAdagradAndFedAdamFollowTheirRecursions()
    {
        var g1 = new[] { 1.0, -2.0 }; var g2 = new[] { 0.5, 0.0 };
        var delta = new double[2];
        var ada = new FedAdagradServerOptimizer(2, eta: 0.1, beta1: 0, tau: 0.01);
        ada.ComputeUpdate(g1, 0, delta);
        Assert.Equal(-0.1 * 1 / (1 + 0.01), delta[0], 1e-15);
        ada.ComputeUpdate(g2, 0, delta);
        Assert.Equal(-0.1 * 0.5 / (Math.Sqrt(1.25) + 0.01), delta[0], 1e-15);
        var adam = new FedAdamServerOptimizer(2, eta: 0.1, beta1: 0.9, beta2: 0.99, tau: 0.01);
        adam.ComputeUpdate(g1, 0, delta);
        Assert.Equal(-0.1 * 0.1 / (Math.Sqrt(0.01) + 0.01), delta[0], 1e-15);   // m = 0.1 g, v = 0.01 g^2
        Assert.Equal(-0.1 * -0.2 / (Math.Sqrt(0.04) + 0.01), delta[1], 1e-15);
    }

    [Fact]
    public void StepRuleServerOptimizerScalesTheEstimate()
    {
        var o = new StepRuleServerOptimizer(new AdaGradNormStepRule(1, 1));
        var delta = new double[2];
        o.ComputeUpdate(new[] { 3.0, 4.0 }, 0, delta);          // ||g||^2 = 25, b^2 = 26
        Assert.Equal(-3 / Math.Sqrt(26), delta[0], 1e-15);
        Assert.Equal(-4 / Math.Sqrt(26), delta[1], 1e-15);
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        Assert.Equal("eta", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGradNormStepRule(0)).ParamName);
        Assert.Equal("b0", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGradNormStepRule(1, double.NaN)).ParamName);
        Assert.Equal("eta0", Assert.Throws<ArgumentOutOfRangeException>(() => new DecayingStepRule(-1)).ParamName);
    }
}
