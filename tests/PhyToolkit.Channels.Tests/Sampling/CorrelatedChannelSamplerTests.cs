using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Sampling;

public class CorrelatedChannelSamplerTests
{
    private const int Draws = 40_000;

    /// <summary>
    /// Tolerance for a sample-covariance entry: for h ~ CN(0, R) the estimator Ŝ_mn = (1/N)Σ h_m h_n* has
    /// E|Ŝ_mn − R_mn|² = R_mm R_nn / N, i.e. σ = 1/√N = 0.005 for unit diagonal and N = 4e4. We allow 5σ = 0.025 on the
    /// largest of ≤ 81 entries; |error|²/σ² is roughly Exp(1), so P(any exceeds) ≲ 81·e^{−25} ≈ 1e-9 (and the seed is fixed).
    /// </summary>
    private static readonly double Tolerance = 5 / Math.Sqrt(Draws);

    public static TheoryData<string> Cases => new() { "field-response L=2 (singular)", "Jakes 3x3 UPA", "3-D sinc random layout" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SampleCovarianceMatchesR(string name)
    {
        var (r, m) = Covariance(name);
        var sampler = new CorrelatedChannelSampler(m, r);
        var rng = new Xoshiro256StarStar(SeedMixer.Hash(name));
        var h = new Complex[m];
        var s = new Complex[m * m];
        for (int t = 0; t < Draws; t++)
        {
            sampler.Sample(ref rng, h);
            for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) s[a * m + b] += h[a] * Complex.Conjugate(h[b]);
        }
        for (int i = 0; i < s.Length; i++) s[i] /= Draws;
        Assert.True(TestHelpers.MaxAbsDiff(s, r) < Tolerance, $"{name}: max deviation {TestHelpers.MaxAbsDiff(s, r)}");
    }

    [Fact]
    public void FieldResponseChannelDrawsMatchR()
    {
        // Independent generator: h = G(t)ᵀ σ with σ ~ CN(0, diag p) (docs/fa-plkg.md), no factorisation involved.
        var rng = new Xoshiro256StarStar(77);
        var model = new FieldResponseCovariance(PathGeometry.Sample(3, ref rng, ricianFactor: 1));
        var p = new UniformPlanarArray(2, 2, 3).Positions.ToArray();
        var r = new Complex[16];
        model.Covariance(p, r);
        var gains = new Complex[3];
        var h = new Complex[4];
        var s = new Complex[16];
        for (int t = 0; t < Draws; t++)
        {
            model.SamplePathGains(ref rng, gains);
            model.Channel(p, gains, h);
            for (int a = 0; a < 4; a++) for (int b = 0; b < 4; b++) s[a * 4 + b] += h[a] * Complex.Conjugate(h[b]);
        }
        for (int i = 0; i < s.Length; i++) s[i] /= Draws;
        // Same 5σ rationale as above; for non-Gaussian-per-entry fourth moments the variance is still ≤ R_mm R_nn·(1+κ-term) ≈ same order.
        Assert.True(TestHelpers.MaxAbsDiff(s, r) < Tolerance, $"max deviation {TestHelpers.MaxAbsDiff(s, r)}");
    }

    [Fact]
    public void SingularCovarianceDrawsStayInItsRange()
    {
        var (r, m) = Covariance("field-response L=2 (singular)");
        var sampler = new CorrelatedChannelSampler(m, r);
        Assert.Equal(2, sampler.Rank());
        // h must be orthogonal to the null space of R: for every eigenvector u with λ ≈ 0, uᴴ h = 0 up to round-off.
        var evd = TestHelpers.ToMatrix(r, m, m).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian);
        var rng = new Xoshiro256StarStar(4);
        var h = new Complex[m];
        for (int t = 0; t < 100; t++)
        {
            sampler.Sample(ref rng, h);
            for (int k = 0; k < m; k++)
            {
                if (evd.EigenValues[k].Real > 1e-9) continue;
                Complex c = 0;
                for (int a = 0; a < m; a++) c += Complex.Conjugate(evd.EigenVectors[a, k]) * h[a];
                Assert.True(c.Magnitude < 1e-6, $"component {c.Magnitude}"); // clipped λ ≤ ~1e-15 ⇒ |c| ≲ √λ·|w| ≲ 1e-7
            }
        }
    }

    [Fact]
    public void SamplingIsDeterministicForAFixedSeed()
    {
        var (r, m) = Covariance("Jakes 3x3 UPA");
        var sampler = new CorrelatedChannelSampler(m, r);
        var r1 = new Xoshiro256StarStar(123); var r2 = new Xoshiro256StarStar(123);
        var a = new Complex[m]; var b = new Complex[m];
        for (int t = 0; t < 10; t++) { sampler.Sample(ref r1, a); sampler.Sample(ref r2, b); Assert.Equal(a, b); }
    }

    [Fact]
    public void NonHermitianOrIndefiniteCovarianceThrows()
    {
        Complex[] notHermitian = [1, new Complex(0.5, 0.1), new Complex(0.5, 0.1), 1];
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => new CorrelatedChannelSampler(2, notHermitian)).ParamName);
        Complex[] indefinite = [1, 2, 2, 1]; // eigenvalues 3 and −1
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => new CorrelatedChannelSampler(2, indefinite)).ParamName);
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => new CorrelatedChannelSampler(2, new Complex[3])).ParamName);
    }

    private static (Complex[] R, int M) Covariance(string name)
    {
        switch (name)
        {
            case "field-response L=2 (singular)":
            {
                var rng = new Xoshiro256StarStar(8);
                var model = new FieldResponseCovariance(PathGeometry.Sample(2, ref rng));
                var r = new Complex[16];
                model.Covariance(new UniformPlanarArray(2, 2, 3).Positions, r);
                return (r, 4);
            }
            case "Jakes 3x3 UPA":
            {
                var r = new Complex[81];
                IsotropicCorrelation.Jakes.Covariance(new UniformPlanarArray(3, 3, 3).Positions, r);
                return (r, 9);
            }
            default:
            {
                var p = TestHelpers.RandomLayout(new PlanarRegion(2, 0.5), 6, 5);
                var r = new Complex[36];
                IsotropicCorrelation.ThreeDimensional.Covariance(p, r);
                return (r, 6);
            }
        }
    }
}
