using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Tests.Series;

public class BorelTests
{
    [Fact]
    public void TransformDividesByShiftedGamma()
    {
        // a_n = Γ(n + ½)·4^n → b_n = 4^n (the Γ normalisation removes the factorial growth exactly).
        var a = Enumerable.Range(0, 31).Select(n => MathNet.Numerics.SpecialFunctions.Gamma(n + 0.5) * Math.Pow(4, n)).ToArray();
        var b = Borel.Transform(a, 0.5);
        for (int n = 0; n <= 30; n++) Assert.True(Math.Abs(b[n] / Math.Pow(4, n) - 1) < 1e-12, $"n={n}");
        Assert.Throws<ArgumentOutOfRangeException>(() => Borel.Transform(a, 0));
    }

    [Fact]
    public void DombSykesExtrapolatesTheRadius()
    {
        // b_n = (n+1)·2^n: ratios (n+1)/(2(n+2)) → ½ with O(1/n) error; the 1/n fit removes the leading term.
        var b = Enumerable.Range(0, 31).Select(n => (n + 1) * Math.Pow(2, n)).ToArray();
        var r = Borel.Ratios(b);
        Assert.True(Math.Abs(r[^1] - 0.5) > 1e-2);
        Assert.True(Math.Abs(Borel.DombSykes(b) - 0.5) < 1e-3);
    }
}
