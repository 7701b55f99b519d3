using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Correlation;

public class EavesdropperCorrelationTests
{
    private static readonly double[] Layout = [0.1, 0.2, 0.7, 0.3, 0.4, 0.9];

    [Fact]
    public void MonteCarloMoments_MatchTheStatedCovariances()
    {
        // h_m = Σ_l σ_l a_l(t_m); g_m = Σ_{l<S} (κσ_l + √(1−κ²) w_l) a_l(t_m) + Σ_e ε_e b_e(t_m), σ, w ~ CN(0, p_l), ε ~ CN(0, q_e).
        var rng = new Xoshiro256StarStar(31);
        var bob = PathGeometry.Sample(4, ref rng);
        var eve = EavesdropperCorrelation.Sample(bob, 2, 3, 0.8, ref rng);
        const int m = 3, n = 40000;
        var r = new Complex[m * m]; var rg = new Complex[m * m]; var rhg = new Complex[m * m];
        eve.Covariances(Layout, r, rg, rhg);
        var bobModel = new FieldResponseCovariance(bob);
        var ownModel = new FieldResponseCovariance(eve.EveOwnPaths!);
        var a = new Complex[m, 4]; var b = new Complex[m, 3];
        var resp = new Complex[4]; var respE = new Complex[3];
        for (int i = 0; i < m; i++)
        {
            bobModel.FieldResponse(Layout[2 * i], Layout[2 * i + 1], resp);
            ownModel.FieldResponse(Layout[2 * i], Layout[2 * i + 1], respE);
            for (int l = 0; l < 4; l++) a[i, l] = resp[l];
            for (int e = 0; e < 3; e++) b[i, e] = respE[e];
        }
        var sumHg = new Complex[m * m]; var sumGg = new Complex[m * m];
        var h = new Complex[m]; var g = new Complex[m]; var s = new Complex[4]; var eps = new Complex[3];
        double kappa = 0.8, kc = Math.Sqrt(1 - kappa * kappa);
        for (int t = 0; t < n; t++)
        {
            bobModel.SamplePathGains(ref rng, s);
            ownModel.SamplePathGains(ref rng, eps);
            var w0 = rng.NextComplexGaussian(bob.Powers[0]);
            var w1 = rng.NextComplexGaussian(bob.Powers[1]);
            for (int i = 0; i < m; i++)
            {
                h[i] = 0; g[i] = 0;
                for (int l = 0; l < 4; l++) h[i] += s[l] * a[i, l];
                g[i] += (kappa * s[0] + kc * w0) * a[i, 0] + (kappa * s[1] + kc * w1) * a[i, 1];
                for (int e = 0; e < 3; e++) g[i] += eps[e] * b[i, e];
            }
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                {
                    sumHg[i * m + j] += h[i] * Complex.Conjugate(g[j]);
                    sumGg[i * m + j] += g[i] * Complex.Conjugate(g[j]);
                }
        }
        // Entries have variance ≤ (E|h|²E|g|²)/n = 1/n per sample mean: ±5/√n = 0.025 is a > 5σ band.
        for (int i = 0; i < m * m; i++)
        {
            Assert.Equal(rhg[i].Real, sumHg[i].Real / n, 0.025);
            Assert.Equal(rhg[i].Imaginary, sumHg[i].Imaginary / n, 0.025);
            Assert.Equal(rg[i].Real, sumGg[i].Real / n, 0.025);
            Assert.Equal(rg[i].Imaginary, sumGg[i].Imaginary / n, 0.025);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void JointCovariance_IsPsd_WithUnitEvePower(double kappa)
    {
        var rng = new Xoshiro256StarStar(32);
        var bob = PathGeometry.Sample(5, ref rng);
        var eve = EavesdropperCorrelation.Sample(bob, 3, 2, kappa, ref rng);
        const int m = 3;
        var r = new Complex[m * m]; var rg = new Complex[m * m]; var rhg = new Complex[m * m];
        eve.Covariances(Layout, r, rg, rhg);
        var j = Matrix<Complex>.Build.Dense(2 * m, 2 * m, (i, c) =>
            i < m && c < m ? r[i * m + c] : i < m ? rhg[i * m + c - m] : c < m ? Complex.Conjugate(rhg[c * m + i - m]) : rg[(i - m) * m + c - m]);
        double minEig = j.Evd(Symmetricity.Hermitian).EigenValues.Min(e => e.Real);
        Assert.True(minEig > -1e-12, $"min eigenvalue {minEig}");
        // Eve's total path power is 1 (shared powers + own paths), like Bob's: unit diagonal.
        for (int i = 0; i < m; i++) Assert.Equal(1, rg[i * m + i].Real, 12);
    }

    [Fact]
    public void FullySharedPerfectlyCorrelatedEve_SeesBobsChannel()
    {
        var rng = new Xoshiro256StarStar(33);
        var bob = PathGeometry.Sample(3, ref rng);
        var eve = EavesdropperCorrelation.Sample(bob, 3, 4, 1.0, ref rng);
        Assert.Null(eve.EveOwnPaths); // no power left for own paths
        const int m = 3;
        var r = new Complex[m * m]; var rg = new Complex[m * m]; var rhg = new Complex[m * m];
        eve.Covariances(Layout, r, rg, rhg);
        for (int i = 0; i < m * m; i++)
        {
            Assert.Equal(r[i].Real, rg[i].Real, 12); Assert.Equal(r[i].Imaginary, rg[i].Imaginary, 12);
            Assert.Equal(r[i].Real, rhg[i].Real, 12); Assert.Equal(r[i].Imaginary, rhg[i].Imaginary, 12);
        }
    }

    [Fact]
    public void BadInputs_NameTheField()
    {
        var rng = new Xoshiro256StarStar(34);
        var bob = PathGeometry.Sample(3, ref rng);
        Assert.Equal("sharedPaths", Assert.Throws<ArgumentOutOfRangeException>(() => EavesdropperCorrelation.Sample(bob, 4, 1, 0.5, ref rng)).ParamName);
        Assert.Equal("ownPaths", Assert.Throws<ArgumentOutOfRangeException>(() => EavesdropperCorrelation.Sample(bob, 1, -1, 0.5, ref rng)).ParamName);
        Assert.Equal("gainCorrelation", Assert.Throws<ArgumentOutOfRangeException>(() => new EavesdropperCorrelation(bob, 1, null, 1.5)).ParamName);
        Assert.Equal("eveOwnPaths", Assert.Throws<ArgumentException>(() => new EavesdropperCorrelation(bob, 0, null, 0.5)).ParamName);
    }
}
