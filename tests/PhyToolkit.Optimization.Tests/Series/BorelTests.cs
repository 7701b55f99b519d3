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

    [Fact]
    public void LogDerivativeTurnsABranchPointIntoASimplePole()
    {
        // B = (1 − 4t)^{−1/2}: b_n = C(2n, n); B'/B = 2/(1 − 4t), i.e. d_k = 2·4^k exactly.
        var b = new double[21];
        b[0] = 1;
        for (int n = 1; n <= 20; n++) b[n] = b[n - 1] * (2.0 * (2 * n - 1)) / n;
        var d = Borel.LogDerivative(b);
        Assert.Equal(20, d.Length);
        for (int k = 0; k < 20; k++) Assert.True(Math.Abs(d[k] / (2 * Math.Pow(4, k)) - 1) < 1e-12, $"k={k}");
        Assert.Equal(0.25, StablePoles.Find(d)[0], 12);
        Assert.Throws<ArgumentException>(() => Borel.LogDerivative([0.0, 1]));
    }
}
