using PhyToolkit.Learning.Federated;
using PhyToolkit.Optimization.StepRules;

namespace PhyToolkit.Learning.Tests.Federated;

public class ServerOptimizerTests
{
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

}
