using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class QuantizedOptimizerTests
{
    private static bool AllRepresentable(Tensor t, int m)
    {
        foreach (var x in TorchTest.ToArray(t))
            if (FloatQuant.Quantize(x, m) != x) return false;
        return true;
    }

    [Fact]
    public void QuantizedAdam_Bf16_MatchesHandWrittenReferenceLoop()
    {
        // Linear loss sum(c ∘ w): the gradient is exactly c. Reference: docs/optim-quantized.md written element by element in double.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        double[] c = { 0.3, -1.7, 2.9 };
        double[] w = { 0.5, 1.25, -0.8 };
        var p = TorchTest.Param(torch.tensor(w, dtype: ScalarType.Float64));
        var ct = torch.tensor(c, dtype: ScalarType.Float64);
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        using var opt = new QuantizedAdam(new[] { p }, QuantSpec.All(FloatFormat.MantissaOnly(7)), lr, b1, b2, eps);
        double[] m = new double[3], v = new double[3];
        for (int i = 0; i < 3; i++) w[i] = FloatQuant.Quantize(w[i], 7);   // stored quantised at construction
        for (int t = 1; t <= 10; t++)
        {
            TorchTest.SetGrad(p, ct * (1 + 0.1 * t));
            opt.step();
            for (int i = 0; i < 3; i++)
            {
                double g = FloatQuant.Quantize(c[i] * (1 + 0.1 * t), 7);
                m[i] = FloatQuant.Quantize(m[i] * b1 + (1 - b1) * g, 7);
                v[i] = FloatQuant.Quantize(v[i] * b2 + (1 - b2) * g * g, 7);
                double u = (m[i] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps);
                w[i] = FloatQuant.Quantize(w[i] - lr * u, 7);
            }
        }
        // both sides round to a 2^-8-relative grid; only a double-rounding difference at an exact tie could split them,
        // which the fixed data do not hit, so the weights agree exactly
        Assert.Equal(w, TorchTest.ToArray(p));
        Assert.True(AllRepresentable(p, 7));
    }

    [Fact]
    public void QuantizedAdam_SecondMomentAtBf16_StallsAndInflatesTheStep()
    {
        // docs/optim-quantized.md mechanism: v ← Q(β2 v + (1−β2) g²) stops growing once (1−β2)(g² − v) < 2^-8·v, i.e. near v ≈ 0.2 g²
        // for β2 = 0.999, so after 3000 steps at g = 1 the step |Δw|/lr = m̂/√v̂ is ≈ 2 instead of ≈ 1.
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        double Run(QuantSpec? spec)
        {
            var p = TorchTest.Param(torch.zeros(1, dtype: ScalarType.Float64));
            var one = torch.ones(1, dtype: ScalarType.Float64);
            using ManagedAdam opt = spec is null ? new ManagedAdam(new[] { p }, lr: 1e-3) : new QuantizedAdam(new[] { p }, spec, lr: 1e-3);
            TorchTest.SetGrad(p, one);   // constant gradient: set once, never zeroed
            double before = 0;
            for (int t = 0; t < 3000; t++)
            {
                before = p.item<double>();
                opt.step();
            }
            return Math.Abs(p.item<double>() - before) / 1e-3;
        }
        double full = Run(null);
        double frozen = Run(new QuantSpec { SecondMoment = FloatFormat.MantissaOnly(7) });
        Assert.Equal(1.0, full, 3);            // m̂ = 1, v̂ = 1 in exact arithmetic
        Assert.True(frozen > 1.5, $"{frozen}");
    }

    [Fact]
    public void QuantizedMuon_StoresRepresentableValues_AndStillDecreasesLoss()
    {
        TorchTest.Init();
        using var prob = new LeastSquaresProblem(5);
        double f0 = prob.LossValue();
        using var opt = new QuantizedMuon(prob.Parameters, QuantSpec.All(FloatFormat.Bf16), lr: 0.02, adamLr: 0.05);
        double f = prob.TrainSteps(opt, 150);
        Assert.True(f < 0.1 * f0, $"loss {f0} -> {f}");   // BF16 storage keeps Muon's progress (same target as the float64 test)
        Assert.True(AllRepresentable(prob.W, 7) && AllRepresentable(prob.B, 7));
    }

    [Fact]
    public void QuantizedMuon_Groups_At52Bits_MatchMuonWithTheSameGroups_AndRespectTheSplit()
    {
        // 52 mantissa bits round a double to itself, so the quantised optimiser must reproduce plain Muon bit for bit with the
        // same explicit groups (here the 2-D W on AdamW, as an output layer would be: the split is the caller's, not ≥ 2-D).
        TorchTest.Init();
        double[] Run(bool quantised, bool wOnMuon)
        {
            using var prob = new LeastSquaresProblem(7);
            MuonParamGroup[] groups = wOnMuon
                ? [MuonParamGroup.Muon([prob.W], lr: 0.02), MuonParamGroup.Adam([prob.B], lr: 0.05, beta2: 0.999)]
                : [MuonParamGroup.Adam([prob.W, prob.B], lr: 0.05, beta2: 0.999)];
            using optim.Optimizer opt = quantised
                ? new QuantizedMuon(groups, QuantSpec.All(FloatFormat.MantissaOnly(52)))
                : new Muon(groups);
            prob.TrainSteps(opt, 5);
            return [.. TorchTest.ToArray(prob.W), .. TorchTest.ToArray(prob.B)];
        }
        Assert.Equal(Run(false, false), Run(true, false));
        Assert.Equal(Run(false, true), Run(true, true));
        Assert.NotEqual(Run(true, false), Run(true, true));   // the group choice matters: W on AdamW is a different update
    }

    [Fact]
    public void QuantizedMuon_Groups_Bf16_StoresRepresentableWeights()
    {
        TorchTest.Init();
        using var prob = new LeastSquaresProblem(8);
        using var opt = new QuantizedMuon([MuonParamGroup.Muon([prob.W]), MuonParamGroup.Adam([prob.B], lr: 0.05)], QuantSpec.All(FloatFormat.Bf16));
        prob.TrainSteps(opt, 3);
        Assert.True(AllRepresentable(prob.W, 7) && AllRepresentable(prob.B, 7));   // Q_W applies to both groups
        Assert.Throws<ArgumentNullException>(() => new QuantizedMuon([MuonParamGroup.Muon([prob.W])], null!));
    }

    [Fact]
    public void StochasticRounding_IsReproducibleFromTheSeed()
    {
        TorchTest.Init();
        double[] Run(ulong seed)
        {
            using var prob = new LeastSquaresProblem(6);
            using var opt = new QuantizedMuon(prob.Parameters, QuantSpec.All(FloatFormat.MantissaOnly(4), FloatRounding.Stochastic, seed));
            prob.TrainSteps(opt, 5);
            return TorchTest.ToArray(prob.W);
        }
        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void GuardRails()
    {
        using var scope = torch.NewDisposeScope();
        var p = TorchTest.Param(torch.zeros(2, 2));
        Assert.Throws<ArgumentNullException>(() => new QuantizedAdam(new[] { p }, null!));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new QuantizedMuon(new[] { p }, QuantSpec.All(FloatFormat.Bf16), momentum: 1.0));
        Assert.Equal("momentum", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantSpec.All(FloatFormat.MantissaOnly(0)));
    }
}
