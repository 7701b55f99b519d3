using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class ManagedAdamTests
{
    /// <summary>A 4→8→1 tanh MLP in float32 with parameters drawn from an explicit generator.</summary>
    private sealed class Mlp
    {
        public readonly Parameter W1, B1, W2, B2;

        public Mlp(long seed)
        {
            var gen = TorchTest.Gen(seed);
            W1 = TorchTest.Param(torch.randn(new long[] { 8, 4 }, generator: gen) * 0.5);
            B1 = TorchTest.Param(torch.randn(new long[] { 8 }, generator: gen) * 0.1);
            W2 = TorchTest.Param(torch.randn(new long[] { 1, 8 }, generator: gen) * 0.5);
            B2 = TorchTest.Param(torch.zeros(1));
        }

        public Parameter[] Parameters => new[] { W1, B1, W2, B2 };

        public Tensor Loss(Tensor x, Tensor y) => (torch.tanh(x.matmul(W1.t()) + B1).matmul(W2.t()) + B2 - y).square().mean();
    }

    private static void CompareTrajectories(Func<Parameter[], torch.optim.Optimizer> ours, Func<Parameter[], torch.optim.Optimizer> reference)
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var gen = TorchTest.Gen(99);
        var x = torch.randn(new long[] { 64, 4 }, generator: gen);
        var y = torch.sin(x.sum(1, keepdim: true));
        var a = new Mlp(5);
        var b = new Mlp(5);
        using var oa = ours(a.Parameters);
        using var ob = reference(b.Parameters);
        double firstLoss = double.NaN, lastLoss = double.NaN;
        for (int t = 0; t < 20; t++)
        {
            using var inner = torch.NewDisposeScope();
            oa.zero_grad();
            var la = a.Loss(x, y);
            la.backward();
            oa.step();
            ob.zero_grad();
            b.Loss(x, y).backward();
            ob.step();
            if (t == 0) firstLoss = la.item<float>();
            lastLoss = la.item<float>();
            for (int i = 0; i < 4; i++)
            {
                // same float32 operations in the same order: agreement far inside 1e-6 relative (the bar)
                double rel = TorchTest.RelErr(a.Parameters[i], b.Parameters[i]);
                Assert.True(rel < 1e-6, $"step {t}, parameter {i}: relative difference {rel}");
            }
        }
        Assert.True(lastLoss < firstLoss); // the trajectory being compared is a training trajectory
    }

    [Fact]
    public void ManagedAdam_ReproducesTorchSharpAdamTrajectory()
    {
        CompareTrajectories(
            ps => new ManagedAdam(ps, lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8),
            ps => torch.optim.Adam(ps, lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8)); // beta2 explicit: TorchSharp's factory defaults 0.99
    }

    [Fact]
    public void ManagedAdamW_ReproducesTorchSharpAdamWTrajectory()
    {
        CompareTrajectories(
            ps => new ManagedAdam(ps, lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05),
            ps => torch.optim.AdamW(ps, lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.05));
    }

    [Fact]
    public void MuonAuxiliaryAdamPath_ReproducesTorchSharpAdam()
    {
        // A model with only 1-D parameters: Muon puts them all in its AdamW group (β = (0.9, 0.95), ε = 1e-10 defaults).
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var gen = TorchTest.Gen(17);
        var target = torch.randn(new long[] { 10 }, generator: gen);
        var init = torch.randn(new long[] { 10 }, generator: gen);
        var pa = TorchTest.Param(init);
        var pb = TorchTest.Param(init);
        using var oa = new Muon(new[] { pa }, adamLr: 3e-2);
        using var ob = torch.optim.Adam(new[] { pb }, lr: 3e-2, beta1: 0.9, beta2: 0.95, eps: 1e-10);
        for (int t = 0; t < 20; t++)
        {
            using var inner = torch.NewDisposeScope();
            oa.zero_grad();
            (pa - target).pow(4).sum().backward();
            oa.step();
            ob.zero_grad();
            (pb - target).pow(4).sum().backward();
            ob.step();
            Assert.True(TorchTest.RelErr(pa, pb) < 1e-6);
        }
    }

    [Theory]
    [InlineData(-1e-3, 0.9, 0.999, "lr")]
    [InlineData(1e-3, 1.0, 0.999, "beta1")]
    [InlineData(1e-3, 0.9, -0.5, "beta2")]
    public void InvalidHyperParameters_ThrowAtConstruction(double lr, double beta1, double beta2, string name)
    {
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(3));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ManagedAdam(new[] { p }, lr, beta1, beta2));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void NanGradient_Throws_AndLeavesAllWeightsUnchanged()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var a = TorchTest.Param(torch.ones(3));
        var b = TorchTest.Param(torch.ones(3));
        using var opt = new ManagedAdam(new[] { ("a", a), ("b", b) }, lr: 0.1);
        (a.sum() + b.sum()).backward();
        using (torch.no_grad()) b.grad![1] = float.NaN;
        var ex = Assert.Throws<NonFiniteGradientException>(() => opt.step());
        Assert.Equal("b", ex.ParameterName);
        Assert.Equal(new double[] { 1, 1, 1 }, TorchTest.ToArray(a)); // 'a' comes first but the check precedes every update
    }
}
