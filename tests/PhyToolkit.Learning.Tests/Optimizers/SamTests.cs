using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class SamTests
{
    private static (Tensor a, Tensor w0) Quadratic(long seed, int d = 6)
    {
        var gen = TorchTest.Gen(seed);
        var m = torch.randn(new long[] { d, d }, dtype: ScalarType.Float64, generator: gen);
        var a = m.matmul(m.t()) + torch.eye(d, dtype: ScalarType.Float64);   // SPD
        var w0 = torch.randn(new long[] { d }, dtype: ScalarType.Float64, generator: gen);
        return (a, w0);
    }

    [Fact]
    public void Step_AppliesExactGradientAtPerturbedPoint_OnQuadratic()
    {
        // f(w) = ½ wᵀAw, ∇f = Aw. SAM's applied gradient must be A(w + ρ·Aw/‖Aw‖) (docs/optim-sam.md R0.1, to 1e-10).
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var (a, w0) = Quadratic(31);
        var p = TorchTest.Param(w0);
        double lr = 0.5, rho = 0.3;
        using var sgd = torch.optim.SGD(new[] { p }, lr);
        using var sam = new Sam(sgd, rho);
        var loss = sam.step(() =>
        {
            var l = 0.5 * p.dot(a.matmul(p));
            l.backward();
            return l;
        });
        var g = a.matmul(w0);
        var expected = a.matmul(w0 + rho * g / g.norm());
        var applied = (w0 - p.detach()) / lr;
        Assert.True(TorchTest.RelErr(applied, expected) < 1e-10, $"rel {TorchTest.RelErr(applied, expected)}");
        Assert.Equal(0.5 * w0.dot(a.matmul(w0)).item<double>(), loss.item<double>(), 12); // returns the pass-1 loss at w
    }

    [Fact]
    public void RhoZero_EqualsBaseOptimizerBitForBit()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var (a, w0) = Quadratic(8);
        var p = TorchTest.Param(w0);
        var q = TorchTest.Param(w0);
        using var adamP = torch.optim.Adam(new[] { p }, lr: 0.05, beta2: 0.999);
        using var adamQ = torch.optim.Adam(new[] { q }, lr: 0.05, beta2: 0.999);
        using var sam = new Sam(adamP, rho: 0.0);
        for (int t = 0; t < 5; t++)
        {
            sam.step(() => { var l = 0.5 * p.dot(a.matmul(p)); l.backward(); return l; });
            adamQ.zero_grad();
            (0.5 * q.dot(a.matmul(q))).backward();
            adamQ.step();
        }
        Assert.Equal(TorchTest.ToArray(q), TorchTest.ToArray(p));
    }

    [Fact]
    public void SchedulerReachesBaseGroups_AndGuardRails()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.ones(3, dtype: ScalarType.Float64));
        using var sgd = torch.optim.SGD(new[] { p }, 0.1);
        using var sam = new Sam(sgd);
        var sched = torch.optim.lr_scheduler.StepLR(sam, 1, 0.1);
        sched.step();
        Assert.Equal(0.01, sgd.ParamGroups.First().LearningRate, 15);

        Assert.Throws<ArgumentNullException>(() => sam.step());
        Assert.Throws<InvalidOperationException>(() => sam.SecondStep());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Sam(sgd, rho: -0.1));
        Assert.Equal("rho", ex.ParamName);

        // NaN in pass 2 only (loss non-smooth at the perturbed point): refused, weights restored to w
        int call = 0;
        var before = TorchTest.ToArray(p);
        Assert.Throws<NonFiniteGradientException>(() => sam.step(() =>
        {
            var l = call++ == 0 ? p.sum() : p.sqrt().sum() * double.NaN;
            l.backward();
            return l;
        }));
        Assert.Equal(before, TorchTest.ToArray(p));
    }
}
