using System.Numerics;
using MathNet.Numerics;
using PhyToolkit.Optimization.Resurgence;
using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Tests.Resurgence;

/// <summary>Coefficients of the local partition function against closed forms (spec claim 1, tolerance 1e-12 relative).</summary>
public class LaplaceCoefficientsTests
{
    /// <summary>T1 closed form: β_{2n} = C(4n, 2n)/4^n, a_n = β_{2n}Γ(n + ½) (exact big-integer binomial).</summary>
    internal static double T1Beta(int n) => (double)Binomial(4 * n, 2 * n) / Math.Pow(4, n);

    private static BigInteger Binomial(int n, int k)
    {
        BigInteger r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    [Fact]
    public void T1CoefficientsMatchTheClosedFormTo1e12ForNUpTo30()
    {
        var l = ResurgenceLandscapes.T1();
        var a = LaplaceCoefficients.OneDimensional(l.AlongLine([1.0], [1.0], 62), 30);
        for (int n = 0; n <= 30; n++)
        {
            double exact = T1Beta(n) * SpecialFunctions.Gamma(n + 0.5);
            Assert.True(Math.Abs(a[n] / exact - 1) < 1e-12, $"n={n}: {a[n]:R} vs {exact:R}");
        }
    }

    [Fact]
    public void T1RatiosApproachTheBarrierLikeOneOverN()
    {
        var l = ResurgenceLandscapes.T1();
        var b = Borel.Transform(LaplaceCoefficients.OneDimensional(l.AlongLine([1.0], [1.0], 62), 30), 0.5);
        var r = Borel.Ratios(b);
        double e10 = Math.Abs(r[10] - 0.25), e20 = Math.Abs(r[20] - 0.25), e29 = Math.Abs(r[29] - 0.25);
        Assert.True(e20 < e10 && e29 < e20);
        // β_{2n} = C(4n,2n)/4^n ~ 4^n/√(2πn), so b_n/b_{n+1} = ¼·(1 + 1/(2n) + O(1/n²)): n·error tends to 1/8.
        Assert.InRange(29 * e29, 0.11, 0.13);
    }

    [Fact]
    public void LaplaceRouteAgreesWithTheReversionRouteIn1D()
    {
        foreach (var (land, th) in new (PolynomialLandscape, double)[] { (ResurgenceLandscapes.T1(), 1.0) })
        {
            var rev = LaplaceCoefficients.OneDimensional(land.AlongLine([th], [1.0], 22), 10);
            var lap = LaplaceCoefficients.Multivariate(land, [th], 10);
            for (int n = 0; n <= 10; n++) Assert.True(Math.Abs(lap[n] / rev[n] - 1) < 1e-10, $"n={n}: {lap[n]} vs {rev[n]}");
        }
    }

    [Fact]
    public void LaplaceRouteOnASeparableQuarticIsTheProductOfOneDimensionalSeries()
    {
        // L(x, y) = T1(x) + T1(y) around (1, 1): Z factorises, so the coefficients are the Cauchy product of the 1-D ones.
        var sep = new PolynomialLandscape([(0.25, [4, 0]), (-0.5, [2, 0]), (0.25, [0, 4]), (-0.5, [0, 2]), (0.5, [0, 0])]);
        var one = LaplaceCoefficients.OneDimensional(ResurgenceLandscapes.T1().AlongLine([1.0], [1.0], 22), 10);
        var two = LaplaceCoefficients.Multivariate(sep, [1.0, 1.0], 10);
        for (int n = 0; n <= 10; n++)
        {
            double s = 0;
            for (int k = 0; k <= n; k++) s += one[k] * one[n - k];
            Assert.True(Math.Abs(two[n] / s - 1) < 1e-10, $"n={n}: {two[n]} vs {s}");
        }
    }

    [Fact]
    public void T4LaplaceSeriesMatchesTheIntegralAtSmallCoupling()
    {
        // Independent check of the 2-D route with the non-separable 0.3xy coupling: Z0(g)/g = ∫ e^{−(L−L0)/g} dθ / g by the
        // trapezoid rule (spectrally accurate for this smooth, rapidly decaying integrand; box ±8√g, tail < e^{−30}) against
        // Σ_{n≤5} a_n g^n. At g = 0.005 the truncation a_6 g^6 is ~1e-10 relative, so 1e-8 is a safe tolerance.
        var l = ResurgenceLandscapes.T4();
        var cps = CriticalPoints.Newton(l, -2, 2, 21);
        var m = cps.Where(c => c.Index == 0).MinBy(c => c.Value)!;
        var a = LaplaceCoefficients.Multivariate(l, m.Theta, 5);
        foreach (double g in new[] { 0.005, 0.01 })
        {
            double half = 8 * Math.Sqrt(g), h = half / 100, sum = 0;
            for (int i = -100; i <= 100; i++)
                for (int j = -100; j <= 100; j++)
                    sum += Math.Exp(-(l.Evaluate([m.Theta[0] + i * h, m.Theta[1] + j * h]) - m.Value) / g);
            double z = sum * h * h / g, series = 0;
            for (int n = 0; n <= 5; n++) series += a[n] * Math.Pow(g, n);
            Assert.True(Math.Abs(z / series - 1) < (g < 0.006 ? 1e-8 : 1e-6), $"g={g}: {z:R} vs {series:R}");
        }
    }

    [Fact]
    public void BadInputIsRefused()
    {
        var l = ResurgenceLandscapes.T1();
        Assert.Throws<ArgumentOutOfRangeException>(() => LaplaceCoefficients.OneDimensional(l.AlongLine([1.0], [1.0], 10), 8));
        Assert.Throws<ArgumentException>(() => LaplaceCoefficients.OneDimensional(l.AlongLine([0.0], [1.0], 22), 10)); // maximum: l_2 < 0
        Assert.Throws<ArgumentException>(() => LaplaceCoefficients.Multivariate(ResurgenceLandscapes.T4(), [0.0, 0.0], 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => LaplaceCoefficients.Multivariate(ResurgenceLandscapes.T4(), [1.0, 1.0], 21));
    }
}
