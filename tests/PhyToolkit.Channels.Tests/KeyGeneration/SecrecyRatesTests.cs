using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.KeyGeneration;

public class SecrecyRatesTests
{
    [Theory]
    [InlineData(3, 2, 5.0)]
    [InlineData(4, 4, 10.0)]
    [InlineData(2, 3, -5.0)]
    public void EveAwareRates_MatchKgr_SecretKeyRate_AndAnIndependentLeakage(int m, int k, double snrDb)
    {
        var rng = new Xoshiro256StarStar(12500 + (ulong)(m * 10 + k));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var joint = TestMatrices.PsdOfRank(ref rng, 2 * m, 2 * m - 1);
        var j = TestMatrices.ToMathNet(joint, 2 * m, 2 * m);
        var r = TestMatrices.FromMathNet(j.SubMatrix(0, m, 0, m));
        var rhg = TestMatrices.FromMathNet(j.SubMatrix(0, m, m, m));
        var rg = TestMatrices.FromMathNet(j.SubMatrix(m, m, m, m));
        for (int i = 0; i < m; i++) { r[i * m + i] = r[i * m + i].Real; rg[i * m + i] = rg[i * m + i].Real; }
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, k, model.EnergyBudget);
        const double sigmaE2 = 0.5;

        var rates = model.EveAwareRates(p, r, rg, rhg, sigmaE2, ws);
        double kgr = model.Value(p, r, ws);
        double skr = model.SecretKeyRate(p, r, rg, rhg, sigmaE2, ws);
        // Same log-dets, summed in another order: 1e-9 relative of a few bits covers the round-off.
        Assert.Equal(kgr, rates.KeyGenerationRate, 1e-9 * Math.Max(1, kgr));
        Assert.Equal(skr, rates.SecretKeyRate, 1e-9 * Math.Max(1, skr));

        // Independent leakage I(ĥ_A; ĥ_E) with MathNet: C_A = R + σ_A²I, C_E = PᴴR_gP + σ_E²I, cov(ĥ_A, ĥ_E) = R_hg·P.
        var pm = TestMatrices.ToMathNet(p, m, k);
        var ca = TestMatrices.ToMathNet(r, m, m) + model.AliceNoiseVariance * Matrix<Complex>.Build.DenseIdentity(m);
        var ce = pm.ConjugateTranspose() * TestMatrices.ToMathNet(rg, m, m) * pm + sigmaE2 * Matrix<Complex>.Build.DenseIdentity(k);
        var cae = TestMatrices.ToMathNet(rhg, m, m) * pm;
        var c = Matrix<Complex>.Build.Dense(m + k, m + k);
        c.SetSubMatrix(0, 0, ca);
        c.SetSubMatrix(m, m, ce);
        c.SetSubMatrix(0, m, cae);
        c.SetSubMatrix(m, 0, cae.ConjugateTranspose());
        double leak = (ca.Cholesky().DeterminantLn.Real + ce.Cholesky().DeterminantLn.Real - c.Cholesky().DeterminantLn.Real) / Math.Log(2);
        Assert.True(leak > 0);
        Assert.Equal(leak, rates.Leakage, 1e-9 * Math.Max(1, leak));
        // Conditioning on Eve cannot create more than KGR + what Eve adds: SKR ≤ KGR + I(A;E|B) is implied; here check SKR ≤ I(A; B,E).
        Assert.True(rates.SecretKeyRate <= rates.KeyGenerationRate + rates.Leakage + 1e-9);
    }

    [Fact]
    public void EveAwareRates_RefuseBadInputs_LikeSecretKeyRate()
    {
        var model = KgrModel.FromSnrDb(10, 2);
        var ws = new KgrWorkspace(2, 2);
        var r = new Complex[] { 1, 0, 0, 1 };
        var p = new Complex[] { 1, 0, 0, 1 };
        Assert.Equal("eveNoiseVariance", Assert.Throws<ArgumentOutOfRangeException>(() => model.EveAwareRates(p, r, r, new Complex[4], -1, ws)).ParamName);
        Assert.Equal("crossCovariance", Assert.Throws<ArgumentException>(() => model.EveAwareRates(p, r, r, new Complex[5], 1, ws)).ParamName);
    }
}
