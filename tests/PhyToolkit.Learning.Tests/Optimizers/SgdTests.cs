using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class SgdTests
{
    [Fact]
    public void Step_IsThetaMinusLrTimesGradient_OnQuadratic()
    {
        // f(w) = ½ wᵀAw with A = diag(1..5): ∇f = Aw, so one step gives w1 = w0 − η·A·w0 exactly (float64, one multiply-add per entry).
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(1, 6, dtype: ScalarType.Float64);
        var w0 = torch.randn(new long[] { 5 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(3));
        var w = TorchTest.Param(w0);
        const double lr = 0.1;
        using var opt = new Sgd([w], lr);
        var loss = opt.step(() => { var l = (a * w * w).sum() * 0.5; l.backward(); return l; });
        var expected = w0 - lr * a * w0;
        Assert.True(TorchTest.MaxAbs(w.detach() - expected) <= 1e-15, $"max |diff| {TorchTest.MaxAbs(w.detach() - expected)}");
        Assert.Equal((0.5 * (a * w0 * w0).sum()).item<double>(), loss.item<double>(), 14);   // the closure's loss at w0
    }

    [Fact]
    public void Trajectory_MatchesTorchSgdBitForBit()
    {
        // Same float32 operation (param.add_(grad, alpha: −η)) as torch.optim.SGD without momentum: identical parameters after 15 steps.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var gen = TorchTest.Gen(11);
        var x = torch.randn(new long[] { 32, 3 }, generator: gen);
        var y = torch.sin(x.sum(1, keepdim: true));
        var w1 = torch.randn(new long[] { 6, 3 }, generator: gen);
        var w2 = torch.randn(new long[] { 1, 6 }, generator: gen);
        Parameter[] ours = [TorchTest.Param(w1), TorchTest.Param(w2)], reference = [TorchTest.Param(w1), TorchTest.Param(w2)];
        Tensor Loss(Parameter[] p) => (torch.tanh(x.matmul(p[0].t())).matmul(p[1].t()) - y).square().mean();
        using var oa = new Sgd(ours, 0.05);
        using var ob = torch.optim.SGD(reference, 0.05);
        double first = double.NaN, last = double.NaN;
        for (int t = 0; t < 15; t++)
        {
            using var inner = torch.NewDisposeScope();
            oa.zero_grad();
            var l = Loss(ours);
            l.backward();
            oa.step();
            ob.zero_grad();
            Loss(reference).backward();
            ob.step();
            if (t == 0) first = l.item<float>();
            last = l.item<float>();
            for (int i = 0; i < 2; i++) Assert.Equal(0.0, TorchTest.MaxAbs(ours[i].detach() - reference[i].detach()));
        }
        Assert.True(last < first);   // a descending trajectory is being compared
    }

    [Fact]
    public void ParametersWithoutGradient_AreLeftUnchanged_AndLrZeroIsANoOp()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var used = TorchTest.Param(torch.ones(3));
        var unused = TorchTest.Param(torch.full(3, 2.0f));
        using var opt = new Sgd([used, unused], 0.5);
        opt.zero_grad();
        (used * used).sum().backward();   // ∇ = 2·used = 2
        opt.step();
        Assert.Equal(new[] { 0f, 0f, 0f }, used.detach().data<float>().ToArray());   // 1 − 0.5·2
        Assert.Equal(new[] { 2f, 2f, 2f }, unused.detach().data<float>().ToArray());
        var frozen = TorchTest.Param(torch.ones(2));
        using var zero = new Sgd([frozen], 0);
        (frozen * 3).sum().backward();
        zero.step();
        Assert.Equal(new[] { 1f, 1f }, frozen.detach().data<float>().ToArray());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadLearningRate_Throws(double lr)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([TorchTest.Param(torch.ones(1))], lr));
        Assert.Equal("lr", e.ParamName);
    }

    [Fact]
    public void NullParameters_Throws() => Assert.Throws<ArgumentNullException>(() => new Sgd(null!, 0.1));
}
