using PhyToolkit.Learning.Privacy;

namespace PhyToolkit.Learning.Tests.Privacy;

public class SampledGaussianRdpTests
{
    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(3, 1.0)]
    [InlineData(10, 1.3)]
    [InlineData(64, 3.0)]
    [InlineData(256, 20.0)]
    public void WithoutSubsamplingItIsTheGaussianMechanismAlphaOver2SigmaSquared(int alpha, double sigma)
    {
        // q = 1 goes through the general log-sum-exp path (only the k = α term survives); 1e-12 relative covers the
        // rounding of the telescoped log-binomial sum (≈ α ulps)
        double expected = alpha / (2 * sigma * sigma);
        Assert.Equal(expected, SampledGaussianRdp.Rdp(1, sigma, alpha), expected * 1e-12);
        Assert.Equal(expected, GaussianMechanism.Rdp(sigma, alpha), expected * 1e-15);
        Assert.Equal(0, SampledGaussianRdp.Rdp(0, sigma, alpha));
    }

    public static TheoryData<double, double, int> Grid()
    {
        var d = new TheoryData<double, double, int>();
        foreach (double q in new[] { 0.01, 0.064, 0.3, 0.9 })
            foreach (double s in new[] { 0.8, 1.0, 2.5 })
                foreach (int a in new[] { 2, 5, 12 }) d.Add(q, s, a);
        return d;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void MatchesADirectLinearSpaceSumOfTheBinomialExpansion(double q, double sigma, int alpha)
    {
        // independent evaluation: binomial coefficients by the multiplicative formula and the sum formed in linear space
        // (no logarithms), eq. of Mironov-Talwar-Zhang arXiv:1908.10530 §3.3; small α keeps every term representable
        double s = 0;
        for (int k = 0; k <= alpha; k++)
        {
            double binom = 1;
            for (int m = 1; m <= k; m++) binom = binom * (alpha - k + m) / m;
            s += binom * Math.Pow(1 - q, alpha - k) * Math.Pow(q, k) * Math.Exp((k * k - k) / (2 * sigma * sigma));
        }
        double expected = Math.Log(s) / (alpha - 1);
        Assert.Equal(expected, SampledGaussianRdp.Rdp(q, sigma, alpha), Math.Max(1e-14, expected * 1e-11));
    }

    [Theory]
    [InlineData(0.01, 1.0, 2)]
    [InlineData(0.1, 1.0, 4)]
    [InlineData(0.5, 2.0, 8)]
    [InlineData(0.064, 1.5, 6)]
    public void MatchesTheDefiningIntegralByQuadrature(double q, double sigma, int alpha)
    {
        // independent of the binomial expansion: D_α(μ‖μ0) with μ0 = N(0, σ²), μ = (1 − q) N(0, σ²) + q N(1, σ²),
        // A_α = E_{z~μ0}[(μ(z)/μ0(z))^α], μ/μ0 = 1 − q + q exp((2z − 1)/(2σ²)); trapezoid rule on [−40σ, 40σ + α] with
        // step σ/2000 (the integrand is smooth and its tails beyond 40σ are below e^-700, so the error is far below 1e-10)
        double h = sigma / 2000, lo = -40 * sigma, hi = 40 * sigma + alpha;
        int steps = (int)Math.Ceiling((hi - lo) / h);
        double sum = 0;
        for (int i = 0; i <= steps; i++)
        {
            double z = lo + i * h;
            double ratio = 1 - q + q * Math.Exp((2 * z - 1) / (2 * sigma * sigma));
            double f = Math.Exp(-z * z / (2 * sigma * sigma)) / (sigma * Math.Sqrt(2 * Math.PI)) * Math.Pow(ratio, alpha);
            sum += (i == 0 || i == steps ? 0.5 : 1) * f;
        }
        double expected = Math.Log(sum * h) / (alpha - 1);
        Assert.Equal(expected, SampledGaussianRdp.Rdp(q, sigma, alpha), Math.Max(1e-12, expected * 1e-8));
    }

    [Fact]
    public void RdpRisesWithSamplingRateAndFallsWithNoise()
    {
        foreach (int a in new[] { 2, 8, 32 })
        {
            double prev = 0;
            foreach (double q in new[] { 0.001, 0.01, 0.1, 0.5, 1.0 })
            {
                double r = SampledGaussianRdp.Rdp(q, 1.2, a);
                Assert.True(r > prev, $"α={a} q={q}");
                prev = r;
            }
            prev = double.PositiveInfinity;
            foreach (double s in new[] { 0.7, 1.0, 2.0, 5.0 })
            {
                double r = SampledGaussianRdp.Rdp(0.05, s, a);
                Assert.True(r < prev, $"α={a} σ={s}");
                prev = r;
            }
        }
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampledGaussianRdp.Rdp(1.5, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampledGaussianRdp.Rdp(0.1, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampledGaussianRdp.Rdp(0.1, 1, 1));
    }
}
