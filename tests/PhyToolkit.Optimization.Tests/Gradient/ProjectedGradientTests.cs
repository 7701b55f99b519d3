using PhyToolkit.Tests.Shared;
using System.Numerics;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Tests;

public class ProjectedGradientTests
{
    /// <summary>f(x) = −Σ d_i (x_i − a_i)², concave, ∇f = −2 d∘(x − a). Records every gradient point (= accepted iterates).</summary>
    private sealed class DiagonalQuadratic(double[] d, double[] a) : IObjective
    {
        public List<double[]> GradientPoints { get; } = [];
        public double Evaluate(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) s -= d[i] * (x[i] - a[i]) * (x[i] - a[i]); return s; }
        public bool HasGradient => true;
        public void Gradient(ReadOnlySpan<double> x, Span<double> g)
        {
            GradientPoints.Add(x.ToArray());
            for (int i = 0; i < x.Length; i++) g[i] = -2 * d[i] * (x[i] - a[i]);
        }
    }

    /// <summary>f(x) = −(x − a)ᴴ H (x − a), H Hermitian PD; ∂f/∂x* = −H(x − a).</summary>
    private sealed class ComplexQuadratic(Complex[,] h, Complex[] a) : IComplexObjective
    {
        public double Evaluate(ReadOnlySpan<Complex> x)
        {
            int n = a.Length; Complex s = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s += Complex.Conjugate(x[i] - a[i]) * h[i, j] * (x[j] - a[j]);
            return -s.Real;
        }
        public void Gradient(ReadOnlySpan<Complex> x, Span<Complex> g)
        {
            int n = a.Length;
            for (int i = 0; i < n; i++) { Complex s = 0; for (int j = 0; j < n; j++) s += h[i, j] * (x[j] - a[j]); g[i] = -s; }
        }
    }

    private static readonly ProjectedGradientOptions Tight = new() { MaxIterations = 5000, RelativeTolerance = 0, AbsoluteTolerance = 0 };

    [Fact]
    public void Real_Unconstrained_ReachesAnalyticMaximiser()
    {
        double[] d = [1, 2, 5, 10], a = [1, -2, 0.5, 3];
        var r = new ProjectedGradient(Tight).Maximize(new DiagonalQuadratic(d, a), null, new double[4]);
        // Condition number 10, Armijo steps: linear convergence; run until no further increase (tolerance 0), so the
        // iterate is at the maximiser to near machine precision: 1e-7 absolute on x (f error ~ 1e-14).
        for (int i = 0; i < 4; i++) Assert.Equal(a[i], r.BestX[i], 1e-7);
        Assert.True(r.StopReason is StopReason.Converged or StopReason.LineSearchFailed);
    }

    [Fact]
    public void Real_BallConstrained_ReachesKktSolution()
    {
        // max −Σ d_i (x_i − a_i)² s.t. ‖x‖² ≤ E with a outside: KKT x_i = d_i a_i/(d_i + λ), λ > 0 from ‖x(λ)‖² = E
        // (derived); λ found independently here by bisection.
        double[] d = [1, 3], a = [2, 2];
        const double E = 1;
        double lo = 0, hi = 100;
        for (int k = 0; k < 200; k++)
        {
            double mid = 0.5 * (lo + hi), e = 0;
            for (int i = 0; i < 2; i++) { double xi = d[i] * a[i] / (d[i] + mid); e += xi * xi; }
            if (e > E) lo = mid; else hi = mid;
        }
        double lam = 0.5 * (lo + hi);
        var r = new ProjectedGradient(Tight).Maximize(new DiagonalQuadratic(d, a), new FrobeniusBallProjection(E), new double[] { 0.1, -0.3 });
        for (int i = 0; i < 2; i++) Assert.Equal(d[i] * a[i] / (d[i] + lam), r.BestX[i], 1e-6); // 1e-6: linear rate, tol 0 run
    }

    [Fact]
    public void Real_BoxConstrained_IsClampOfUnconstrainedMaximiser()
    {
        double[] d = [1, 4, 2], a = [3, -3, 0.25];
        var r = new ProjectedGradient(Tight).Maximize(new DiagonalQuadratic(d, a), new BoxProjection(BoxBounds.Uniform(3, -1, 1)), new double[3]);
        // Separable objective ⇒ maximiser = clamp(a) (derived); active bounds are hit exactly by the clamp.
        Assert.Equal(1, r.BestX[0], 12);
        Assert.Equal(-1, r.BestX[1], 12);
        Assert.Equal(0.25, r.BestX[2], 1e-7);
    }

    [Fact]
    public void Armijo_HoldsAtEveryAcceptedStep_AndBacktrackingHappens()
    {
        double[] d = [1, 2, 5, 10], a = [1, -2, 0.5, 3];
        var f = new DiagonalQuadratic(d, a);
        var opts = new ProjectedGradientOptions { InitialStepScale = 20, ArmijoConstant = 0.3, MaxIterations = 50, RelativeTolerance = 0 };
        var r = new ProjectedGradient(opts).Maximize(f, new FrobeniusBallProjection(4), new double[] { 0.5, 0.5, 0.5, 0.5 });
        Assert.True(r.Evaluations > r.Iterations + 1, "a step 20·‖x‖/‖g‖ is far too long: some trials must be rejected");
        var pts = f.GradientPoints;
        var g = new double[4];
        for (int k = 0; k + 1 < pts.Count; k++)
        {
            for (int i = 0; i < 4; i++) g[i] = -2 * d[i] * (pts[k][i] - a[i]);
            double dir = 0;
            for (int i = 0; i < 4; i++) dir += g[i] * (pts[k + 1][i] - pts[k][i]);
            Assert.True(dir >= 0, "projected-arc direction is an ascent direction");
            // Sufficient increase f(x⁺) ≥ f(x) + c⟨∇f, x⁺ − x⟩, exactly as accepted (same arithmetic, no slack).
            Assert.True(f.Evaluate(pts[k + 1]) >= f.Evaluate(pts[k]) + 0.3 * dir);
        }
        var v = r.History.BestValues();
        for (int k = 1; k < v.Length; k++) Assert.True(v[k] >= v[k - 1]); // monotone trace
    }

    [Fact]
    public void WrongGradient_StopsWithLineSearchFailed_WithoutLosingValue()
    {
        var f = new NegatedObjective(new NegatedObjective(new TestFunctions.Sphere())); // f = Σx², gradient 2x
        var bad = new DescentGradient(f); // reports −∇f: no ascent along it
        double[] x0 = [1, 2];
        var r = new ProjectedGradient(new ProjectedGradientOptions()).Maximize(bad, null, x0);
        Assert.Equal(StopReason.LineSearchFailed, r.StopReason);
        Assert.Equal(x0, r.BestX);
        Assert.Equal(5, r.BestValue);
    }

    private sealed class DescentGradient(IObjective f) : IObjective
    {
        public double Evaluate(ReadOnlySpan<double> x) => f.Evaluate(x);
        public bool HasGradient => true;
        public void Gradient(ReadOnlySpan<double> x, Span<double> g) { f.Gradient(x, g); for (int i = 0; i < g.Length; i++) g[i] = -g[i]; }
    }

    [Fact]
    public void Complex_Unconstrained_ReachesAnalyticMaximiser()
    {
        // H = BᴴB + I (Hermitian PD) from a seeded draw; maximiser x = a.
        const int n = 4;
        var rng = new Xoshiro256StarStar(11);
        var b = new Complex[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i, j] = rng.NextComplexGaussian(0.5);
        var h = new Complex[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++)
        {
            Complex s = i == j ? 1 : 0;
            for (int k = 0; k < n; k++) s += Complex.Conjugate(b[k, i]) * b[k, j];
            h[i, j] = s;
        }
        var a = new Complex[n];
        for (int i = 0; i < n; i++) a[i] = rng.NextComplexGaussian();
        var r = new ProjectedGradient(Tight).Maximize(new ComplexQuadratic(h, a), null, new Complex[n]);
        for (int i = 0; i < n; i++) Assert.Equal(0, Complex.Abs(r.BestX[i] - a[i]), 6); // 1e-6: condition ≲ 10, run to no gain
    }

    [Fact]
    public void Complex_FrobeniusBall_MaximiserIsScaledTarget()
    {
        // max −‖P − B‖_F² s.t. ‖P‖_F² ≤ E (H = I): solution Π(B) = B·√E/‖B‖_F (derived).
        const int M = 3, K = 2;
        var rng = new Xoshiro256StarStar(12);
        var bm = new Complex[M * K];
        for (int i = 0; i < bm.Length; i++) bm[i] = rng.NextComplexGaussian(2);
        var h = new Complex[M * K, M * K];
        for (int i = 0; i < M * K; i++) h[i, i] = 1;
        const double E = 0.7;
        var expected = (Complex[])bm.Clone();
        new FrobeniusBallProjection(E).Project(expected);
        var r = new ProjectedGradient(Tight).Maximize(new ComplexQuadratic(h, bm), new FrobeniusBallProjection(E), new Complex[M * K]);
        for (int i = 0; i < bm.Length; i++) Assert.Equal(0, Complex.Abs(r.BestX[i] - expected[i]), 9);
    }

    [Fact]
    public void Complex_UnitModulus_AlignsPhases()
    {
        // max Re(bᴴφ) s.t. |φ_n| = 1: φ_n = b_n/|b_n| (derived). f = (bᴴφ + φᴴb)/2 ⇒ ∂f/∂φ* = b/2.
        var b = new Complex[] { new(1, 2), new(-3, 0.5), new(0.2, -0.1) };
        var f = new LinearPhase(b);
        var r = new ProjectedGradient(Tight with { MaxIterations = 3000 }).Maximize(f, UnitModulusProjection.Instance, new Complex[] { 1, 1, 1 });
        // The phase error of the weakest element contracts by ≈ 1/(1 + μ|b_n|/2) ≈ 0.95 per step; the value gain at
        // phase error e is ≈ |b|e²/2, which hits double rounding (1e-15·f) near e ≈ 1e-7, so assert 1e-6 on φ.
        for (int i = 0; i < b.Length; i++) Assert.Equal(0, Complex.Abs(r.BestX[i] - b[i] / Complex.Abs(b[i])), 1e-6);
        Assert.Equal(b.Sum(z => Complex.Abs(z)), r.BestValue, 12);
    }

    private sealed class LinearPhase(Complex[] b) : IComplexObjective
    {
        public double Evaluate(ReadOnlySpan<Complex> x) { double s = 0; for (int i = 0; i < b.Length; i++) s += (Complex.Conjugate(b[i]) * x[i]).Real; return s; }
        public void Gradient(ReadOnlySpan<Complex> x, Span<Complex> g) { for (int i = 0; i < b.Length; i++) g[i] = b[i] / 2; }
    }

    [Fact]
    public void InPlace_MatchesAllocatingOverload_AndDoesNotAllocate()
    {
        double[] d = [1, 2, 5, 10], a = [1, -2, 0.5, 3];
        var f = new DiagonalQuadratic(d, a);
        var pgd = new ProjectedGradient(new ProjectedGradientOptions { MaxIterations = 30 });
        var proj = new FrobeniusBallProjection(3);
        var r = pgd.Maximize(f, proj, new double[4]);
        var x = new double[4];
        var ws = new double[ProjectedGradient.WorkspaceLength(4)];
        pgd.MaximizeInPlace(new DiagonalQuadratic(d, a), proj, x, ws); // warm-up (JIT)
        var f2 = new NoRecordQuadratic(d, a);
        Array.Clear(x);
        pgd.MaximizeInPlace(f2, proj, x, ws);
        var s = default(SolveSummary);
        Assert.Equal(0, AllocationWindows.Quietest(() => { Array.Clear(x); s = pgd.MaximizeInPlace(f2, proj, x, ws); }));
        Assert.Equal(r.BestX, x);
        Assert.Equal(r.BestValue, s.BestValue);
        Assert.Equal(r.Evaluations, s.Evaluations);
    }

    private sealed class NoRecordQuadratic(double[] d, double[] a) : IObjective
    {
        public double Evaluate(ReadOnlySpan<double> x) { double s = 0; for (int i = 0; i < x.Length; i++) s -= d[i] * (x[i] - a[i]) * (x[i] - a[i]); return s; }
        public bool HasGradient => true;
        public void Gradient(ReadOnlySpan<double> x, Span<double> g) { for (int i = 0; i < x.Length; i++) g[i] = -2 * d[i] * (x[i] - a[i]); }
    }

    [Fact]
    public void Validation_NamesTheParameter()
    {
        Assert.Equal("BacktrackFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectedGradientOptions { BacktrackFactor = 1 }).ParamName);
        Assert.Equal("ArmijoConstant", Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectedGradientOptions { ArmijoConstant = double.NaN }).ParamName);
        Assert.Equal("RelativeTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectedGradientOptions { RelativeTolerance = -1 }).ParamName);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectedGradientOptions { MaxIterations = -1 }).ParamName);
        Assert.Equal("InitialStepScale", Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectedGradientOptions { InitialStepScale = 0 }).ParamName);
        Assert.Equal("MinStepRatio", Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectedGradientOptions { MinStepRatio = 0 }).ParamName);
        var pgd = new ProjectedGradient(new ProjectedGradientOptions());
        Assert.Equal("workspace", Assert.Throws<ArgumentOutOfRangeException>(() =>
            pgd.MaximizeInPlace(new TestFunctions.Sphere(), null, new double[3], new double[5])).ParamName);
        Assert.Throws<ArgumentException>(() => pgd.Maximize(new TestFunctions.Rastrigin(), null, new double[2])); // no gradient
    }
}
