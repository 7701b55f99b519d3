using PhyToolkit.Learning.Privacy;

namespace PhyToolkit.Learning.Tests.Privacy;

public class RdpAccountantTests
{
    [Fact]
    public void CompositionIsTheSumOfPerStepCurvesForVaryingNoise()
    {
        var ledger = new RdpLedger();
        (double q, double s, long n)[] steps = [(0.064, 1.1, 3), (0.064, 0.9, 1), (1.0, 4.0, 2), (0.2, 2.0, 5)];
        foreach (var (q, s, n) in steps) ledger.Record(q, s, n);
        for (int m = 0; m < ledger.Orders.Count; m++)
        {
            int a = ledger.Orders[m];
            double expected = 0;
            foreach (var (q, s, n) in steps) expected += n * SampledGaussianRdp.Rdp(q, s, a);
            Assert.Equal(expected, ledger.Rdp[m], Math.Max(1e-300, expected * 1e-13));
        }
        Assert.Equal(11, ledger.Steps);
        // recording one step at a time equals recording the block
        var one = new RdpLedger();
        for (int i = 0; i < 5; i++) one.Record(0.2, 2.0);
        var block = new RdpLedger();
        block.Record(0.2, 2.0, 5);
        for (int m = 0; m < one.Orders.Count; m++) Assert.Equal(block.Rdp[m], one.Rdp[m], block.Rdp[m] * 1e-14);
    }

    [Theory]
    [InlineData(100, 5.0, 1e-5)]
    [InlineData(1, 1.0, 1e-3)]
    [InlineData(2000, 20.0, 1e-4)]
    public void ClassicConversionOfComposedGaussiansMatchesTheContinuousOptimum(int T, double sigma, double delta)
    {
        // T Gaussian releases: RDP(α) = cα with c = T/(2σ²); classic ε(α) = cα + L/(α − 1), L = log(1/δ), has the
        // continuous minimum c + 2√(cL) at α = 1 + √(L/c); the integer grid can only be worse. With every integer order up
        // to 64 the grid loss is second order in the rounding of α (relative ≲ (0.5/u)² with u = α − 1 ≥ 1.6 here); 2% is
        // our tolerance for it. The returned ε must also equal the formula at the order the ledger reports.
        var ledger = new RdpLedger();
        ledger.Record(1.0, sigma, T);
        double c = T / (2 * sigma * sigma), L = Math.Log(1 / delta);
        double optimum = c + 2 * Math.Sqrt(c * L);
        var (eps, order) = ledger.Epsilon(delta);
        Assert.True(eps >= optimum - 1e-12, $"{eps} < continuous optimum {optimum}");
        Assert.True(eps <= optimum * 1.02, $"{eps} vs optimum {optimum}");
        Assert.Equal(c * order + L / (order - 1), eps, 1e-12);
        Assert.True(ledger.Epsilon(delta, RdpConversion.Improved).Epsilon <= eps);
    }

    [Fact]
    public void PerNodeLedgersAreIndependentAndDeltasAreChecked()
    {
        var acc = new RdpAccountant([1e-4, 1e-5]);
        acc.Record(0, 0.1, 1.0, 10);
        Assert.True(acc.Epsilon(0) > 0);
        Assert.Equal(0, acc.Ledger(1).Steps);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RdpAccountant([1e-4, 0]));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RdpAccountant([1.0]));
        Assert.Contains("(0, 1)", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RdpLedger().Epsilon(-0.1));
    }
}
