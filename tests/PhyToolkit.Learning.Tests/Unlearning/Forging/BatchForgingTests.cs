using PhyToolkit.Learning.Unlearning.Forging;
using Xunit.Abstractions;

namespace PhyToolkit.Learning.Tests.Unlearning.Forging;

public class BatchForgingTests(ITestOutputHelper output)
{
    // F7: batch B = 2 of M1 with d = 2; forging space R⁴, stacked Jacobian of rank p = 2, so r = 2 and slope 2 (not 4).
    private static (BatchGradientMap Map, double[] Target, double Residual) Batch()
    {
        var (single, z1, r) = ForgingFixtures.LinearRegression(1);
        var (_, z2, _) = ForgingFixtures.LinearRegression(1, 2);
        return (new BatchGradientMap(single, 2), [z1[0], z1[1], z2[0], z2[1]], r);
    }

    [Fact]
    public void StackedJacobianHasRankP()
    {
        var (batch, target, _) = Batch();
        var analysis = VariationAnalysis.At(batch, target);
        Assert.Equal(2, analysis.StiffCount); // rank p = 2 of the 2×4 stacked Jacobian
        Assert.Equal(2, analysis.R);
    }

    [Fact]
    public void SlotConditionalSlopeIsPNotBd()
    {
        var (batch, target, r) = Batch();
        var domain = ForgingDomain.Box(4, ForgingFixtures.HalfWidth);
        var grid = ForgingFixtures.LogGrid(1e-3 * Math.Abs(r), 2e-2 * Math.Abs(r), 8);
        var curve = ForgingSetEstimator.BatchConditionalCurve(batch, target, grid, domain, ForgingConvention.Norm, 1000, 100, 91);
        var fit = ForgingSetEstimator.FitSlope(curve);
        output.WriteLine($"batch slope={fit.Slope:F4} ± {fit.SlopeStdErr:F4} reached={curve[0].Branches}/1000 mu(eps0)={curve[0].Measure:G4}±{curve[0].StdErr:G3}");
        Assert.Equal(2, curve[0].EstimatedR);
        // 4 SE(s) plus the 0.03 curvature allowance of the single-point slope tests. The outer draws are shared by every ε
        // (common random numbers), which correlates the points positively and makes SE(s) from the fit conservative.
        Assert.True(Math.Abs(fit.Slope - 2) <= 4 * fit.SlopeStdErr + 0.03, $"slope {fit.Slope} ± {fit.SlopeStdErr}");
    }

    [Fact]
    public void SlotConditionalAgreesWithGlobalUniformAtModerateEpsilon()
    {
        var (batch, target, _) = Batch();
        var domain = ForgingDomain.Box(4, ForgingFixtures.HalfWidth);
        var gStar = new double[2];
        batch.Gradient(target, gStar);
        double eps = 0.1;
        var cond = ForgingSetEstimator.BatchConditionalCurve(batch, target, [eps], domain, ForgingConvention.Norm, 2000, 100, 92)[0];
        var e1 = ForgingSetEstimator.GlobalUniform(batch, gStar, eps, domain, ForgingConvention.Norm, 400_000, 93);
        output.WriteLine($"eps={eps} conditional={cond.Measure:G5}±{cond.StdErr:G3} E1={e1.Measure:G5}±{e1.StdErr:G3} (hits {e1.Hits})");
        Assert.True(e1.Hits >= 100);
        // Two independent unbiased estimates of the same volume: 4 × combined standard error.
        Assert.True(Math.Abs(cond.Measure - e1.Measure) <= 4 * Math.Sqrt(cond.StdErr * cond.StdErr + e1.StdErr * e1.StdErr));
    }

    [Fact]
    public void SingleSlotBatchIsRefused()
    {
        var (single, z, _) = ForgingFixtures.LinearRegression(1);
        var ex = Assert.Throws<ArgumentException>(() => ForgingSetEstimator.BatchConditionalCurve(new BatchGradientMap(single, 1), z, [0.1],
            ForgingDomain.Box(2, 2), ForgingConvention.Norm, 10, 10, 1));
        Assert.Equal("map", ex.ParamName);
    }
}
