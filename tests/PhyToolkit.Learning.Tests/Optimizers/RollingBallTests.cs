using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class RollingBallTests
{
    private const int D = 4;

    // L(θ) = ½ θᵀAθ + bᵀθ with a fixed SPD A
    private static readonly double[,] A = { { 3, 1, 0, 0.5 }, { 1, 2, 0.3, 0 }, { 0, 0.3, 1.5, 0.2 }, { 0.5, 0, 0.2, 1 } };
    private static readonly double[] Bv = { 0.4, -0.2, 0.1, 0.7 };

    private static (double f, double[] g) ValueAndGrad(double[] x)
    {
        var g = new double[D];
        double f = 0;
        for (int i = 0; i < D; i++)
        {
            for (int j = 0; j < D; j++) g[i] += A[i, j] * x[j];
            f += 0.5 * x[i] * g[i] + Bv[i] * x[i];
            g[i] += Bv[i];
        }
        return (f, g);
    }

    /// <summary>docs/optim-rolling-ball.md written out on arrays: the defining update.</summary>
    private static double[] ReferenceStep(double[] theta, double eta, double rho, double s, int k)
    {
        var (f, g) = ValueAndGrad(theta);
        double gsq = g.Sum(v => v * v), nrm = Math.Sqrt(gsq + 1);
        var cx = new double[D];
        for (int i = 0; i < D; i++) cx[i] = theta[i] + rho * (-g[i] / nrm) - eta * g[i];   // c = (θ,f) + ρn, c′ = c − η(g, ‖g‖²)
        double cy = f + rho / nrm - eta * gsq;
        var x = (double[])theta.Clone();
        for (int it = 0; it < k; it++)
        {
            var (fx, gx) = ValueAndGrad(x);
            var nx = new double[D];
            for (int i = 0; i < D; i++) nx[i] = x[i] - s * ((x[i] - cx[i]) + gx[i] * (fx - cy));
            x = nx;
        }
        return x;
    }

    private static Tensor Loss(Parameter p, Tensor a, Tensor b) => 0.5 * p.dot(a.matmul(p)) + b.dot(p);

    [Fact]
    public void Step_MatchesDefiningUpdate_OnQuadratic()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(A, dtype: ScalarType.Float64);
        var b = torch.tensor(Bv, dtype: ScalarType.Float64);
        double[] theta = { 1.0, -0.5, 0.8, 0.3 };
        var p = TorchTest.Param(torch.tensor(theta, dtype: ScalarType.Float64));
        using var opt = new RollingBall(new[] { p }, lr: 0.05, radius: 0.3, projectionStep: 0.05, projectionSteps: 7);
        for (int step = 0; step < 3; step++)
        {
            opt.step(() => { var l = Loss(p, a, b); l.backward(); return l; });
            theta = ReferenceStep(theta, 0.05, 0.3, 0.05, 7);
            var got = TorchTest.ToArray(p);
            for (int i = 0; i < D; i++) Assert.Equal(theta[i], got[i], 12); // float64, ~100 flops per coordinate
        }
        Assert.Equal(3 * 8, opt.GradientEvaluations); // K + 1 closure calls per step
        Assert.True(opt.LastUpdateNorm > 0);
    }

    [Fact]
    public void TinyRadius_AndManyProjections_RecoversGradientDescentToFirstOrder()
    {
        // ρ → 0: the foot point of c′ = (θ − ηg, f − η‖g‖²) is θ − ηg + O(η²) (docs/optim-rolling-ball.md/R0.1); with η = 1e-3
        // the O(η²) term is ~1e-3 of the step, so compare at 1e-2 relative to the step length.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(A, dtype: ScalarType.Float64);
        var b = torch.tensor(Bv, dtype: ScalarType.Float64);
        double[] theta = { 1.0, -0.5, 0.8, 0.3 };
        var p = TorchTest.Param(torch.tensor(theta, dtype: ScalarType.Float64));
        double eta = 1e-3;
        using var opt = new RollingBall(new[] { p }, lr: eta, radius: 1e-8, projectionStep: 0.1, projectionSteps: 200);
        opt.step(() => { var l = Loss(p, a, b); l.backward(); return l; });
        var (_, g) = ValueAndGrad(theta);
        var got = TorchTest.ToArray(p);
        double err = 0, stepLen = 0;
        for (int i = 0; i < D; i++)
        {
            err += Math.Pow(got[i] - (theta[i] - eta * g[i]), 2);
            stepLen += Math.Pow(eta * g[i], 2);
        }
        Assert.True(Math.Sqrt(err / stepLen) < 1e-2, $"relative deviation {Math.Sqrt(err / stepLen)}");
    }

    [Fact]
    public void GuardRails()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.ones(3, dtype: ScalarType.Float64));
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => new RollingBall(new[] { p }, radius: -1)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => new RollingBall(new[] { p }, lr: -1)).ParamName);
        Assert.Equal("projectionSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new RollingBall(new[] { p }, projectionSteps: 0)).ParamName);
        using var opt = new RollingBall(new[] { ("w", p) });
        Assert.Throws<ArgumentNullException>(() => opt.step());
        // gradient turns NaN during the projection (sqrt of a negative after the first move): restored to θ
        int calls = 0;
        var ex = Assert.Throws<NonFiniteGradientException>(() => opt.step(() =>
        {
            var l = calls++ == 0 ? p.sum() : (p - 2).sqrt().sum();
            l.backward();
            return l;
        }));
        Assert.Equal("w", ex.ParameterName);
        Assert.Equal(new double[] { 1, 1, 1 }, TorchTest.ToArray(p));
    }
}
