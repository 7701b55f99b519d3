using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class AdaGoTests
{
    [Fact]
    public void ConstantGradient_StepSizeFollowsAdaGradNorm_AndUpdateIsAlphaTimesOrthogonalDirection()
    {
        // μ = 0: M = G = C each step, O = NS5(C), α_t = η·min(‖C‖,γ)/sqrt(v0² + t·min(‖C‖,γ)²) (docs/optim-adago.md), width scale sqrt(4/3).
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var c = torch.randn(new long[] { 4, 3 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(21)) * 0.3;
        var p = TorchTest.Param(torch.zeros(4, 3, dtype: ScalarType.Float64));
        double eta = 0.1, gamma = 0.8, v0 = 1.0;
        using var opt = new AdaGo(new[] { p }, lr: eta, momentum: 0.0, gamma: gamma, minStepSize: 0.0, initialAccumulator: v0);
        double gNorm = c.norm().item<double>();
        double clamped = Math.Min(gNorm, gamma);
        var dir = NewtonSchulz.Orthogonalize(c) * Math.Sqrt(4.0 / 3.0);
        double sumAlpha = 0, prevV = v0;
        for (int t = 1; t <= 4; t++)
        {
            TorchTest.SetGrad(p, c);
            opt.step();
            double v = Math.Sqrt(v0 * v0 + t * clamped * clamped);
            double alpha = eta * clamped / v;
            Assert.Equal(alpha, opt.GetStepSize(p), 14);
            Assert.Equal(v, opt.GetAccumulator(p), 14);
            Assert.True(opt.GetAccumulator(p) >= prevV); // v_t is non-decreasing
            prevV = opt.GetAccumulator(p);
            sumAlpha += alpha;
        }
        Assert.True(TorchTest.MaxAbs(p.detach() + dir * sumAlpha) < 1e-14); // W_4 = −Σα_t·s·NS5(C)
    }

    [Fact]
    public void StepSizeFloor_IsApplied()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(2, 2, dtype: ScalarType.Float64));
        using var opt = new AdaGo(new[] { p }, lr: 1e-3, minStepSize: 0.25);
        TorchTest.SetGrad(p, torch.eye(2, dtype: ScalarType.Float64));
        opt.step();
        Assert.Equal(0.25, opt.GetStepSize(p)); // η·min(‖G‖,γ)/v = 1e-3·1/√2 < 0.25, so the floor wins
    }

    [Fact]
    public void AdaGo_DecreasesLeastSquaresLoss()
    {
        TorchTest.Init();
        using var prob = new LeastSquaresProblem(5);
        double f0 = prob.LossValue();
        using var opt = new AdaGo(prob.NamedParameters, lr: 0.1, adamLr: 0.05);
        double f = prob.TrainSteps(opt, 150);
        Assert.True(f < 0.1 * f0, $"loss {f0} -> {f}"); // same budget and target as the Muon test
    }

    [Fact]
    public void StateDict_RoundTripsTheAccumulator()
    {
        TorchTest.Init();
        using var a = new LeastSquaresProblem(4);
        using var b = new LeastSquaresProblem(4);
        using var oa = new AdaGo(a.Parameters);
        a.TrainSteps(oa, 4);
        using (torch.no_grad())
        {
            b.W.copy_(a.W);
            b.B.copy_(a.B);
        }
        using var ob = new AdaGo(b.Parameters);
        var ms = new MemoryStream();
        oa.save_state_dict(new BinaryWriter(ms));
        ms.Position = 0;
        ob.load_state_dict(new BinaryReader(ms));
        Assert.Equal(oa.GetAccumulator(a.W), ob.GetAccumulator(b.W));
        a.TrainSteps(oa, 2);
        b.TrainSteps(ob, 2);
        Assert.True(TorchTest.MaxAbs(a.W - b.W) < 1e-15);
    }

    [Theory]
    [InlineData(-1.0, 0.95, 1.0, 1.0, "lr")]
    [InlineData(0.1, 1.5, 1.0, 1.0, "momentum")]
    [InlineData(0.1, 0.95, 0.0, 1.0, "gamma")]
    [InlineData(0.1, 0.95, 1.0, 0.0, "initialAccumulator")]
    public void InvalidHyperParameters_ThrowAtConstruction(double lr, double momentum, double gamma, double v0, string name)
    {
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(2, 2));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGo(new[] { p }, lr: lr, momentum: momentum, gamma: gamma, initialAccumulator: v0));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void InfGradient_Throws_NamingTheParameter()
    {
        TorchTest.Init();
        using var prob = new LeastSquaresProblem(3);
        using var opt = new AdaGo(prob.NamedParameters);
        opt.zero_grad();
        prob.Loss().backward();
        using (torch.no_grad()) prob.W.grad![0, 0] = double.PositiveInfinity;
        var ex = Assert.Throws<NonFiniteGradientException>(() => opt.step());
        Assert.Equal("weight", ex.ParameterName);
    }
}
