using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.KeyGeneration;

public class SecretKeyRateTests
{
    [Fact]
    public void IndependentEve_ReducesToKgr()
    {
        var rng = new Xoshiro256StarStar(12000);
        const int m = 4, k = 3;
        var model = KgrModel.FromSnrDb(10, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, 2);
        var rg = TestMatrices.PsdOfRank(ref rng, m, 3);
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, k, model.EnergyBudget);
        double kgr = model.Value(p, r, ws);
        double skr = model.SecretKeyRate(p, r, rg, new Complex[m * m], 0.7, ws);
        // Log-dets of size ≤ ~30 nats are combined: 1e-10 relative of a KGR of a few bits covers the round-off.
        Assert.Equal(kgr, skr, 1e-10 * kgr);
        // An uncorrelated Eve leaks nothing: I(ĥ_A; ĥ_E) = 0 and the one-pass rates agree.
        var rates = model.EveAwareRates(p, r, rg, new Complex[m * m], 0.7, ws);
        Assert.Equal(0, rates.Leakage, 1e-10);
        Assert.Equal(skr, rates.SecretKeyRate, 1e-10 * kgr);
    }

    [Theory]
    [InlineData(3, 2, 5.0)]
    [InlineData(4, 4, 10.0)]
    [InlineData(2, 3, 0.0)]
    public void MatchesConditionalCovarianceRoute(int m, int k, double snrDb)
    {
        // Independent route with MathNet: Σ = C_[AB] − C_[AB],E C_E⁻¹ C_E,[AB]; I = ln det Σ_A + ln det Σ_B − ln det Σ.
        var rng = new Xoshiro256StarStar(12100 + (ulong)(m * 10 + k));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var joint = TestMatrices.PsdOfRank(ref rng, 2 * m, 2 * m - 1); // covariance of [h; g], singular on purpose
        var j = TestMatrices.ToMathNet(joint, 2 * m, 2 * m);
        var r = TestMatrices.FromMathNet(j.SubMatrix(0, m, 0, m));
        var rhg = TestMatrices.FromMathNet(j.SubMatrix(0, m, m, m));
        var rg = TestMatrices.FromMathNet(j.SubMatrix(m, m, m, m));
        for (int i = 0; i < m; i++) { r[i * m + i] = r[i * m + i].Real; rg[i * m + i] = rg[i * m + i].Real; }
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, k, model.EnergyBudget);
        double sigmaE2 = 0.5;
        double skr = model.SecretKeyRate(p, r, rg, rhg, sigmaE2, ws);

        var pm = TestMatrices.ToMathNet(p, m, k);
        var t = Matrix<Complex>.Build.Dense(m + 2 * k, 2 * m);
        t.SetSubMatrix(0, 0, Matrix<Complex>.Build.DenseIdentity(m));
        t.SetSubMatrix(m, 0, pm.ConjugateTranspose());
        t.SetSubMatrix(m + k, m, pm.ConjugateTranspose());
        var noise = new Complex[m + 2 * k];
        for (int i = 0; i < m; i++) noise[i] = model.AliceNoiseVariance;
        for (int i = 0; i < k; i++) { noise[m + i] = model.BobNoiseVariance; noise[m + k + i] = sigmaE2; }
        var c = t * j * t.ConjugateTranspose() + Matrix<Complex>.Build.DenseOfDiagonalArray(noise);
        int ab = m + k;
        var cab = c.SubMatrix(0, ab, 0, ab);
        var cabe = c.SubMatrix(0, ab, ab, k);
        var ce = c.SubMatrix(ab, k, ab, k);
        var sigma = cab - cabe * ce.Inverse() * cabe.ConjugateTranspose();
        sigma = 0.5 * (sigma + sigma.ConjugateTranspose());
        double expected = (sigma.SubMatrix(0, m, 0, m).Cholesky().DeterminantLn.Real
            + sigma.SubMatrix(m, k, m, k).Cholesky().DeterminantLn.Real
            - sigma.Cholesky().DeterminantLn.Real) / Math.Log(2);
        Assert.True(skr > 0);
        Assert.Equal(expected, skr, 1e-9 * expected);
    }

    [Fact]
    public void EveSeeingBobsProbesAlmostNoiselessly_LeavesNoSecretKey()
    {
        // g = h (R_g = R_hg = R) and σ_E² → 0: Eve knows Pᴴh, so ĥ_B is independent of ĥ_A given ĥ_E.
        var rng = new Xoshiro256StarStar(12200);
        const int m = 4, k = 4;
        var model = KgrModel.FromSnrDb(10, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, 3);
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, k, model.EnergyBudget);
        double kgr = model.Value(p, r, ws);
        double skr = model.SecretKeyRate(p, r, r, r, 1e-10, ws);
        Assert.True(kgr > 1);
        // Residual I(A;B|E) = O(σ_E²/σ_B²) ≈ 1e-10 nats; round-off of the 12×12 log-dets is ~1e-12 (cond ~1e10 → 1e-6).
        Assert.True(Math.Abs(skr) < 1e-4, $"SKR {skr}");
    }

    [Fact]
    public void BadEveInputs_Throw()
    {
        var model = KgrModel.FromSnrDb(10, 2);
        var ws = new KgrWorkspace(2, 2);
        var r = new Complex[] { 1, 0, 0, 1 };
        var p = new Complex[] { 1, 0, 0, 1 };
        Assert.Equal("eveNoiseVariance", Assert.Throws<ArgumentOutOfRangeException>(() => model.SecretKeyRate(p, r, r, new Complex[4], 0, ws)).ParamName);
        Assert.Equal("crossCovariance", Assert.Throws<ArgumentException>(() => model.SecretKeyRate(p, r, r, new Complex[3], 1, ws)).ParamName);
        var tooCorrelated = new Complex[] { 5, 0, 0, 5 }; // [[I, 5I], [5I, I]] is indefinite
        Assert.Equal("crossCovariance", Assert.Throws<ArgumentException>(() => model.SecretKeyRate(p, r, r, tooCorrelated, 1e-3, ws)).ParamName);
    }
}
