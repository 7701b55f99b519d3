using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Optimizers;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class ZerothOrderTests
{
    private const int D = 10;

    // f(x) = ½ Σ a_i x_i² + bᵀx, a_i = 10^(i/(D−1)) (condition 10)
    private static double A(int i) => Math.Pow(10, i / (double)(D - 1));

    private static double Quadratic(ReadOnlySpan<double> x)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++) f += 0.5 * A(i) * x[i] * x[i] + 0.1 * (i % 3 - 1) * x[i];
        return f;
    }

    private static double[] Gradient(double[] x)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++) g[i] = A(i) * x[i] + 0.1 * (i % 3 - 1);
        return g;
    }

    private static readonly double[] X0 = { 0.5, -0.3, 0.8, 0.1, -0.6, 0.2, 0.9, -0.4, 0.3, -0.7 };

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static IPerturbationSampler Make(string name) => name switch
    {
        "gaussian" => new GaussianPerturbation(D),
        "sphere" => new SpherePerturbation(D),
        "rademacher" => new RademacherPerturbation(D),
        "dap-sphere" => Oracle(new DirectionallyAlignedPerturbation(D, sphereComplement: true)),
        _ => Oracle(new DirectionallyAlignedPerturbation(D)),
    };

    private static DirectionallyAlignedPerturbation Oracle(DirectionallyAlignedPerturbation s)
    {
        s.SetDirection(Gradient(X0));
        return s;
    }

    public static TheoryData<string> Samplers => new() { "gaussian", "sphere", "rademacher", "dap", "dap-sphere" };

    [Theory]
    [MemberData(nameof(Samplers))]
    public void SecondMomentMatrix_IsIdentity(string name)
    {
        // E[uuᵀ] = I (δ-unbiasedness). n = 40000: SE of an entry ≤ sqrt(2/n) ≈ 0.007 (Gaussian diagonal, the worst case);
        // 0.04 is ~5.6 SE over 100 entries.
        var s = Make(name);
        var rng = new Xoshiro256StarStar(SeedMixer.Hash(name));
        var u = new double[D];
        var m = new double[D, D];
        const int n = 40000;
        for (int k = 0; k < n; k++)
        {
            s.Sample(ref rng, u);
            for (int i = 0; i < D; i++)
                for (int j = 0; j < D; j++) m[i, j] += u[i] * u[j] / n;
        }
        for (int i = 0; i < D; i++)
            for (int j = 0; j < D; j++) Assert.True(Math.Abs(m[i, j] - (i == j ? 1 : 0)) < 0.04, $"{name} [{i},{j}] = {m[i, j]}");
    }

    [Fact]
    public void Dap_IsAlignedAndFixedLength_ExactlyPerSample()
    {
        var dap = Oracle(new DirectionallyAlignedPerturbation(D, sphereComplement: true));
        var sphere = new SpherePerturbation(D);
        var rng = new Xoshiro256StarStar(9);
        var u = new double[D];
        for (int k = 0; k < 1000; k++)
        {
            dap.Sample(ref rng, u);
            Assert.Equal(1.0, Math.Abs(Dot(u, dap.Direction)), 12);   // |uᵀê| = 1 by construction
            Assert.Equal(D, Dot(u, u), 10);                           // DAP-sphere: ‖u‖² = 1 + (d − 1)
            sphere.Sample(ref rng, u);
            Assert.Equal(D, Dot(u, u), 10);
        }
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void CentralEstimate_OnQuadratic_IsExactlyDirectionalDerivativeTimesU(string name)
    {
        // central differences are exact for quadratics: g = (uᵀ∇f)·u up to round-off of f/δ (≈1e-16·|f|/δ ≈ 1e-11 at δ = 1e-4)
        var s = Make(name);
        var rng = new Xoshiro256StarStar(4);
        var copy = new Xoshiro256StarStar(4);
        var g = new double[D];
        var work = new double[2 * D];
        var u = new double[D];
        var grad = Gradient(X0);
        for (int k = 0; k < 20; k++)
        {
            int queries = TwoPointEstimator.Estimate(Quadratic, X0, 1e-4, s, ref rng, 1, true, g, work);
            Assert.Equal(2, queries);
            s.Sample(ref copy, u);                 // same stream: the same direction
            double dd = Dot(u, grad);
            for (int i = 0; i < D; i++) Assert.Equal(dd * u[i], g[i], 8);
        }
    }

    [Fact]
    public void OracleDap_HasZeroErrorAlongTheGradient_GaussianDoesNot()
    {
        var grad = Gradient(X0);
        double norm = Math.Sqrt(Dot(grad, grad));
        var unit = grad.Select(v => v / norm).ToArray();
        var g = new double[D];
        var work = new double[2 * D];
        var rng = new Xoshiro256StarStar(5);
        var dap = Make("dap");
        var gauss = Make("gaussian");
        double gaussSpread = 0;
        for (int k = 0; k < 200; k++)
        {
            TwoPointEstimator.Estimate(Quadratic, X0, 1e-4, dap, ref rng, 1, true, g, work);
            Assert.Equal(norm, Dot(g, unit), 7);                      // gᵀê = ‖∇f‖ exactly (docs/optim-zeroth-order.md)
            TwoPointEstimator.Estimate(Quadratic, X0, 1e-4, gauss, ref rng, 1, true, g, work);
            gaussSpread = Math.Max(gaussSpread, Math.Abs(Dot(g, unit) - norm));
        }
        Assert.True(gaussSpread > 0.1 * norm); // Gaussian: Var(gᵀê) = 2‖∇f‖², so 200 draws spread far beyond 10%
    }

    [Theory]
    [InlineData("gaussian", D + 2)]
    [InlineData("sphere", D)]
    [InlineData("dap-sphere", D)]
    public void NormalisedSecondMoment_MatchesTable(string name, double expected)
    {
        // E‖g‖²/‖∇f‖² (docs/optim-zeroth-order.md). n = 40000 single-direction draws: relative SE ≈ 0.7% (Gaussian, d = 10); test at 5%.
        var s = Make(name);
        var grad = Gradient(X0);
        double gg = Dot(grad, grad);
        var g = new double[D];
        var work = new double[2 * D];
        var rng = new Xoshiro256StarStar(6);
        double sum = 0;
        const int n = 40000;
        for (int k = 0; k < n; k++)
        {
            TwoPointEstimator.Estimate(Quadratic, X0, 1e-4, s, ref rng, 1, true, g, work);
            sum += Dot(g, g) / gg;
        }
        Assert.Equal(1.0, sum / n / expected, 0.05);
    }

    [Theory]
    [InlineData("sphere")]
    [InlineData("dap-ema")]
    public void ZerothOrderSgd_ConvergesOnQuadratic(string name)
    {
        // η·d·L = 0.005·10·10 = 0.5 keeps ZO-SGD stable; the noise is proportional to ‖∇f‖, so it converges linearly.
        IPerturbationSampler s = name == "sphere" ? new SpherePerturbation(D) : new DirectionallyAlignedPerturbation(D);
        var zo = new ZerothOrderSgd(X0, s, seed: 3, lr: 5e-3, delta: 1e-4);
        double fStar = 0;
        for (int i = 0; i < D; i++) fStar -= 0.5 * Math.Pow(0.1 * (i % 3 - 1), 2) / A(i);
        double gap0 = Quadratic(X0) - fStar;
        for (int t = 0; t < 3000; t++) zo.Step(Quadratic);
        Assert.True(Quadratic(zo.Position) - fStar < 1e-3 * gap0);
        Assert.Equal(6000, zo.Queries);
    }

    [Fact]
    public void GuardRails()
    {
        var s = new SpherePerturbation(D);
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => new ZerothOrderSgd(X0, s, 1, lr: -1)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new ZerothOrderSgd(X0, s, 1, delta: 0)).ParamName);
        Assert.Equal("directions", Assert.Throws<ArgumentOutOfRangeException>(() => new ZerothOrderSgd(X0, s, 1, directions: 0)).ParamName);
        Assert.Throws<ArgumentException>(() => new ZerothOrderSgd(X0, new SpherePerturbation(3), 1));
        Assert.Equal("directionEma", Assert.Throws<ArgumentOutOfRangeException>(() => new DirectionallyAlignedPerturbation(D, directionEma: 1)).ParamName);
        var zo = new ZerothOrderSgd(X0, s, 1);
        Assert.Throws<ArithmeticException>(() => zo.Step(_ => double.NaN));
        Assert.Equal(X0, zo.Position.ToArray()); // refused step leaves x unchanged
    }
}
