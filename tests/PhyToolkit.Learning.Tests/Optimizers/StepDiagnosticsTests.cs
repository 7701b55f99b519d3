using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

/// <summary>The per-step α_t (AdaGO) and ‖ΔW‖_F (Muon, AdaGO) diagnostics and their opt-in histories.</summary>
public class StepDiagnosticsTests
{
    [Fact]
    public void AdaGo_History_IsNonIncreasingWhileClamped_AboveTheFloor_AndMatchesTheWeightChange()
    {
        // ‖G_t‖ = ‖C‖ > γ every step, so α_t = η·γ/sqrt(v0² + tγ²) strictly decreases (docs/optim-adago.md) and v_t grows.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var c = torch.randn(new long[] { 6, 4 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(5));
        var p = TorchTest.Param(torch.randn(new long[] { 6, 4 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(6)));
        double eta = 0.3, gamma = 0.5, eps = 1e-3;
        using var opt = new AdaGo(new[] { p }, lr: eta, gamma: gamma, minStepSize: eps, weightDecay: 0.1) { RecordHistory = true };
        Assert.True(c.norm().item<double>() > gamma);
        double prevV = opt.GetAccumulator(p);
        for (int t = 1; t <= 20; t++)
        {
            var before = p.detach().clone();
            TorchTest.SetGrad(p, c);
            opt.step();
            double v = opt.GetAccumulator(p);
            Assert.True(v >= prevV);                                                   // v_t non-decreasing
            Assert.Equal(Math.Sqrt(1 + t * gamma * gamma), v, 12);                     // v_t² = v0² + t·γ² (clamped)
            prevV = v;
            Assert.Equal(Math.Max(eps, eta * gamma / v), opt.GetStepSize(p), 14);
            // ‖ΔW‖_F reported = ‖W_t − W_{t−1}‖_F measured (decay term included); float64 round-off of a 6×4 update: 1e-12 relative
            double measured = (p.detach() - before).norm().item<double>();
            Assert.Equal(measured, opt.GetUpdateNorm(p), measured * 1e-12);
        }
        var alphas = opt.GetStepSizeHistory(p);
        Assert.Equal(20, alphas.Count);
        Assert.Equal(opt.GetStepSize(p), alphas[^1]);
        for (int t = 1; t < alphas.Count; t++) Assert.True(alphas[t] < alphas[t - 1], $"t = {t}");
        Assert.All(alphas, a => Assert.True(a >= eps));
        Assert.Equal(20, opt.GetUpdateNormHistory(p).Count);
        Assert.Equal(opt.GetUpdateNorm(p), opt.GetUpdateNormHistory(p)[^1]);
    }

    [Fact]
    public void AdaGo_StepSizeNeverFallsBelowTheFloor()
    {
        // Tiny gradients: η·‖G‖/v ≈ 1e-9 ≪ ε = 1e-4, so every α_t equals ε exactly.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(3, 5, dtype: ScalarType.Float64));
        using var opt = new AdaGo(new[] { p }, lr: 0.1, minStepSize: 1e-4) { RecordHistory = true };
        var gen = TorchTest.Gen(8);
        for (int t = 0; t < 10; t++)
        {
            TorchTest.SetGrad(p, torch.randn(new long[] { 3, 5 }, dtype: ScalarType.Float64, generator: gen) * 1e-8);
            opt.step();
        }
        Assert.All(opt.GetStepSizeHistory(p), a => Assert.Equal(1e-4, a));
    }

    [Fact]
    public void Muon_UpdateNorm_MatchesTheWeightChange_AndHasFixedSpectralSize()
    {
        // Two very different gradient scales give the same step size: NS5 normalises, so ‖ΔW‖₂ ≈ lr·s·max σ' with
        // σ' ∈ [0.68, 1.21] (5 NS steps on a non-degenerate matrix; NewtonSchulzTests) and s = sqrt(8/5) for an 8×5 matrix.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(8, 5, dtype: ScalarType.Float64));
        double lr = 0.02, s = Math.Sqrt(8.0 / 5.0);
        using var opt = new Muon(new[] { p }, lr: lr, momentum: 0.0);
        Assert.Equal(0.0, opt.GetUpdateNorm(p));
        Assert.Empty(opt.GetUpdateNormHistory(p));                                     // recording is off by default
        opt.RecordHistory = true;
        var gen = TorchTest.Gen(9);
        foreach (double scale in new[] { 1e-3, 1e3 })
        {
            var before = p.detach().clone();
            TorchTest.SetGrad(p, torch.randn(new long[] { 8, 5 }, dtype: ScalarType.Float64, generator: gen) * scale);
            opt.step();
            var delta = p.detach() - before;
            double fro = delta.norm().item<double>();
            Assert.Equal(fro, opt.GetUpdateNorm(p), fro * 1e-12);
            double spectral = torch.linalg.matrix_norm(delta, ord: 2).item<double>();
            Assert.InRange(spectral / (lr * s), 0.68, 1.21);
        }
        Assert.Equal(2, opt.GetUpdateNormHistory(p).Count);
        opt.RecordHistory = false;
        Assert.Empty(opt.GetUpdateNormHistory(p));
    }

    [Fact]
    public void Diagnostics_RejectParametersOutsideTheMatrixGroups()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var w = TorchTest.Param(torch.zeros(3, 3));
        var b = TorchTest.Param(torch.zeros(3));
        var stranger = TorchTest.Param(torch.zeros(3, 3));
        using var muon = new Muon(new[] { w, b });
        Assert.Throws<ArgumentException>(() => muon.GetUpdateNorm(b));                 // bias lives in the AdamW group
        Assert.Throws<ArgumentException>(() => muon.GetUpdateNorm(stranger));
        using var ada = new AdaGo(new[] { TorchTest.Param(torch.zeros(3, 3)), b });
        Assert.Throws<ArgumentException>(() => ada.GetStepSizeHistory(b));
    }

    [Fact]
    public void NonContiguousParameter_TakesTheSameStepAsItsContiguousCopy()
    {
        // A transposed-storage 8×5 parameter (e.g. a channels-last kernel) must get the same update as a contiguous one:
        // identical arithmetic except the final add into strided memory, so agreement to 1e-14 (float64).
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var w0 = torch.randn(new long[] { 8, 5 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(12));
        var strided = new TorchSharp.Modules.Parameter(w0.t().contiguous().t(), requires_grad: true);
        Assert.False(strided.is_contiguous());
        var dense = TorchTest.Param(w0);
        using var a = new Muon(new[] { strided }, weightDecay: 0.1);
        using var b = new Muon(new[] { dense }, weightDecay: 0.1);
        var gen = TorchTest.Gen(13);
        for (int t = 0; t < 3; t++)
        {
            var g = torch.randn(new long[] { 8, 5 }, dtype: ScalarType.Float64, generator: gen);
            TorchTest.SetGrad(strided, g);
            TorchTest.SetGrad(dense, g);
            a.step();
            b.step();
        }
        Assert.True(TorchTest.MaxAbs(strided.detach() - dense.detach()) < 1e-14);
        Assert.Equal(b.GetUpdateNorm(dense), a.GetUpdateNorm(strided), 1e-14);
    }

    [Fact]
    public void FloatAndDoubleNewtonSchulzPaths_Agree()
    {
        // float32 runs the fused addmm_ α/β path, float64 the exact-coefficient path: same map to float32 round-off
        // (15 GEMMs of size 48 with |entries| ≤ ~1.2: observed ~1e-6; bound 1e-4).
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(new long[] { 48, 20 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(11));
        var o64 = NewtonSchulz.Orthogonalize(x);
        var o32 = NewtonSchulz.Orthogonalize(x.to_type(ScalarType.Float32)).to_type(ScalarType.Float64);
        Assert.True(TorchTest.MaxAbs(o64 - o32) < 1e-4, $"{TorchTest.MaxAbs(o64 - o32)}");
    }
}
