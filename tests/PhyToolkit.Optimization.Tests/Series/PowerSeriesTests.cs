using System.Numerics;
using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Tests.Series;

/// <summary>Truncated power-series arithmetic against closed-form Taylor coefficients (1e-12 relative with a 1e-14 absolute floor: the recurrences are exact in rationals, the rest is round-off).</summary>
public class PowerSeriesTests
{
    private const int N = 25;

    private static double Factorial(int n) { double f = 1; for (int i = 2; i <= n; i++) f *= i; return f; }

    // Relative 1e-12 plus an absolute floor of 1e-14: coefficients of size ~1 carry absolute round-off ~N·ε·Σ|c| ≈ 1e-14
    // (N = 25) from the Cauchy sums and compositions, which dominates for small coefficients such as 1/17!.
    private static void Close(double expected, double actual, double rel = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Abs(expected) + 1e-14, $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void ExpOfIdentityIsOneOverFactorial()
    {
        var e = PowerSeries.Identity(N).Exp();
        for (int k = 0; k <= N; k++) Close(1 / Factorial(k), e[k]);
    }

    [Fact]
    public void LogOfOnePlusXAndItsExpRoundTrip()
    {
        var l = (PowerSeries.Identity(N) + 1).Log();
        Close(0, l[0]);
        for (int k = 1; k <= N; k++) Close((k % 2 == 1 ? 1.0 : -1.0) / k, l[k]);
        var back = l.Exp();
        Close(1, back[0]); Close(1, back[1]);
        for (int k = 2; k <= N; k++) Assert.True(Math.Abs(back[k]) < 1e-13);
    }

    [Fact]
    public void SqrtOfOnePlusXIsTheBinomialSeries()
    {
        var s = (PowerSeries.Identity(N) + 1).Sqrt();
        double binom = 1;
        for (int k = 0; k <= N; k++)
        {
            Close(binom, s[k]);
            binom *= (0.5 - k) / (k + 1);
        }
    }

    [Fact]
    public void QuotientAndProductAreInverse()
    {
        var f = new PowerSeries([1.0, 2, -3, 0.5, 4, -1]);
        var g = new PowerSeries([2.0, -1, 0.25, 3, 0, 1]);
        var r = f / g * g;
        for (int k = 0; k <= 5; k++) Close(f[k], r[k], 1e-13);
        // 1/(1 − x) = Σ x^k
        var geo = PowerSeries.Constant(1, N) / (PowerSeries.Constant(1, N) - PowerSeries.Identity(N));
        for (int k = 0; k <= N; k++) Close(1, geo[k]);
    }

    [Fact]
    public void RevertingExpMinusOneGivesLogOnePlusX()
    {
        var f = PowerSeries.Identity(N).Exp() + (-1.0);
        var g = f.Revert();
        Close(0, g[0]);
        for (int k = 1; k <= N; k++) Close((k % 2 == 1 ? 1.0 : -1.0) / k, g[k]);
        // And back: reverting log(1+x) gives e^x − 1.
        var h = (PowerSeries.Identity(N) + 1).Log().Revert();
        for (int k = 1; k <= N; k++) Close(1 / Factorial(k), h[k]);
    }

    [Fact]
    public void CompositionWithTheReverseIsTheIdentity()
    {
        var w = new PowerSeries([0.0, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0]);
        var x = w.Revert();
        var id = w.Compose(x);
        Close(1, id[1]);
        for (int k = 2; k <= 10; k++) Assert.True(Math.Abs(id[k]) < 1e-12, $"k={k}: {id[k]}");
        // x(w) = −1 + √(1 + 2w): coefficients (−1)^{k+1}(2k−3)!!/k! ... compare with the binomial series of √(1+2w).
        var direct = (2.0 * PowerSeries.Identity(10) + 1).Sqrt();
        for (int k = 1; k <= 10; k++) Close(direct[k], x[k], 1e-12);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new PowerSeries([1.0, 1]).Revert());
        Assert.Throws<ArgumentException>(() => new PowerSeries([0.0, 0, 1]).Revert());
        Assert.Throws<ArgumentException>(() => new PowerSeries([0.0, 1]) / new PowerSeries([0.0, 1]));
        Assert.Throws<ArgumentException>(() => new PowerSeries([-1.0, 1]).Sqrt());
        Assert.Throws<ArgumentException>(() => new PowerSeries(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => new PowerSeries([1.0, 0]).Compose(new PowerSeries([1.0, 1])));
    }
}
