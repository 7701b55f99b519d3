using PhyToolkit.Optimization.Objectives;

namespace PhyToolkit.Optimization.Tests.Objectives;

public class LogisticFunctionTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(-7.0)]
    [InlineData(30.0)]
    public void MatchesTheDefinitionsAndTheirSymmetries(double t)
    {
        Assert.Equal(1 / (1 + Math.Exp(-t)), LogisticFunction.Sigmoid(t), 1e-15);
        Assert.Equal(1, LogisticFunction.Sigmoid(t) + LogisticFunction.Sigmoid(-t), 1e-15);        // σ(t) + σ(−t) = 1
        Assert.Equal(Math.Log(1 + Math.Exp(-t)), LogisticFunction.LogLoss(t), 1e-14);
        Assert.Equal(t, LogisticFunction.LogLoss(-t) - LogisticFunction.LogLoss(t), 1e-12);        // ℓ(−m) − ℓ(m) = m
        double h = 1e-6;                                                                            // ℓ'(m) = −σ(−m)
        Assert.Equal(-LogisticFunction.Sigmoid(-t), (LogisticFunction.LogLoss(t + h) - LogisticFunction.LogLoss(t - h)) / (2 * h), 1e-8);
    }

    [Fact]
    public void NeitherOverflowsAtExtremeArguments()
    {
        Assert.Equal(0, LogisticFunction.Sigmoid(-1000));
        Assert.Equal(1, LogisticFunction.Sigmoid(1000));
        Assert.Equal(1000, LogisticFunction.LogLoss(-1000));
        Assert.Equal(0, LogisticFunction.LogLoss(1000));
    }
}
