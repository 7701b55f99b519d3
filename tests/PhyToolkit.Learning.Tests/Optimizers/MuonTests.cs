using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class MuonTests
{
    private const double Beta = 0.95;

    [Fact]
    public void Step_TallDiagonalMatrix_MatchesHandComputedUpdate_OverTwoSteps()
    {
        // For a 3×2 "diagonal" U = [[u1,0],[0,u2],[0,0]], NS5 maps u_i ↦ sign(u_i)·p⁵(|u_i|/(‖U‖_F + 1e-7)) exactly,
        // and Muon scales by sqrt(max(1, 3/2)). Momentum (lerp form) and Nesterov are then plain scalar recurrences.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        double lr = 0.1;
        var w0 = new double[,] { { 1.0, 0.0 }, { 0.0, -1.0 }, { 0.0, 0.0 } };
        var p = TorchTest.Param(torch.tensor(w0, dtype: ScalarType.Float64));
        using var opt = new Muon(new[] { p }, lr: lr, momentum: Beta, nesterov: true);

        double[][] grads = { new[] { 3.0, 4.0 }, new[] { 1.0, -2.0 } };
        double[] buf = { 0, 0 };
        double[] w = { 1.0, -1.0 };
        double scale = Math.Sqrt(1.5);
        foreach (var g in grads)
        {
            TorchTest.SetGrad(p, torch.tensor(new double[,] { { g[0], 0 }, { 0, g[1] }, { 0, 0 } }, dtype: ScalarType.Float64));
            opt.step();
            var u = new double[2];
            for (int i = 0; i < 2; i++)
            {
                buf[i] = Beta * buf[i] + (1 - Beta) * g[i];
                u[i] = (1 - Beta) * g[i] + Beta * buf[i];
            }
            double norm = Math.Sqrt(u[0] * u[0] + u[1] * u[1]) + 1e-7;
            for (int i = 0; i < 2; i++) w[i] -= lr * scale * Math.Sign(u[i]) * NewtonSchulz.SingularValueMap(Math.Abs(u[i]) / norm);
        }
        var got = p.detach();
        Assert.Equal(w[0], got[0, 0].item<double>(), 12); // float64 arithmetic, a handful of ops: 1e-12 absolute
        Assert.Equal(w[1], got[1, 1].item<double>(), 12);
        Assert.Equal(0.0, TorchTest.MaxAbs(got[2]), 14);
        Assert.Equal(0.0, got[0, 1].item<double>(), 14);
    }

    [Fact]
    public void LerpMomentum_GivesTheSameUpdatesAsTorchSumFormMomentum()
    {
        // torch.optim.Muon: B ← μB + g, U = g + μB (Nesterov). Its U is (1−μ)⁻¹ times ours, and NS5 normalises the scale
        // away (docs/optim-adago.md, R0.2); only NS's ε = 1e-7 against ‖U‖_F ≈ 1–10 breaks exact equality, so 1e-6 relative.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var gen = TorchTest.Gen(13);
        var p = TorchTest.Param(torch.zeros(6, 4, dtype: ScalarType.Float64));
        double lr = 0.03;
        using var opt = new Muon(new[] { p }, lr: lr, momentum: Beta, nesterov: true);
        var bSum = torch.zeros(6, 4, dtype: ScalarType.Float64);
        for (int t = 0; t < 10; t++)
        {
            var g = torch.randn(new long[] { 6, 4 }, dtype: ScalarType.Float64, generator: gen);
            var before = p.detach().clone();
            TorchTest.SetGrad(p, g);
            opt.step();
            bSum = bSum * Beta + g;
            var expected = NewtonSchulz.Orthogonalize(g + bSum * Beta) * (-lr * Math.Sqrt(6.0 / 4.0));
            Assert.True(TorchTest.RelErr(p.detach() - before, expected) < 1e-6);
        }
    }

    [Fact]
    public void Step_FourDimensionalKernel_EqualsStepOfItsFlattening()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var gen = TorchTest.Gen(11);
        var w = torch.randn(new long[] { 4, 2, 3, 3 }, dtype: ScalarType.Float64, generator: gen);
        var g = torch.randn(new long[] { 4, 2, 3, 3 }, dtype: ScalarType.Float64, generator: gen);
        var p4 = TorchTest.Param(w);
        var p2 = TorchTest.Param(w.reshape(4, 18));
        using var o4 = new Muon(new[] { p4 }, lr: 0.05);
        using var o2 = new Muon(new[] { p2 }, lr: 0.05);
        for (int t = 0; t < 3; t++)
        {
            TorchTest.SetGrad(p4, g * (t + 1));
            TorchTest.SetGrad(p2, (g * (t + 1)).reshape(4, 18));
            o4.step();
            o2.step();
        }
        Assert.True(TorchTest.MaxAbs(p4.detach().reshape(4, 18) - p2.detach()) < 1e-14); // same arithmetic on the same view
    }

    [Fact]
    public void Muon_DecreasesLeastSquaresLoss_AndUsesAdamForBias()
    {
        TorchTest.Init();
        using var prob = new LeastSquaresProblem(5);
        double f0 = prob.LossValue();
        using var opt = new Muon(prob.Parameters, lr: 0.02, adamLr: 0.05);
        Assert.Equal(2, opt.ParamGroups.Count());
        double f = prob.TrainSteps(opt, 150);
        // constant-lr Muon has a floor ∝ lr (docs/optim-adago.md); 150 steps of size ≈0.02 are ample to cut the loss 10×
        Assert.True(f < 0.1 * f0, $"loss {f0} -> {f}");
    }

    [Fact]
    public void LearningRateScheduler_ChangesTheStepLength()
    {
        // μ = 0 and a constant gradient: every Muon step is −lr·s·NS5(G), so consecutive steps scale like the lr.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(3, 5, dtype: ScalarType.Float64));
        var c = torch.randn(new long[] { 3, 5 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(2));
        using var opt = new Muon(new[] { p }, lr: 0.1, momentum: 0.0, nesterov: false);
        var sched = torch.optim.lr_scheduler.StepLR(opt, 1, 0.5);
        TorchTest.SetGrad(p, c);
        var before = p.detach().clone();
        opt.step();
        var d1 = p.detach() - before;
        sched.step();
        Assert.Equal(0.05, opt.ParamGroups.First().LearningRate, 15);
        TorchTest.SetGrad(p, c);
        before = p.detach().clone();
        opt.step();
        var d2 = p.detach() - before;
        Assert.True(TorchTest.RelErr(d2 * 2, d1) < 1e-12);
    }

    [Fact]
    public void StateDict_SaveAndLoad_ContinuesTheSameTrajectory()
    {
        TorchTest.Init();
        using var a = new LeastSquaresProblem(9);
        using var b = new LeastSquaresProblem(9);
        using var oa = new Muon(a.Parameters, lr: 0.02, adamLr: 0.01);
        a.TrainSteps(oa, 3);
        using (torch.no_grad())
        {
            b.W.copy_(a.W);
            b.B.copy_(a.B);
        }
        var ms = new MemoryStream();
        oa.save_state_dict(new BinaryWriter(ms));
        using var ob = new Muon(b.Parameters, lr: 0.02, adamLr: 0.01);
        ms.Position = 0;
        ob.load_state_dict(new BinaryReader(ms));
        a.TrainSteps(oa, 3);
        b.TrainSteps(ob, 3);
        Assert.True(TorchTest.MaxAbs(a.W - b.W) < 1e-15 && TorchTest.MaxAbs(a.B - b.B) < 1e-15); // same state, same arithmetic
    }

    [Fact]
    public void NonFiniteGradient_Throws_NamingTheParameter_AndLeavesWeightsUnchanged()
    {
        TorchTest.Init();
        using var prob = new LeastSquaresProblem(3);
        using var opt = new Muon(prob.NamedParameters);
        opt.zero_grad();
        prob.Loss().backward();
        using (torch.no_grad()) prob.B.grad![2] = double.NaN;
        var w = prob.W.detach().clone();
        var ex = Assert.Throws<NonFiniteGradientException>(() => opt.step());
        Assert.Equal("bias", ex.ParameterName);
        Assert.Contains("bias", ex.Message);
        Assert.Equal(0.0, TorchTest.MaxAbs(prob.W - w)); // the weight matrix was checked after, but never touched
    }

    [Theory]
    [InlineData(-0.1, 0.95, 5, "lr")]
    [InlineData(0.02, 1.0, 5, "momentum")]
    [InlineData(0.02, -0.1, 5, "momentum")]
    [InlineData(0.02, 0.95, 0, "nsSteps")]
    public void InvalidHyperParameters_ThrowAtConstruction(double lr, double momentum, int ns, string name)
    {
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(2, 2));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Muon(new[] { p }, lr: lr, momentum: momentum, nsSteps: ns));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void MuonGroup_RejectsVectors_AndGroupLrIsValidated()
    {
        using var scope = torch.NewDisposeScope();
        var v = TorchTest.Param(torch.zeros(4));
        Assert.Throws<ArgumentException>(() => new Muon(new[] { MuonParamGroup.Muon(new[] { v }) }));
        var m = TorchTest.Param(torch.zeros(2, 2));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Muon(new[] { MuonParamGroup.Muon(new[] { m }, lr: -1) }));
        Assert.Equal("lr", ex.ParamName);
    }
}
