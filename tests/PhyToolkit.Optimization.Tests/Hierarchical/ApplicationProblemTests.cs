using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Hierarchical;
using PhyToolkit.Optimization.Projections;

namespace PhyToolkit.Optimization.Tests.Hierarchical;

/// <summary>Oracles and exact references of problems M2, B2 and B3 (docs/optim-hierarchical.md) and Proj_Δ.</summary>
public class ApplicationProblemTests
{
    private static double[] Fd(Func<double[], double> f, double[] x, double h)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var xp = (double[])x.Clone(); xp[i] += h;
            var xm = (double[])x.Clone(); xm[i] -= h;
            g[i] = (f(xp) - f(xm)) / (2 * h);
        }
        return g;
    }

    private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"{what}[{i}]: {expected[i]} vs {actual[i]}");
    }

    private static double[] RandomSimplex(int n, ulong seed)
    {
        var r = new Xoshiro256StarStar(seed);
        var p = new double[n];
        for (int i = 0; i < n; i++) p[i] = -Math.Log(r.NextDoubleNonZero());
        double s = p.Sum();
        for (int i = 0; i < n; i++) p[i] /= s;
        return p;
    }

    [Fact]
    public void SimplexProjectionSatisfiesItsInvariants()
    {
        var proj = new SimplexProjection(30);
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var u = HierarchicalTestKit.Gaussian(30, seed);
            for (int i = 0; i < 30; i++) u[i] *= seed % 3 == 0 ? 10 : 0.3; // both sparse and dense projections
            var p = (double[])u.Clone();
            proj.Project(p);
            // On the simplex up to round-off (sum of 30 terms: 1e-14).
            Assert.True(p.All(v => v >= 0));
            Assert.Equal(1, p.Sum(), 13);
            // Variational inequality ⟨u − p, q − p⟩ ≤ 0 for every q ∈ Δ; the vertices e_k suffice (linear in q).
            double up = 0;
            for (int i = 0; i < 30; i++) up += (u[i] - p[i]) * p[i];
            for (int k = 0; k < 30; k++) Assert.True(u[k] - p[k] - up <= 1e-12, $"seed {seed}, vertex {k}");
            // Idempotent.
            var pp = (double[])p.Clone();
            proj.Project(pp);
            AssertClose(p, pp, 1e-15, "Π(Π(u))");
        }
        // Points of the simplex are fixed; a constant vector maps to the uniform distribution; a dominant coordinate to its vertex.
        var q = RandomSimplex(30, 99);
        var qq = (double[])q.Clone();
        proj.Project(qq);
        AssertClose(q, qq, 1e-15, "Π(q)");
        var c = Enumerable.Repeat(7.5, 30).ToArray();
        proj.Project(c);
        Assert.All(c, v => Assert.Equal(1.0 / 30, v, 15));
        var e = new double[30]; e[4] = 5;
        proj.Project(e);
        Assert.Equal(1, e[4]);
        Assert.Equal(1, e.Count(v => v != 0));
        Assert.Throws<ArgumentException>("x", () => proj.Project(new double[29]));
    }

    private static DistributionallyRobustClassification M2(int batch) => new(200, 10, 0.1, 0.1, 1, batch, 11);

    [Fact]
    public void RobustClassificationOracleMatchesFiniteDifferences()
    {
        var m = M2(0);
        var w = HierarchicalTestKit.Gaussian(10, 3);
        var p = RandomSimplex(200, 4);
        double F(double[] ww, double[] pp)
        {
            double v = 0;
            for (int i = 0; i < 200; i++) v += pp[i] * m.Loss(i, ww) - 0.05 * (pp[i] - 1.0 / 200) * (pp[i] - 1.0 / 200);
            return v;
        }
        var gx = new double[10]; var gy = new double[200]; var rng = new Xoshiro256StarStar(1);
        m.Sample(w, p, ref rng, gx, gy);
        // f is smooth with O(1) curvature along each coordinate: central differences at h = 1e-5 err by ~1e-10 (truncation)
        // plus ~1e-11 (round-off); 1e-8 is a safe bound.
        AssertClose(Fd(ww => F(ww, p), w, 1e-5), gx, 1e-8, "∇_w f");
        AssertClose(Fd(pp => F(w, pp), p, 1e-5), gy, 1e-8, "∇_p f");
    }

    [Fact]
    public void RobustClassificationOuterGradientMatchesFiniteDifferencesOfPhi()
    {
        var m = M2(0);
        var w = HierarchicalTestKit.Gaussian(10, 5);
        var g = new double[10];
        m.OuterGradient(w, g);
        // Φ is C¹ (Danskin, unique p*) and piecewise smooth (the active set of p* changes): h = 1e-6 stays inside one piece
        // for this point; FD error ~1e-9.
        AssertClose(Fd(ww => m.OuterValue(ww), w, 1e-6), g, 1e-7, "∇Φ");
        // p* is on the simplex and the noise-free oracle's p-gradient at p* is normal to Δ there (p* is the maximiser):
        // ∇_p f = λ·1 on the support and ≤ λ off it.
        var ps = new double[200]; m.InnerSolution(w, ps);
        Assert.Equal(1, ps.Sum(), 13);
        var gx = new double[10]; var gy = new double[200]; var rng = new Xoshiro256StarStar(1);
        m.Sample(w, ps, ref rng, gx, gy);
        AssertClose(g, gx, 1e-13, "∇_w f(w, p*)");
        double lambda = Enumerable.Range(0, 200).Where(i => ps[i] > 0).Select(i => gy[i]).Average();
        for (int i = 0; i < 200; i++)
            Assert.True(ps[i] > 0 ? Math.Abs(gy[i] - lambda) < 1e-12 : gy[i] <= lambda + 1e-12, $"KKT at {i}");
    }

    [Fact]
    public void RobustClassificationMinibatchIsUnbiased()
    {
        var exact = M2(0);
        var mb = M2(10); // same seed ⇒ same data
        var w = HierarchicalTestKit.Gaussian(10, 6);
        var p = RandomSimplex(200, 7);
        var gx0 = new double[10]; var gy0 = new double[200]; var rng = new Xoshiro256StarStar(8);
        exact.Sample(w, p, ref rng, gx0, gy0);
        var gx = new double[10]; var gy = new double[200]; var sx = new double[10]; var sqx = new double[10];
        const int N = 20000;
        for (int s = 0; s < N; s++)
        {
            mb.Sample(w, p, ref rng, gx, gy);
            for (int j = 0; j < 10; j++) { sx[j] += gx[j]; sqx[j] += gx[j] * gx[j]; }
        }
        for (int j = 0; j < 10; j++)
        {
            double mean = sx[j] / N, se = Math.Sqrt((sqx[j] / N - mean * mean) / N);
            // Unbiased: the sample mean is within 5 standard errors of the exact gradient.
            Assert.True(Math.Abs(mean - gx0[j]) <= 5 * se, $"coordinate {j}: {mean} vs {gx0[j]} (se {se})");
        }
    }

    public static TheoryData<string> BilevelProblems => ["B2", "B3"];

    private static (IBilevelOracle Oracle, IBilevelReference Ref, Func<double[], double[], double> G, Func<double[], double> F, int Dx, int Dy) Make(string name, int batch)
    {
        if (name == "B2")
        {
            var b = new RegularizationSelection(100, 80, 8, batch, 21);
            return (b, b, (x, y) => b.LowerValue(x, y), t => b.ValidationLoss(t), 8, 8);
        }
        var c = new DataCleaning(60, 50, 5, 0.3, 1e-3, batch, 22);
        return (c, c, (x, y) => c.LowerValue(x, y), t => c.ValidationLoss(t), 60, 5);
    }

    [Theory]
    [MemberData(nameof(BilevelProblems))]
    public void BilevelOraclesMatchFiniteDifferences(string name)
    {
        var (o, _, G, F, dx, dy) = Make(name, 0);
        var x = HierarchicalTestKit.Gaussian(dx, 31);
        for (int i = 0; i < dx; i++) x[i] *= 0.5;
        var y = HierarchicalTestKit.Gaussian(dy, 32);
        var v = HierarchicalTestKit.Gaussian(dy, 33);
        var rng = new Xoshiro256StarStar(1);
        var fx = new double[dx]; var fy = new double[dy];
        o.SampleUpper(x, y, ref rng, fx, fy);
        // Logistic losses and exp/sigmoid weights have O(1) third derivatives here: central differences at h = 1e-5 are
        // accurate to ~1e-10; assert 1e-8.
        Assert.All(fx, a => Assert.Equal(0, a));
        AssertClose(Fd(F, y, 1e-5), fy, 1e-8, "∇_y f");
        var gy = new double[dy];
        o.SampleLowerGradient(x, y, ref rng, gy);
        AssertClose(Fd(yy => G(x, yy), y, 1e-5), gy, 1e-8, "∇_y g");
        // HVP: directional derivative of ∇_y g along v; cross JVP: (∇²_xy g·v)_i = ∂/∂x_i (v·∇_y g).
        var hv = new double[dy];
        o.SampleLowerHessianVector(x, y, v, ref rng, hv);
        var fdHv = new double[dy];
        for (int k = 0; k < dy; k++)
        {
            var yp = (double[])y.Clone(); var ym = (double[])y.Clone();
            for (int j = 0; j < dy; j++) { yp[j] += 1e-5 * v[j]; ym[j] -= 1e-5 * v[j]; }
            var gp = new double[dy]; var gm = new double[dy];
            o.SampleLowerGradient(x, yp, ref rng, gp); o.SampleLowerGradient(x, ym, ref rng, gm);
            fdHv[k] = (gp[k] - gm[k]) / 2e-5;
        }
        AssertClose(fdHv, hv, 1e-8, "∇²_yy g·v");
        var jv = new double[dx];
        o.SampleLowerCrossVector(x, y, v, ref rng, jv);
        double VDotGrad(double[] xx)
        {
            var g = new double[dy];
            var r = new Xoshiro256StarStar(1);
            o.SampleLowerGradient(xx, y, ref r, g);
            return VectorOpsDot(g, v);
        }
        AssertClose(Fd(VDotGrad, x, 1e-5), jv, 1e-8, "∇²_xy g·v");
    }

    private static double VectorOpsDot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();

    [Theory]
    [MemberData(nameof(BilevelProblems))]
    public void BilevelHypergradientMatchesFiniteDifferencesOfPhi(string name)
    {
        var (o, r, _, _, dx, dy) = Make(name, 0);
        var x = HierarchicalTestKit.Gaussian(dx, 41);
        for (int i = 0; i < dx; i++) x[i] *= 0.5;
        var g = new double[dx];
        r.OuterGradient(x, g);
        // Φ(x) = f(θ*(x)) with θ* solved to ‖∇g‖ ≤ 1e-12 (Φ error ≲ 1e-11): h = 1e-4 gives FD error ~1e-7 (truncation ~h²,
        // round-off ~1e-11/h); assert 1e-6 absolute, well below the gradient entries (~1e-2 … 1e-1).
        var phi = r is RegularizationSelection b2 ? (Func<double[], double>)(xx => b2.OuterValue(xx)) : xx => ((DataCleaning)r).OuterValue(xx);
        AssertClose(Fd(phi, x, 1e-4), g, 1e-6, "∇Φ");
        Assert.True(g.Max(Math.Abs) > 1e-4); // a non-trivial check
        // θ* zeroes the lower gradient; z* solves ∇²_yy g(θ*)·z = ∇_y f(θ*) (to the Newton tolerance).
        var ys = new double[dy]; r.InnerSolution(x, ys);
        var zs = new double[dy]; r.LinearSystemSolution(x, zs);
        var rng = new Xoshiro256StarStar(1);
        var gy = new double[dy]; o.SampleLowerGradient(x, ys, ref rng, gy);
        Assert.True(gy.Max(Math.Abs) <= 1e-11);
        var hz = new double[dy]; o.SampleLowerHessianVector(x, ys, zs, ref rng, hz);
        var fx = new double[dx]; var fy = new double[dy]; o.SampleUpper(x, ys, ref rng, fx, fy);
        AssertClose(fy, hz, 1e-11, "H z*");
        // Implicit-function formula: ∇Φ = ∇_x f − ∇²_xy g·z* with the exact oracles (same algebra, different summation
        // order: round-off ~1e-14).
        var jz = new double[dx]; o.SampleLowerCrossVector(x, ys, zs, ref rng, jz);
        for (int i = 0; i < dx; i++) Assert.Equal(fx[i] - jz[i], g[i], 12);
    }

    [Theory]
    [MemberData(nameof(BilevelProblems))]
    public void BilevelMinibatchOraclesAreUnbiased(string name)
    {
        var (exact, _, _, _, dx, dy) = Make(name, 0);
        var (mb, _, _, _, _, _) = Make(name, 5);
        var x = HierarchicalTestKit.Gaussian(dx, 51);
        var y = HierarchicalTestKit.Gaussian(dy, 52);
        var v = HierarchicalTestKit.Gaussian(dy, 53);
        var rng = new Xoshiro256StarStar(54);
        var e = new double[dx]; exact.SampleLowerCrossVector(x, y, v, ref rng, e);
        var eg = new double[dy]; exact.SampleLowerGradient(x, y, ref rng, eg);
        var s = new double[dx]; var sq = new double[dx]; var sg = new double[dy]; var sqg = new double[dy];
        var t = new double[dx]; var tg = new double[dy];
        const int N = 20000;
        for (int k = 0; k < N; k++)
        {
            mb.SampleLowerCrossVector(x, y, v, ref rng, t);
            mb.SampleLowerGradient(x, y, ref rng, tg);
            for (int i = 0; i < dx; i++) { s[i] += t[i]; sq[i] += t[i] * t[i]; }
            for (int i = 0; i < dy; i++) { sg[i] += tg[i]; sqg[i] += tg[i] * tg[i]; }
        }
        // Every coordinate's sample mean is within 5 standard errors of the exact value (deterministic coordinates: exact).
        for (int i = 0; i < dx; i++)
        {
            double m = s[i] / N, se = Math.Sqrt(Math.Max(sq[i] / N - m * m, 0) / N);
            Assert.True(Math.Abs(m - e[i]) <= 5 * se + 1e-12, $"JVP {i}: {m} vs {e[i]}");
        }
        for (int i = 0; i < dy; i++)
        {
            double m = sg[i] / N, se = Math.Sqrt(Math.Max(sqg[i] / N - m * m, 0) / N);
            Assert.True(Math.Abs(m - eg[i]) <= 5 * se + 1e-12, $"∇g {i}: {m} vs {eg[i]}");
        }
    }

    [Fact]
    public void LowerSolveConvergesWithStiffRidgeDirections()
    {
        // Ridge strengths exp(x_j) from e^{−6} to e^{18} (reached by long runs): the Newton solve must still zero ∇_θ g (to its
        // round-off floor, accepted at 1e-9) and give ∇Φ matching finite differences of Φ (h = 1e-4; coordinates with a stiff
        // ridge have ∇Φ_j ≈ 0, FD round-off ≲ 1e-11/h).
        var b = new RegularizationSelection(100, 80, 8, 0, 21);
        double[] x = [18, 12, -6, 0, 3, 9, -2, 15];
        var ys = new double[8]; b.InnerSolution(x, ys);
        var gy = new double[8]; var rng = new Xoshiro256StarStar(1);
        b.SampleLowerGradient(x, ys, ref rng, gy);
        Assert.True(gy.Max(Math.Abs) <= 1e-9);
        var g = new double[8]; b.OuterGradient(x, g);
        AssertClose(Fd(xx => b.OuterValue(xx), x, 1e-4), g, 1e-6, "∇Φ (stiff)");
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("mu", () => new DistributionallyRobustClassification(10, 2, 0, 0.1, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("flipFraction", () => new DistributionallyRobustClassification(10, 2, 0.1, 0.7, 1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => new RegularizationSelection(10, 10, 2, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("ridge", () => new DataCleaning(10, 10, 2, 0.3, 0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("dimension", () => new SimplexProjection(0));
    }
}
