using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.PrimalDual;

namespace PhyToolkit.Optimization.Tests.PrimalDual;

public class ReferenceSolverTests
{
    /// <summary>Projected Gauss–Seidel for LCP(M, q) with SPD M: an independent iterative solver (converges for SPD M).</summary>
    private static double[] GaussSeidel(double[] m, double[] q)
    {
        int k = q.Length;
        var x = new double[k];
        for (int it = 0; it < 20_000; it++)
            for (int r = 0; r < k; r++)
            {
                double s = q[r];
                for (int c = 0; c < k; c++) if (c != r) s += m[r * k + c] * x[c];
                x[r] = Math.Max(0, -s / m[r * k + r]);
            }
        return x;
    }

    [Fact]
    public void ActiveSetLcpSolvesRandomSpdProblemsLikeGaussSeidel()
    {
        var rng = new Xoshiro256StarStar(17);
        for (int trial = 0; trial < 50; trial++)
        {
            int k = 1 + trial % 5;
            var b = new double[k * k];
            for (int i = 0; i < b.Length; i++) b[i] = rng.NextGaussian();
            var m = new double[k * k];
            for (int r = 0; r < k; r++)
                for (int c = 0; c < k; c++)
                {
                    double s = r == c ? 0.5 : 0;
                    for (int e = 0; e < k; e++) s += b[r * k + e] * b[c * k + e];
                    m[r * k + c] = s;
                }
            var q = new double[k];
            for (int r = 0; r < k; r++) q[r] = 2 * rng.NextGaussian();
            var x = ActiveSetLcp.Solve(m, q);
            var w = ActiveSetLcp.Slack(m, q, x);
            for (int r = 0; r < k; r++)
            {
                Assert.True(x[r] >= 0 && w[r] >= -1e-10, $"trial {trial}");
                Assert.True(Math.Abs(x[r] * w[r]) < 1e-9, $"trial {trial}: complementarity");
            }
            var gs = GaussSeidel(m, q);
            for (int r = 0; r < k; r++) Assert.Equal(gs[r], x[r], 1e-7);
        }
    }

    [Fact]
    public void ActiveSetLcpHandWorkedExample()
    {
        // M = [[2,1],[1,2]], q = [−3, 1]: λ2 = 0 (w2 = λ1 + 1 > 0), 2λ1 = 3 → λ = (1.5, 0), w = (0, 2.5).
        var x = ActiveSetLcp.Solve([2, 1, 1, 2], [-3, 1]);
        Assert.Equal(1.5, x[0], 14);
        Assert.Equal(0, x[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ActiveSetLcp.Solve(new double[17 * 17], new double[17]));
    }

    [Fact]
    public void BisectionFindsRootsAndRefusesBadBrackets()
    {
        Assert.Equal(Math.Cbrt(2), ScalarBisection.Solve(x => x * x * x - 2, 0, 2), 1e-13);
        Assert.Throws<ArgumentException>(() => ScalarBisection.Solve(x => x * x + 1, -1, 1));
        Assert.Throws<ArgumentException>(() => ScalarBisection.Solve(x => x, 1, 1));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.0)]
    public void QuadraticReferenceSatisfiesTheSaddlePointConditions(double delta)
    {
        var bed = QuadraticTestBed.Create(10, 5, 3, 1, 42);
        var sp = bed.Reference(delta);
        var l = bed.Lagrangian(Math.Max(delta, 1e-300));
        // Primal stationarity: ∇f_i(θ*_i) + Σ_j λ*_j A_ji a_j = 0 (exact; the box is inactive).
        var g = new double[5];
        for (int i = 0; i < 10; i++)
        {
            l.PrimalGradient(sp.Theta, sp.Lambda, i, g);
            foreach (double v in g) Assert.Equal(0, v, 1e-10);
        }
        // Dual: λ*_j = max(0, g_j(z*)/δ) for δ > 0 (docs/asyn-pd.md), hence violation = δλ*; δ = 0: KKT complementarity.
        var z = l.NewAggregates();
        l.Aggregate(sp.Theta, z);
        var gv = new double[3];
        l.ConstraintValues(z, gv);
        for (int j = 0; j < 3; j++)
        {
            if (delta > 0) Assert.Equal(Math.Max(0, gv[j] / delta), sp.Lambda[j], 1e-9);
            else { Assert.True(gv[j] <= 1e-10); Assert.Equal(0, sp.Lambda[j] * gv[j], 1e-9); }
        }
        // Two budgets are built to be violated at the unconstrained optimum; for this instance both stay active.
        if (delta == 0) Assert.Equal(2, sp.Lambda.Count(x => x > 0));
    }

    [Fact]
    public void PowerReferenceSatisfiesTheWaterFillingConditions()
    {
        var prob = new PowerAllocationProblem(PowerAllocationProblem.LogUniformGains(10, 0.1, 10, 3), 5, 10);
        foreach (double delta in new[] { 0.05, 0.0 })
        {
            var sp = prob.Reference(delta);
            double lambda = sp.Lambda[0], total = 0;
            for (int i = 0; i < 10; i++)
            {
                double p = sp.Theta[i][0];
                total += p;
                var c = prob.Costs[i];
                if (p <= 0) Assert.True(c.MeanGain <= lambda + 1e-12);
                else if (p >= 5) Assert.True(c.MarginalRate(5) >= lambda - 1e-12);
                else Assert.Equal(lambda, c.MarginalRate(p), 1e-10);
            }
            if (delta > 0) Assert.Equal(delta * lambda, Math.Max(0, total - 10), 1e-9);
            else Assert.Equal(10, total, 1e-9);
        }
    }
}
