using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Sampling;

public class ChannelProbingTests
{
    [Theory]
    [InlineData(10.0, 0.1)]
    [InlineData(0.0, 1.0)]
    [InlineData(-10.0, 10.0)]
    [InlineData(20.0, 0.01)]
    public void SpecNoiseVariances(double snrDb, double sigmaA2)
    {
        // docs/fa-plkg.md: σ² = 1, p_B = ρ, τ_u = 1 ⇒ σ_A² = 1/ρ, σ_B² = 1.
        var noise = ProbingNoise.FromSnrDb(snrDb);
        Assert.Equal(sigmaA2, noise.AliceEstimationVariance, 1e-15 * Math.Max(1, sigmaA2));
        Assert.Equal(1.0, noise.BobObservationVariance);
        // General form σ_A² = σ²/(p_B τ_u), σ_B² = σ² (docs/fa-plkg.md).
        var general = new ProbingNoise(2.0, 5.0, 4);
        Assert.Equal(0.1, general.AliceEstimationVariance, 1e-15);
        Assert.Equal(2.0, general.BobObservationVariance);
    }

    [Fact]
    public void BadNoiseSettingsThrow()
    {
        Assert.Equal("noiseVariance", Assert.Throws<ArgumentOutOfRangeException>(() => new ProbingNoise(0, 1)).ParamName);
        Assert.Equal("bobPilotPower", Assert.Throws<ArgumentOutOfRangeException>(() => new ProbingNoise(1, double.NaN)).ParamName);
        Assert.Equal("uplinkPilotCount", Assert.Throws<ArgumentOutOfRangeException>(() => new ProbingNoise(1, 1, 0)).ParamName);
        Assert.Equal("snrDb", Assert.Throws<ArgumentOutOfRangeException>(() => ProbingNoise.FromSnrDb(double.NaN)).ParamName);
    }

    [Fact]
    public void EmpiricalNoiseVariancesMatchSpec()
    {
        // ρ = 5 dB: σ_A² = 10^{−0.5}, σ_B² = 1. With n = M·N draws, the relative standard error of the variance
        // estimate (|e|² is Exp-distributed) is 1/√n; we allow 5/√n.
        var noise = ProbingNoise.FromSnrDb(5);
        var probing = new ChannelProbing(noise);
        const int m = 4, k = 4, blocks = 20_000;
        var h = new Complex[m];
        var precoder = new Complex[m * k]; // P = 0 ⇒ ĥ_B = e_B exactly
        var rng = new Xoshiro256StarStar(55);
        var ha = new Complex[m]; var hb = new Complex[k];
        double sa = 0, sb = 0;
        for (int t = 0; t < blocks; t++)
        {
            probing.Probe(h, precoder, ref rng, ha, hb);
            for (int a = 0; a < m; a++) sa += Complex.Abs(ha[a]) * Complex.Abs(ha[a]);
            for (int s = 0; s < k; s++) sb += Complex.Abs(hb[s]) * Complex.Abs(hb[s]);
        }
        double tol = 5 / Math.Sqrt(m * blocks);
        Assert.InRange(sa / (m * blocks) / noise.AliceEstimationVariance, 1 - tol, 1 + tol);
        Assert.InRange(sb / (k * blocks) / noise.BobObservationVariance, 1 - tol, 1 + tol);
    }

    [Fact]
    public void SimulatedMutualInformationMatchesJointCovarianceForm()
    {
        // docs/fa-plkg.md item 3: draw 1e5 blocks of (h, e_A, e_B), estimate the joint covariance of (ĥ_A, ĥ_B) and the
        // Gaussian MI log2(det C_A det C_B / det C_AB) (§2.1); compare with the same formula on the exact covariances
        // C_A = R + σ_A² I, C_B = Pᴴ R P + σ_B² I, cross = R P. Tolerance 2 % (spec); the plug-in estimator's bias is
        // ≈ (M+K)²/(N ln 2) ≈ 1e-3 bits and its standard error ≈ √(2·rank/N)/ln 2 ≈ 1e-2 bits, against KGR ≈ 5 bits.
        const int m = 4, k = 4, blocks = 100_000;
        var rng = new Xoshiro256StarStar(2026);
        var model = new FieldResponseCovariance(PathGeometry.Sample(3, ref rng));
        var r = new Complex[m * m];
        model.Covariance(new UniformPlanarArray(2, 2, 3).Positions, r);
        var noise = ProbingNoise.FromSnrDb(10);
        var p = TestHelpers.RandomComplex(m * k, 9); // a generic full-rank precoder
        var sampler = new CorrelatedChannelSampler(m, r);
        var probing = new ChannelProbing(noise);
        var h = new Complex[m]; var ha = new Complex[m]; var hb = new Complex[k];
        var z = new Complex[m + k];
        var c = new Complex[(m + k) * (m + k)];
        for (int t = 0; t < blocks; t++)
        {
            sampler.Sample(ref rng, h);
            probing.Probe(h, p, ref rng, ha, hb);
            ha.CopyTo(z.AsSpan(0, m)); hb.CopyTo(z.AsSpan(m, k));
            for (int a = 0; a < m + k; a++) for (int b = 0; b < m + k; b++) c[a * (m + k) + b] += z[a] * Complex.Conjugate(z[b]);
        }
        for (int i = 0; i < c.Length; i++) c[i] /= blocks;
        var sampled = TestHelpers.ToMatrix(c, m + k, m + k);

        var rm = TestHelpers.ToMatrix(r, m, m);
        var pm = TestHelpers.ToMatrix(p, m, k);
        var exact = Matrix<Complex>.Build.Dense(m + k, m + k);
        exact.SetSubMatrix(0, 0, rm + noise.AliceEstimationVariance * Matrix<Complex>.Build.DenseIdentity(m));
        exact.SetSubMatrix(0, m, rm * pm);
        exact.SetSubMatrix(m, 0, pm.ConjugateTranspose() * rm);
        exact.SetSubMatrix(m, m, pm.ConjugateTranspose() * rm * pm + noise.BobObservationVariance * Matrix<Complex>.Build.DenseIdentity(k));

        double miExact = GaussianMiBits(exact, m), miSampled = GaussianMiBits(sampled, m);
        Assert.True(miExact > 1, $"degenerate set-up: MI = {miExact}");
        Assert.True(Math.Abs(miSampled - miExact) < 0.02 * miExact, $"sampled {miSampled} vs exact {miExact} bits");
    }

    private static double GaussianMiBits(Matrix<Complex> joint, int m)
    {
        int n = joint.RowCount;
        var hermitian = 0.5 * (joint + joint.ConjugateTranspose());
        double ld(Matrix<Complex> a) => a.Cholesky().DeterminantLn.Real;
        return (ld(hermitian.SubMatrix(0, m, 0, m)) + ld(hermitian.SubMatrix(m, n - m, m, n - m)) - ld(hermitian)) / Math.Log(2);
    }

    [Fact]
    public void ProbeIsDeterministicAndValidatesBuffers()
    {
        var probing = new ChannelProbing(ProbingNoise.FromSnr(2));
        var h = TestHelpers.RandomComplex(3, 1);
        var p = TestHelpers.RandomComplex(6, 2); // M = 3, K = 2
        var r1 = new Xoshiro256StarStar(3); var r2 = new Xoshiro256StarStar(3);
        var a1 = new Complex[3]; var b1 = new Complex[2]; var a2 = new Complex[3]; var b2 = new Complex[2];
        probing.Probe(h, p, ref r1, a1, b1);
        probing.Probe(h, p, ref r2, a2, b2);
        Assert.Equal(a1, a2); Assert.Equal(b1, b2);
        Assert.Equal("precoder", Assert.Throws<ArgumentException>(() => probing.Probe(h, new Complex[5], ref r1, a1, b1)).ParamName);
        Assert.Equal("bobObservation", Assert.Throws<ArgumentException>(() => probing.Probe(h, p, ref r1, a1, new Complex[3])).ParamName);
    }
}
