using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class RollingBallStepperTests
{
    /// <summary>L(θ) = ½θᵀAθ + bᵀθ with A = tridiag(−0.3, 1 + 0.1·i, −0.3) (SPD by diagonal dominance, eigenvalues in [0.4, 2.5]).</summary>
    private sealed class Quadratic(int d, double bScale)
    {
        public readonly double[,] A = Build(d);
        public readonly double[] B = Enumerable.Range(0, d).Select(i => bScale * Math.Sin(i + 1)).ToArray();

        private static double[,] Build(int d)
        {
            var a = new double[d, d];
            for (int i = 0; i < d; i++)
            {
                a[i, i] = 1 + 0.1 * i;
                if (i > 0) a[i, i - 1] = a[i - 1, i] = -0.3;
            }
            return a;
        }

        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double ax = 0;
                for (int j = 0; j < x.Length; j++) ax += A[i, j] * x[j];
                f += 0.5 * x[i] * ax + B[i] * x[i];
                g[i] = ax + B[i];
            }
            return f;
        }
    }

    [Fact]
    public void Step_EqualsTheTorchSharpRollingBall()
    {
        // Two implementations of the same equations (docs/optim-rolling-ball.md) in float64: agree to ~1e-13 after 3 steps of ~10³ flops.
        var q = new Quadratic(4, 0.5);
        double[] theta = { 1.0, -0.5, 0.8, 0.3 };
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.tensor(theta, dtype: ScalarType.Float64));
        var a = torch.tensor(q.A, dtype: ScalarType.Float64);
        var b = torch.tensor(q.B, dtype: ScalarType.Float64);
        using var opt = new RollingBall(new[] { p }, lr: 0.05, radius: 0.3, projectionStep: 0.05, projectionSteps: 7);
        var stepper = new RollingBallStepper(4, lr: 0.05, radius: 0.3, projectionStep: 0.05, projectionSteps: 7);
        for (int step = 0; step < 3; step++)
        {
            opt.step(() => { var l = 0.5 * p.dot(a.matmul(p)) + b.dot(p); l.backward(); return l; });
            stepper.Step(theta, q.ValueAndGradient);
            var got = TorchTest.ToArray(p);
            for (int i = 0; i < 4; i++) Assert.Equal(got[i], theta[i], 12);
        }
        Assert.Equal(opt.GradientEvaluations, stepper.GradientEvaluations);   // K + 1 per step in both
        Assert.Equal(opt.LastUpdateNorm, stepper.LastUpdateNorm, 12);
    }

    [Fact]
    public void TinyRadius_MatchesTheGradientDescentStep_SpecR0Test1()
    {
        // Spec R0.1: d = 10 quadratic, ρ = 1e-8, K = 50, s = 0.1: one step equals θ − η∇L to 1e-5 relative error. The deviation is
        // the O(η²) curvature term of the foot point (≈ η²·gᵀAg·‖g‖/(1 + ‖g‖²) ≈ 1e-6 here) plus the projection's contraction error.
        var q = new Quadratic(10, 0.2);
        var theta = Enumerable.Range(0, 10).Select(i => 0.3 * Math.Cos(i)).ToArray();
        var g = new double[10];
        q.ValueAndGradient(theta, g);
        const double eta = 1e-3;
        var gd = theta.Select((t, i) => t - eta * g[i]).ToArray();
        var stepper = new RollingBallStepper(10, lr: eta, radius: 1e-8, projectionStep: 0.1, projectionSteps: 50);
        stepper.Step(theta, q.ValueAndGradient);
        double err = Math.Sqrt(theta.Select((t, i) => (t - gd[i]) * (t - gd[i])).Sum()), norm = Math.Sqrt(gd.Sum(v => v * v));
        Assert.True(err / norm < 1e-5, $"relative error {err / norm}");
    }

    [Fact]
    public void Centre_IsAtDistanceRho_AlongTheNormal_SpecR0Test3()
    {
        // Spec R0.3: ‖c − (θ, L(θ))‖ = ρ and c − (θ, L(θ)) ⟂ (e_i, ∂_iL) for every i (exact up to round-off ~1e-15).
        var q = new Quadratic(5, 1.0);
        var theta = new[] { 0.7, -1.2, 0.4, 2.0, -0.3 };
        var g = new double[5];
        double f = q.ValueAndGradient(theta, g);
        const double rho = 0.37;
        var stepper = new RollingBallStepper(5, lr: 0.01, radius: rho, projectionStep: 0.01, projectionSteps: 1);
        var start = (double[])theta.Clone();
        stepper.Step(theta, q.ValueAndGradient);
        var c = stepper.LastCenter;
        var diff = new double[6];
        for (int i = 0; i < 5; i++) diff[i] = c[i] - start[i];
        diff[5] = c[5] - f;
        Assert.Equal(rho, Math.Sqrt(diff.Sum(v => v * v)), 14);
        for (int i = 0; i < 5; i++) Assert.True(Math.Abs(diff[i] + g[i] * diff[5]) < 1e-14, $"tangent {i}");
    }

    [Fact]
    public void ConvergedProjection_IsTheFootPointOfTheMovedCentre_SpecR0Test2()
    {
        // Spec R0.2 in the form the step uses it: with many small projection steps the result p satisfies the foot-point condition
        // c′ − (p, L(p)) ∥ n(p), i.e. (c′_x − p) + ∇L(p)(c′_y − L(p)) = 0, and ‖c′ − (p, L(p))‖ ≈ ρ (c′ is a tangent move of c, so its
        // distance to the graph differs from ρ only at O(η²)). Converged to 1e-9 after K = 2000 steps of s = 0.05.
        var q = new Quadratic(3, 0.5);
        var theta = new[] { 0.5, -0.4, 1.1 };
        var g = new double[3];
        double f = q.ValueAndGradient(theta, g);
        double eta = 0.02, rho = 0.2, gsq = g.Sum(v => v * v), nrm = Math.Sqrt(gsq + 1);
        var cx = theta.Select((t, i) => t - rho * g[i] / nrm - eta * g[i]).ToArray();
        double cy = f + rho / nrm - eta * gsq;
        var stepper = new RollingBallStepper(3, eta, rho, 0.05, 2000);
        stepper.Step(theta, q.ValueAndGradient);
        var gp = new double[3];
        double fp = q.ValueAndGradient(theta, gp);
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs((cx[i] - theta[i]) + gp[i] * (cy - fp)) < 1e-9, $"foot-point condition {i}");
        Assert.True(stepper.LastProjectionResidual < 1e-9);
        double dist = Math.Sqrt(cx.Select((v, i) => (v - theta[i]) * (v - theta[i])).Sum() + (cy - fp) * (cy - fp));
        Assert.InRange(dist, 0.9 * rho, 1.1 * rho);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(5.0)]
    public void OneProjectionIteration_IsIndependentOfTheRadius(double rho)
    {
        // Derived from docs/optim-rolling-ball.md: ∇φ(θ) = (ρ/ν + η)g + g(η‖g‖² − ρ/ν) = η(1 + ‖g‖²)g with ν = √(‖g‖² + 1), so K = 1 gives
        // θ − s·η(1 + ‖g‖²)g whatever ρ is (equal up to the round-off of the ρ terms that cancel, ~1e-16 relative).
        var q = new Quadratic(3, 0.5);
        var theta = new[] { 0.5, -0.4, 1.1 };
        var g = new double[3];
        q.ValueAndGradient(theta, g);
        double eta = 0.1, s = 0.05, gsq = g.Sum(v => v * v);
        var expected = theta.Select((t, i) => t - s * eta * (1 + gsq) * g[i]).ToArray();
        new RollingBallStepper(3, eta, rho, s, 1).Step(theta, q.ValueAndGradient);
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], theta[i], 14);
    }

    [Fact]
    public void GuardRails()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RollingBallStepper(2, 0.1, -1, 0.01, 10));
        Assert.Equal("radius", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingBallStepper(0, 0.1, 0.1, 0.01, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingBallStepper(2, 0.1, 0.1, 0, 10));
        var stepper = new RollingBallStepper(2, 0.1, 0.1, 0.01, 3);
        Assert.Throws<ArgumentException>(() => stepper.Step(new double[3], (x, g) => 0));
        // A NaN during the projection restores θ.
        int calls = 0;
        var theta = new[] { 1.0, 2.0 };
        Assert.Throws<NonFiniteGradientException>(() => stepper.Step(theta, (x, g) => { g[0] = ++calls > 2 ? double.NaN : 1; g[1] = 0; return 0; }));
        Assert.Equal(new[] { 1.0, 2.0 }, theta);
    }
}
