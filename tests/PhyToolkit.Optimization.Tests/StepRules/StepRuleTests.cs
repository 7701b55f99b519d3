using PhyToolkit.Optimization.StepRules;

namespace PhyToolkit.Optimization.Tests.StepRules;

public class StepRuleTests
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
    public void BadInputNamesTheParameter()
    {
        Assert.Equal("eta", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGradNormStepRule(0)).ParamName);
        Assert.Equal("b0", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGradNormStepRule(1, double.NaN)).ParamName);
        Assert.Equal("eta0", Assert.Throws<ArgumentOutOfRangeException>(() => new DecayingStepRule(-1)).ParamName);
    }
}
