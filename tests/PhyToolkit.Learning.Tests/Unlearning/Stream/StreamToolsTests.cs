using PhyToolkit.Learning.Unlearning.Stream;

namespace PhyToolkit.Learning.Tests.Unlearning.Stream;

/// <summary>The evaluation tools of the Memory Pair scenario: generated streams, the regret tracker and the first-order baselines.</summary>
public class StreamToolsTests
{
    private const int D = 6;

    [Fact]
    public void StreamDrawsBoundedPointsAndRotatesItsTargetByOmegaPerEvent()
    {
        const double omega = 1e-3;
        var s = new SyntheticRegressionStream(D, 5, driftRadiansPerEvent: omega);
        var w0 = new double[D]; s.Target(w0);
        var x = new double[D]; var w = new double[D];
        for (int n = 1; n <= 700; n++)
        {
            double y = s.Next(x);
            Assert.InRange(Math.Sqrt(x.Sum(v => v * v)), 0, 1 + 1e-12);
            Assert.InRange(y, -1, 1);
        }
        s.Target(w);
        // event index 699 uses w°_699 = cos(699ω)e₁ + sin(699ω)e₂ with e₁ = w°_0 ⟂ e₂: unit norm, angle 699ω (round-off only)
        Assert.Equal(1, Math.Sqrt(w.Sum(v => v * v)), 1e-12);
        Assert.Equal(Math.Cos(699 * omega), w.Zip(w0).Sum(p => p.First * p.Second), 1e-12);
    }

    [Fact]
    public void AdversarySwapsTwoFeaturePositionsEveryPeriod()
    {
        var s = new SyntheticRegressionStream(D, 6, swapPeriod: 100);
        var w0 = new double[D]; s.Target(w0);
        var x = new double[D]; var w = new double[D];
        for (int n = 0; n < 100; n++) s.Next(x);
        s.Target(w);
        Assert.Equal(w0, w);                                   // no swap during the first period
        s.Next(x);                                             // event 100: one swap
        s.Target(w);
        Assert.Equal(2, w.Zip(w0).Count(p => p.First != p.Second));
        Assert.Equal(w0.Order(), w.Order());                   // a permutation of the same entries
    }

    [Fact]
    public void StaticRegretUsesTheRidgeMinimiserOfThePrefix()
    {
        // Inside the ball the prefix comparator is the ridge minimiser, so the summed gradient Σ_t ∇ℓ_t(u) vanishes, and
        // the closed-form comparator loss equals the direct sum. 1e−9: round-off of a 200-term sum and a Cholesky solve.
        const double lambda = 0.1;
        var s = new SyntheticRegressionStream(D, 7);
        var tr = new RegretTracker(D, lambda, double.PositiveInfinity);
        var xs = new List<double[]>(); var ys = new List<double>();
        for (int i = 0; i < 200; i++) { var x = new double[D]; double y = s.Next(x); xs.Add(x); ys.Add(y); tr.Observe(x, y, 0.5); }
        var u = new double[D];
        tr.BestFixed(u);
        var grad = new double[D];
        double direct = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            double r = xs[i].Zip(u).Sum(p => p.First * p.Second) - ys[i];
            direct += 0.5 * r * r + 0.5 * lambda * u.Sum(v => v * v);
            for (int j = 0; j < D; j++) grad[j] += r * xs[i][j] + lambda * u[j];
        }
        foreach (double g in grad) Assert.Equal(0, g, 1e-9);
        Assert.Equal(direct, tr.ComparatorLoss(u), 1e-9);
        Assert.Equal(0.5 * 200 - direct, tr.StaticRegret(), 1e-9);
    }

    [Fact]
    public void OgdTakesTheOneOverLambdaTStepAndProjects()
    {
        const double lambda = 0.5;
        var ogd = new OnlineGradientBaseline(OnlineBaselineKind.Ogd, 2, lambda, 1.0);
        // from w = 0: g = −y x, w₁ = (1/λ)·y·x = (0.6, 0) inside the ball
        double loss = ogd.Insert([0.3, 0], 1.0);
        Assert.Equal(0.5, loss, 1e-15);
        Assert.Equal(0.6, ogd.Parameters[0], 1e-15);
        // second step η = 1/(2λ) = 1 on x = (0, 1), y = −1: r = 1, g = x + λw = (0.3, 1) → w = (0.3, −1), norm > 1 → projected
        ogd.Insert([0, 1], -1.0);
        double n = Math.Sqrt(ogd.Parameters[0] * ogd.Parameters[0] + ogd.Parameters[1] * ogd.Parameters[1]);
        Assert.Equal(1, n, 1e-15);
        Assert.Equal(0.3 / Math.Sqrt(0.09 + 1), ogd.Parameters[0], 1e-15);
    }

    [Fact]
    public void BadArgumentsNameTheirParameter()
    {
        Assert.Equal("driftRadiansPerEvent", Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticRegressionStream(D, 1, driftRadiansPerEvent: -1)).ParamName);
        Assert.Equal("swapPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticRegressionStream(1, 1, swapPeriod: 5)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => new OnlineGradientBaseline(OnlineBaselineKind.Sgd, D, 0, 1)).ParamName);
    }
}
