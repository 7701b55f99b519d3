using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.PrimalDual;

namespace PhyToolkit.Optimization.Tests.PrimalDual;

public class FadingRateCostTests
{
    /// <summary>E[φ(h)] for h ~ Exp(γ) by composite Simpson on u = −ln(1 − v)·γ … as ∫_0^∞ φ(h) e^{−h/γ}/γ dh, split at 60γ.</summary>
    private static double Expect(Func<double, double> phi, double gamma)
    {
        const int n = 200_000;
        double upper = 60 * gamma, step = upper / n, s = 0;
        for (int k = 0; k <= n; k++)
        {
            double h = k * step, w = k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2;
            s += w * phi(h) * Math.Exp(-h / gamma) / gamma;
        }
        return s * step / 3;
    }

    [Theory]
    [InlineData(0.1, 0.5)]
    [InlineData(1.0, 1.0)]
    [InlineData(10.0, 0.02)]
    [InlineData(10.0, 5.0)]
    [InlineData(0.3, 1e-6)]
    public void ClosedFormsMatchQuadrature(double gamma, double p)
    {
        var c = new FadingRateCost(gamma, 5);
        Assert.Equal(Expect(h => Math.Log(1 + h * p), gamma), -c.Value([p]), 1e-8);
        Assert.Equal(Expect(h => h / (1 + h * p), gamma), c.MarginalRate(p), 1e-7 * gamma);
        Assert.Equal(Expect(h => h * h / ((1 + h * p) * (1 + h * p)), gamma), c.Curvature(p), 1e-6 * gamma * gamma);
    }

    [Fact]
    public void GradientIsTheDerivativeOfTheValueAndSamplesAreUnbiased()
    {
        var c = new FadingRateCost(2, 5);
        foreach (double p in new[] { 0.01, 0.3, 2, 4.9 })
        {
            double eps = 1e-5, fd = (c.Value([p + eps]) - c.Value([p - eps])) / (2 * eps);
            var g = new double[1];
            c.Gradient([p], g);
            Assert.Equal(fd, g[0], 1e-8);
            double fd2 = -(c.MarginalRate(p + eps) - c.MarginalRate(p - eps)) / (2 * eps);
            Assert.Equal(fd2, c.Curvature(p), 1e-6);   // f'' = −(d/dp) E[h/(1 + hp)]
        }
        // Unbiasedness: mean of 400 000 stochastic gradients within 4 standard errors of the exact gradient.
        var rng = new Xoshiro256StarStar(3);
        const int n = 400_000;
        double sum = 0, sq = 0;
        var s = new double[1];
        for (int k = 0; k < n; k++) { c.SampleGradient([0.7], ref rng, s); sum += s[0]; sq += s[0] * s[0]; }
        double mean = sum / n, se = Math.Sqrt((sq / n - mean * mean) / n);
        var exact = new double[1];
        c.Gradient([0.7], exact);
        Assert.InRange(mean, exact[0] - 4 * se, exact[0] + 4 * se);
    }
}
