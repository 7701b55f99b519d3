using System.Numerics;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.KeyGeneration;

public class KgrFormsTests
{
    internal static Complex[] RandomPrecoder(ref Xoshiro256StarStar rng, int m, int k, double energy)
    {
        var p = TestMatrices.Gaussian(ref rng, m, k);
        double n2 = 0;
        foreach (var z in p) n2 += z.Real * z.Real + z.Imaginary * z.Imaginary;
        double s = Math.Sqrt(energy / n2) * rng.NextDouble(0.2, 1.0);
        for (int i = 0; i < p.Length; i++) p[i] *= s;
        return p;
    }

    [Theory]
    [InlineData(1.0, 1.0, 1.0, 1.0)]
    [InlineData(0.3, 0.01, 2.0, 50.0)]
    [InlineData(2.5, 10.0, 0.5, 0.01)]
    [InlineData(1.0, 1e-6, 1.0, 1e6)]   // 60 dB
    [InlineData(1.0, 1e3, 1.0, 1e-3)]   // -30 dB
    public void Siso_EqualsScalarFormula(double lambda, double sigmaA2, double sigmaB2, double power)
    {
        // docs/fa-plkg.md: σ_b² = σ_B²/p, KGR = log2(1 + λ²/(λσ_A² + λσ_b² + σ_A²σ_b²)).
        var model = new KgrModel(sigmaA2, sigmaB2, power);
        var ws = new KgrWorkspace(1, 1);
        var p = new[] { new Complex(Math.Sqrt(power), 0) };
        var r = new[] { new Complex(lambda, 0) };
        double sb = sigmaB2 / power;
        double expected = Log1P(lambda * lambda / (lambda * sigmaA2 + lambda * sb + sigmaA2 * sb)) / Math.Log(2);
        // 1e-12 relative: both sides are a handful of well-conditioned flops (log of a ratio of positive terms).
        Assert.Equal(expected, model.Value(p, r, ws), 1e-12 * expected);
        // Sylvester form: plain ln|det(I + X)| (no log1p), so ~1e-15 absolute error on top of the relative one.
        Assert.Equal(expected, model.ValueSylvester(p, r, ws), 1e-12 * expected + 2e-15);
        // The joint form's Cholesky builds the Schur complement C_B − |RP|²/C_A by subtraction of terms of size
        // λp/σ_B² and then takes log-dets of size |ln σ_A²|: about 1e-16·max(λp/σ_B², 1)·|ln σ_A²| absolute error.
        double jointTol = 1e-15 * Math.Max(lambda * power / sigmaB2, 1) * Math.Max(Math.Abs(Math.Log(sigmaA2)), 1) + 1e-12 * expected;
        Assert.Equal(expected, model.ValueJointCovariance(p, r, ws), jointTol);
        // A phase on P changes nothing.
        p[0] *= Complex.FromPolarCoordinates(1, 0.7);
        Assert.Equal(expected, model.Value(p, r, ws), 1e-12 * expected);
    }

    /// <summary>Accurate log(1 + x) for the reference formula (Goldberg's correction).</summary>
    internal static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    [Theory]
    [InlineData(4, 2, 4, 0.0)]
    [InlineData(4, 3, 2, 10.0)]
    [InlineData(6, 3, 6, 5.0)]
    [InlineData(8, 1, 3, 20.0)]
    [InlineData(5, 4, 7, -10.0)]
    [InlineData(9, 4, 9, 10.0)]
    public void ThreeForms_AgreeForRankDeficientCovariance(int m, int rank, int k, double snrDb)
    {
        var rng = new Xoshiro256StarStar(1000 + (ulong)(m * 100 + rank * 10 + k));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        for (int trial = 0; trial < 3; trial++)
        {
            var r = TestMatrices.PsdOfRank(ref rng, m, rank);
            var p = RandomPrecoder(ref rng, m, k, model.EnergyBudget);
            double schur = model.Value(p, r, ws);
            double joint = model.ValueJointCovariance(p, r, ws);
            double sylv = model.ValueSylvester(p, r, ws);
            // 1e-10 relative (docs/fa-plkg.md item 2): the KGR here is ≥ ~0.05 bit and every log-det is ≤ ~40 nats, so
            // round-off in the joint form (≈ 1e-15·40) stays well below it.
            Assert.True(schur > 0);
            Assert.Equal(schur, joint, 1e-10 * schur);
            Assert.Equal(schur, sylv, 1e-10 * schur);
        }
    }

    [Fact]
    public void ZeroPrecoder_GivesZero()
    {
        var rng = new Xoshiro256StarStar(2);
        var model = KgrModel.FromSnrDb(10, 4);
        var ws = new KgrWorkspace(4, 4);
        var r = TestMatrices.PsdOfRank(ref rng, 4, 2);
        var p = new Complex[16];
        Assert.Equal(0.0, model.Value(p, r, ws));          // exact: both log-dets are ln det I = 0
        Assert.Equal(0.0, model.ValueSylvester(p, r, ws));
        Assert.Equal(0.0, model.ValueJointCovariance(p, r, ws), 1e-13); // block-diagonal C_AB: round-off only
    }

    [Fact]
    public void Kgr_IsNonNegativeAndIncreasingAlongScaledPrecoder()
    {
        var rng = new Xoshiro256StarStar(3);
        var model = KgrModel.FromSnrDb(5, 4);
        var ws = new KgrWorkspace(4, 4);
        for (int trial = 0; trial < 20; trial++)
        {
            var r = TestMatrices.PsdOfRank(ref rng, 4, 1 + trial % 4);
            var p0 = RandomPrecoder(ref rng, 4, 4, model.EnergyBudget);
            double prev = 0;
            foreach (double t in new[] { 1e-3, 0.01, 0.1, 0.3, 1, 3, 10, 100 })
            {
                var p = p0.Select(z => z * t).ToArray();
                double v = model.Value(p, r, ws);
                Assert.True(v >= 0);
                // Strictly increasing: consecutive values differ by far more than round-off (≥ 1e-9 relative).
                Assert.True(v > prev, $"trial {trial}, t = {t}: {v} <= {prev}");
                prev = v;
            }
            // ... and bounded by the infinite-power limit log2 det(I + R/σ_A²) (docs/fa-plkg.md).
            Assert.True(prev < model.UpperBound(r, ws));
        }
    }

    [Fact]
    public void InfiniteDownlinkPower_ApproachesUpperBound()
    {
        // σ_B² → 0 with full-rank P: det(I + PᴴRP/σ_B²)/det(I + PᴴQP/σ_B²) → det R / det Q = det(I + R/σ_A²).
        var rng = new Xoshiro256StarStar(4);
        var r = TestMatrices.PsdOfRank(ref rng, 3, 3);
        var model = new KgrModel(0.1, 1e-12, 3);
        var ws = new KgrWorkspace(3, 3);
        var p = new Complex[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
        double bound = model.UpperBound(r, ws);
        // The remaining gap is O(σ_B²/λ_min(Q)) ~ 1e-10 relative.
        Assert.Equal(bound, model.Value(p, r, ws), 1e-8 * bound);
    }

    [Fact]
    public void WorkspaceCache_IsInvalidatedByNewCovarianceAndNoiseVariance()
    {
        var rng = new Xoshiro256StarStar(5);
        var r1 = TestMatrices.PsdOfRank(ref rng, 4, 2);
        var r2 = TestMatrices.PsdOfRank(ref rng, 4, 3);
        var p = RandomPrecoder(ref rng, 4, 4, 10);
        var a = new KgrModel(0.1, 1, 10);
        var b = new KgrModel(0.5, 1, 10);
        var shared = new KgrWorkspace(4, 4);
        double a1 = a.Value(p, r1, new KgrWorkspace(4, 4)), a2 = a.Value(p, r2, new KgrWorkspace(4, 4));
        double b1 = b.Value(p, r1, new KgrWorkspace(4, 4));
        Assert.Equal(a1, a.Value(p, r1, shared));
        Assert.Equal(a2, a.Value(p, r2, shared));
        Assert.Equal(b1, b.Value(p, r1, shared));
        Assert.Equal(a1, a.Value(p, r1, shared));
        r1[1] += new Complex(1e-3, 0); r1[4] += new Complex(1e-3, 0); // in-place edit of the caller's buffer
        Assert.Equal(a.Value(p, r1, new KgrWorkspace(4, 4)), a.Value(p, r1, shared));
    }

    [Fact]
    public void FromSnrDb_FollowsSpecDefaults()
    {
        var model = KgrModel.FromSnrDb(20, 4);
        Assert.Equal(0.01, model.AliceNoiseVariance, 1e-15);
        Assert.Equal(1.0, model.BobNoiseVariance);
        Assert.Equal(400.0, model.EnergyBudget, 1e-10);
        Assert.Equal(0.005, KgrModel.FromSnrDb(20, 4, uplinkPilotSymbols: 2).AliceNoiseVariance, 1e-15);
    }

    [Fact]
    public void BadParameters_ThrowNamingTheParameter()
    {
        Assert.Equal("aliceNoiseVariance", Assert.Throws<ArgumentOutOfRangeException>(() => new KgrModel(0, 1, 1)).ParamName);
        Assert.Equal("bobNoiseVariance", Assert.Throws<ArgumentOutOfRangeException>(() => new KgrModel(1, double.NaN, 1)).ParamName);
        Assert.Equal("energyBudget", Assert.Throws<ArgumentOutOfRangeException>(() => new KgrModel(1, 1, -1)).ParamName);
        Assert.Equal("snrDb", Assert.Throws<ArgumentOutOfRangeException>(() => KgrModel.FromSnrDb(101, 4)).ParamName);
        Assert.Equal("slots", Assert.Throws<ArgumentOutOfRangeException>(() => KgrModel.FromSnrDb(10, 0)).ParamName);
        Assert.Equal("antennas", Assert.Throws<ArgumentOutOfRangeException>(() => new KgrWorkspace(0, 2)).ParamName);

        var model = KgrModel.FromSnrDb(10, 2);
        var ws = new KgrWorkspace(2, 2);
        var p = new Complex[4];
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => model.Value(p, new Complex[3], ws)).ParamName);
        Assert.Equal("precoder", Assert.Throws<ArgumentException>(() => model.Value(new Complex[3], new Complex[4], ws)).ParamName);
        var nonHermitian = new Complex[] { 1, new(0.5, 0.5), new(0.5, 0.5), 1 };
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => model.Value(p, nonHermitian, ws)).ParamName);
        var indefinite = new Complex[] { 1, 3, 3, 1 }; // eigenvalue -2 < -σ_A² = -0.1
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => model.Value(p, indefinite, ws)).ParamName);
        var nan = new Complex[] { 1, 0, 0, double.NaN };
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => model.Value(p, nan, ws)).ParamName);
    }
}
