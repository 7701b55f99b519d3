using PhyToolkit.Learning.PolicyOptimization;

namespace PhyToolkit.Learning.Tests.PolicyOptimization;

/// <summary>DCPO unit test 2: smooth advantage standardisation (docs/dcpo.md).</summary>
public class SmoothAdvantageTests
{
    private static double[] Std(double[] r)
    {
        double m = r.Average(), s = Math.Sqrt(r.Sum(x => (x - m) * (x - m)) / (r.Length - 1));
        return [.. r.Select(x => (x - m) / s)];
    }

    [Fact]
    public void FirstVisitEqualsPlainGroupStandardisation()
    {
        double[] r = [1, 0, 0, 1, 1, 0, 0, 0];
        var stats = PromptRewardStats.None;
        var a = new double[8];
        SmoothAdvantage.Compute(r, ref stats, a);
        var expected = Std(r);
        for (int j = 0; j < 8; j++) Assert.Equal(expected[j], a[j], 14);
        // GRPO's version differs only by verl's δ = 1e-6 in the denominator: relative difference ≤ δ/σ.
        var g = new double[8];
        GroupAdvantage.Standardize(r, g);
        for (int j = 0; j < 8; j++) Assert.Equal(expected[j], g[j], 5);
        Assert.Equal(1, stats.Visits);
        Assert.Equal(3.0 / 8, stats.Mean, 15);
    }

    [Fact]
    public void IdenticalRewardsAfterAMixedVisitKeepANonZeroAdvantage()
    {
        var stats = PromptRewardStats.None;
        var a = new double[4];
        SmoothAdvantage.Compute([1, 0, 0, 0], ref stats, a);
        var prev = stats;
        SmoothAdvantage.Compute([1, 1, 1, 1], ref stats, a);
        // i = 2: A_new = 0 (σ_new = 0); μ_tot = (0.25 + 1)/2, σ_tot² = [σ1² + 0 + ½(1 − 0.25)²]/2; SA_new = SA_tot = A_tot/2, so Â = A_tot/i.
        double muTot = (prev.Mean + 1) / 2, sigmaTot = Math.Sqrt((prev.Std * prev.Std + 0.5 * 0.75 * 0.75) / 2);
        double aTot = (1 - muTot) / sigmaTot;
        foreach (double v in a)
        {
            Assert.Equal(aTot / 2, v, 14);
            Assert.True(v > 0.1);
        }
    }

    [Fact]
    public void TwoVisitMergeMatchesTheFormulas()
    {
        double[] r1 = [1, 0, 1, 0, 0, 0], r2 = [1, 1, 1, 0, 1, 0];
        var stats = PromptRewardStats.None;
        var a = new double[6];
        SmoothAdvantage.Compute(r1, ref stats, a);
        SmoothAdvantage.Compute(r2, ref stats, a);
        double m1 = r1.Average(), m2 = r2.Average();
        double v1 = r1.Sum(x => (x - m1) * (x - m1)) / 5, v2 = r2.Sum(x => (x - m2) * (x - m2)) / 5;
        double muTot = (m1 + m2) / 2, varTot = (v1 + v2 + 0.5 * (m2 - m1) * (m2 - m1)) / 2;
        Assert.Equal(muTot, stats.Mean, 15);
        Assert.Equal(Math.Sqrt(varTot), stats.Std, 15);
        Assert.Equal(2, stats.Visits);
        // Â_j is the smaller-magnitude of SA_new = ½A_new + ½A_tot and SA_tot (equal at i = 2): ½(A_new + A_tot).
        double sNew = Math.Sqrt(v2);
        for (int j = 0; j < 6; j++) Assert.Equal(0.5 * ((r2[j] - m2) / sNew + (r2[j] - muTot) / Math.Sqrt(varTot)), a[j], 14);
    }

    [Fact]
    public void LaterVisitsPickTheSmallerMagnitudeBlend()
    {
        // Visit 3 with i = 3: SA_new = ⅔A_new + ⅓A_tot, SA_tot = ⅓A_new + ⅔A_tot; check the choice per response.
        var stats = PromptRewardStats.None;
        var a = new double[4];
        SmoothAdvantage.Compute([0, 0, 0, 1], ref stats, a);
        SmoothAdvantage.Compute([0, 0, 1, 1], ref stats, a);
        var before = stats;
        double[] r = [1, 1, 1, 0];
        SmoothAdvantage.Compute(r, ref stats, a);
        double mNew = 0.75, sNew = 0.5, muTot = (2 * before.Mean + mNew) / 3;
        double sTot = Math.Sqrt((2 * before.Std * before.Std + sNew * sNew + 2.0 / 3 * (mNew - before.Mean) * (mNew - before.Mean)) / 3);
        Assert.Equal(muTot, stats.Mean, 15);
        Assert.Equal(sTot, stats.Std, 15);
        for (int j = 0; j < 4; j++)
        {
            double an = (r[j] - mNew) / sNew, at = (r[j] - muTot) / sTot;
            double x = 2.0 / 3 * an + 1.0 / 3 * at, y = 1.0 / 3 * an + 2.0 / 3 * at;
            Assert.Equal(Math.Abs(x) < Math.Abs(y) ? x : y, a[j], 14);
        }
    }

    [Fact]
    public void AllEqualFirstVisitGivesZeroAdvantage()
    {
        var stats = PromptRewardStats.None;
        var a = new double[3];
        SmoothAdvantage.Compute([1, 1, 1], ref stats, a);
        Assert.All(a, v => Assert.Equal(0, v));
    }

    [Fact]
    public void GroupsSmallerThanTwoAreRejected()
    {
        var stats = PromptRewardStats.None;
        Assert.Throws<ArgumentOutOfRangeException>(() => SmoothAdvantage.Compute([1.0], ref stats, new double[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupAdvantage.Standardize([1.0], new double[1]));
    }
}
