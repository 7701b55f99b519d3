using PhyToolkit.Optimization.Resurgence;

namespace PhyToolkit.Optimization.Tests.Resurgence;

public class TargetDescentTests
{
    [Fact]
    public void LandscapeGradientsAndHessiansMatchFiniteDifferences()
    {
        // Central differences, h = 1e-5: truncation O(h²·L''') ≈ 1e-9, round-off ε·L/h ≈ 1e-11; tolerance 1e-6.
        IAnalyticLandscape[] all = [ResurgenceLandscapes.T1(), ResurgenceLandscapes.T2(0.1), ResurgenceLandscapes.T3(), ResurgenceLandscapes.T4(), ResurgenceLandscapes.T5()];
        const double h = 1e-5;
        foreach (var l in all)
        {
            int d = l.Dimension;
            var x = Enumerable.Range(0, d).Select(i => 0.37 + 0.41 * i).ToArray();
            var g = new double[d];
            l.Gradient(x, g);
            var hess = new double[d, d];
            l.Hessian(x, hess);
            for (int i = 0; i < d; i++)
            {
                var xp = (double[])x.Clone(); xp[i] += h;
                var xm = (double[])x.Clone(); xm[i] -= h;
                Assert.True(Math.Abs((l.Evaluate(xp) - l.Evaluate(xm)) / (2 * h) - g[i]) < 1e-6);
                var gp = new double[d]; var gm = new double[d];
                l.Gradient(xp, gp); l.Gradient(xm, gm);
                for (int j = 0; j < d; j++) Assert.True(Math.Abs((gp[j] - gm[j]) / (2 * h) - hess[j, i]) < 1e-6);
            }
            // Line Taylor coefficients: the series evaluated at a small step equals L on the line.
            var u = Enumerable.Range(0, d).Select(i => i == 0 ? 0.8 : 0.6).ToArray();
            var series = l.AlongLine(x, u, 20);
            var y = x.Select((v, i) => v + 0.3 * u[i]).ToArray();
            Assert.Equal(l.Evaluate(y), series.Evaluate(0.3), 12);
        }
    }

    [Fact]
    public void ScheduleChoosesTheHighestTargetBelowTheLossAndClips()
    {
        var s = new TargetStepSchedule([0.0, 0.25], maxStep: 2, minStep: 1e-3);
        Assert.Equal(0.25, s.TargetFor(0.5));
        Assert.Equal(0.0, s.TargetFor(0.2));
        Assert.Equal(0.0, s.TargetFor(-1));
        Assert.Equal((0.2 - 0) / 0.5, s.Step(0.2, 0.5), 14);
        Assert.Equal(2, s.Step(10, 1e-3));
        Assert.Equal(1e-3, s.Step(-1, 1));
        // Multiplicative form: armed at L_ref = 1 with L* = 0.25 → (L − 0.25)/0.75 clipped to [0.05, 1].
        Assert.Equal(0.5, s.Multiplier(0.625, 1), 14);
        Assert.Equal(1, s.Multiplier(2, 1));
        Assert.Equal(0.05, s.Multiplier(0.25, 1));
        Assert.Throws<ArgumentException>(() => new TargetStepSchedule([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TargetStepSchedule([0.0], maxStep: 0));
    }

    [Fact]
    public void PolyakWithTheTargetReachesTheMinimumOnAQuadraticInOneStep()
    {
        // L = θ² (T-free check): Polyak step (L − 0)/‖2θ‖² = 1/4, θ − ¼·2θ = θ/2; with L* = 0 it halves θ... exactly linear rate ½.
        var l = new PolynomialLandscape([(1.0, [2])]);
        var r = TargetDescent.Run(l, [1.0], new TargetDescentOptions { Schedule = new TargetStepSchedule([0.0]), StopValue = 1e-8, Budget = 100 });
        // |θ_t| = 2^{−t}, L = 4^{−t} ≤ 1e-8 → t = 14.
        Assert.Equal(14, r.EvaluationsToStop);
    }

    [Fact]
    public void EscapeRuleLeavesTheShallowWellOfTheTiltedDoubleWell()
    {
        var l = ResurgenceLandscapes.T2(0.1);
        var cps = CriticalPoints.OneDimensional(l, -3, 3);
        var glob = cps.Where(c => c.Index == 0).MinBy(c => c.Value)!;
        var o = new TargetDescentOptions { FixedStep = 0.2, Budget = 3000 };
        var plain = TargetDescent.Run(l, [1.2], o);
        Assert.True(plain.X[0] > 0.5);            // stays in the shallow right-hand well
        var esc = TargetDescent.Run(l, [1.2], o with { Escape = true });
        Assert.Equal(1, esc.Escapes);
        Assert.Equal(glob.Theta[0], esc.X[0], 6);
        Assert.True(esc.Evaluations <= 3000);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        var l = ResurgenceLandscapes.T1();
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetDescent.Run(l, [1.0], new TargetDescentOptions { Budget = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetDescent.Run(l, [1.0], new TargetDescentOptions { TargetOrder = 2 }));
        Assert.Throws<ArgumentException>(() => TargetDescent.Run(l, [1.0, 2.0], new TargetDescentOptions()));
    }
}
