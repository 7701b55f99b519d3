using PhyToolkit.Core.Random;
using PhyToolkit.Learning.ActiveLearning;

namespace PhyToolkit.Learning.Tests.ActiveLearning;

/// <summary>Random, entropy and LfOSA-style queries, and the 1-D Gaussian mixture behind LfOSA.</summary>
public class BaselineQueriesTests
{
    [Fact]
    public void Random_DrawsDistinctIndicesInRange_ReproduciblyBySeed()
    {
        var r1 = new Xoshiro256StarStar(9);
        var r2 = new Xoshiro256StarStar(9);
        var a = BaselineQueries.Random(50, 20, ref r1).Picked;
        var b = BaselineQueries.Random(50, 20, ref r2).Picked;
        Assert.Equal(a, b);
        Assert.Equal(20, a.Distinct().Count());
        Assert.All(a, i => Assert.InRange(i, 0, 49));
    }

    [Fact]
    public void Entropy_MatchesTheClosedFormAndPicksTheMostUncertainRows()
    {
        Assert.Equal(Math.Log(3), BaselineQueries.Entropy([1 / 3.0, 1 / 3.0, 1 / 3.0]), 14);
        Assert.Equal(0.0, BaselineQueries.Entropy([1, 0, 0]));
        // H(.5,.5,0) = ln 2 ≈ .693; H(.8,.1,.1) ≈ .639; H(.9,.05,.05) ≈ .394; uniform ln 3 ≈ 1.099.
        double[] p = [.9, .05, .05, 1 / 3.0, 1 / 3.0, 1 / 3.0, .8, .1, .1, .5, .5, 0];
        Assert.Equal([1, 3], BaselineQueries.Entropy(p, 3, 2).Picked);
    }

    [Fact]
    public void Lfosa_ScoresZeroForPredictedUnknown_AndPrefersTheHighActivationMode()
    {
        // K = 1: class 0 known, output 1 unknown. 40 rows predicted class 0 with max logit near 1 or near 6; 5 rows predicted unknown.
        var rng = new Xoshiro256StarStar(2);
        var z = new List<double>();
        for (int i = 0; i < 40; i++) { double v = (i % 2 == 0 ? 1 : 6) + 0.2 * rng.NextGaussian(); z.Add(v); z.Add(v - 3); }
        for (int i = 0; i < 5; i++) { z.Add(0); z.Add(9); }
        var sel = BaselineQueries.Lfosa(z.ToArray(), 1, 20);
        for (int i = 40; i < 45; i++) Assert.Equal(0.0, sel.Scores[i]);
        Assert.All(sel.Picked, i => Assert.True(i < 40 && i % 2 == 1, $"picked row {i}"));   // exactly the 20 high-activation rows
    }

    [Fact]
    public void GaussianMixture_RecoversTwoSeparatedComponents()
    {
        // 500 draws each of N(0, 1) and N(10, 1): each mean estimate has SE 1/√500 ≈ 0.045; tolerance 0.2 ≈ 4.5 SE.
        var rng = new Xoshiro256StarStar(4);
        var x = new double[1000];
        for (int i = 0; i < 1000; i++) x[i] = (i < 500 ? 0 : 10) + rng.NextGaussian();
        var g = GaussianMixture1D.Fit(x, maxIterations: 100, tolerance: 1e-8, regularization: 1e-6);
        int hi = g.Means[1] > g.Means[0] ? 1 : 0;
        Assert.InRange(g.Means[1 - hi], -0.2, 0.2);
        Assert.InRange(g.Means[hi], 9.8, 10.2);
        Assert.InRange(g.Weights[hi], 0.45, 0.55);   // SE of the share √(.25/1000) ≈ 0.016; a perfectly split sample gives 0.5
        Assert.True(g.Posterior(10, hi) > 0.999);
        Assert.Equal(1.0, g.Posterior(3, 0) + g.Posterior(3, 1), 14);
    }

    [Fact]
    public void GaussianMixture_RejectsTooFewOrNonFiniteValues()
    {
        Assert.Throws<ArgumentException>(() => GaussianMixture1D.Fit([1.0]));
        Assert.Throws<ArgumentException>(() => GaussianMixture1D.Fit([1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture1D.Fit([1.0, 2.0], maxIterations: 0));
    }
}
