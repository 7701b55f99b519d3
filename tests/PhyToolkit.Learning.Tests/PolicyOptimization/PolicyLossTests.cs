using PhyToolkit.Learning.PolicyOptimization;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.PolicyOptimization;

/// <summary>DCPO unit tests 3 and 4 (loss aggregation; REINFORCE limit) and the clipping branches (docs/dcpo.md).</summary>
public class PolicyLossTests
{
    private static readonly PolicyOptimConfig[] Methods = [PolicyOptimConfig.Grpo(), PolicyOptimConfig.Dapo(), PolicyOptimConfig.Gspo(), PolicyOptimConfig.Dcpo()];

    /// <summary>d loss / d log π per token at r ≡ 1 for two responses of lengths 2 and 4 with advantages 1 and 2.</summary>
    private static double[] TokenGradient(PolicyOptimConfig config)
    {
        TorchRuntime.EnsureLoaded(1);
        using var scope = NewDisposeScope();
        var lp = torch.tensor(new double[] { -1.2, -0.3, 0, 0, -0.7, -2.0, -0.1, -1.5 }, [2, 4], ScalarType.Float64).requires_grad_(true);
        var mask = torch.tensor(new double[] { 1, 1, 0, 0, 1, 1, 1, 1 }, [2, 4], ScalarType.Float64);
        var adv = torch.tensor(new double[] { 1, 2 }, ScalarType.Float64);
        using var res = PolicyLoss.Compute(lp, lp.detach(), adv, mask, config);
        res.Loss.backward();
        return lp.grad!.data<double>().ToArray();
    }

    [Fact]
    public void OnlyTokenMeanWeighsTheLongerBetterResponseTwiceAsMuch()
    {
        // Unit test 3. At r = 1 both surrogate branches have gradient −Â per token, so d loss/d log π_{j,t} = −Â_j·w_j with the
        // aggregation weight w_j: OTM 1/N, token-mean 1/Σ|o|, sequence-mean-token-mean 1/(N|o_j|). Exact up to rounding (1e-14).
        var dcpo = TokenGradient(PolicyOptimConfig.Dcpo());
        Assert.Equal(-0.5, dcpo[0], 14);
        Assert.Equal(-0.5, dcpo[1], 14);
        for (int t = 4; t < 8; t++) Assert.Equal(-1.0, dcpo[t], 14);
        Assert.Equal(2.0, dcpo[4] / dcpo[0], 14);
        Assert.Equal(0, dcpo[2]);
        Assert.Equal(0, dcpo[3]);

        // GRPO: 1/(2·2) vs 2/(2·4): the better response's tokens weigh the same as the worse one's, i.e. half of OTM's ratio.
        var grpo = TokenGradient(PolicyOptimConfig.Grpo());
        Assert.Equal(-0.25, grpo[0], 14);
        Assert.Equal(-0.25, grpo[4], 14);
        // DAPO token mean: 1/6 and 2/6, the same ordering as OTM with a different constant.
        var dapo = TokenGradient(PolicyOptimConfig.Dapo());
        Assert.Equal(-1.0 / 6, dapo[0], 14);
        Assert.Equal(-2.0 / 6, dapo[4], 14);
        // GSPO: ∂s_j/∂ log π_{j,t} = s_j/|o_j| at s = 1, mean over responses: the same weights as GRPO.
        var gspo = TokenGradient(PolicyOptimConfig.Gspo());
        for (int t = 0; t < 8; t++) Assert.Equal(grpo[t], gspo[t], 14);
    }

    [Fact]
    public void AtRatioOneWithVanishingEpsilonEveryLossIsReinforceWithBaseline()
    {
        // Unit test 4: with ε_low = ε_high → 0 and r ≡ 1 every loss's gradient equals −Σ_j Σ_t w_j Â_j ∇ log π(o_{j,t}) with
        // its normalisation w_j; with equal lengths all are the same REINFORCE-with-baseline direction up to a constant.
        TorchRuntime.EnsureLoaded(1);
        using var scope = NewDisposeScope();
        var gen = new Generator(7);
        const int n = 4, t = 3, v = 5;
        var logits0 = torch.randn([n * t, v], dtype: ScalarType.Float64, generator: gen);
        long[] tokens = [0, 3, 1, 4, 4, 2, 1, 0, 3, 2, 2, 1];
        using var tok = torch.tensor(tokens, ScalarType.Int64).unsqueeze(1);
        var adv = torch.tensor(new double[] { 1.3, -0.4, -1.1, 0.2 }, ScalarType.Float64);
        var mask = torch.ones([n, t], ScalarType.Float64);

        Tensor Grad(Func<Tensor, Tensor> loss)
        {
            var w = logits0.clone().requires_grad_(true);
            loss(nn.functional.log_softmax(w, 1).gather(1, tok).reshape(n, t)).backward();
            return w.grad!.clone();
        }

        var reinforce = Grad(lp => lp.sum(1).mul(adv).sum().neg());
        const double eps = 1e-9;
        (PolicyOptimConfig Config, double Scale)[] cases =
        [
            (PolicyOptimConfig.Grpo(eps), 1.0 / (n * t)),
            (PolicyOptimConfig.Dapo(eps, eps), 1.0 / (n * t)),
            (PolicyOptimConfig.Gspo(eps), 1.0 / (n * t)),
            (PolicyOptimConfig.Dcpo(eps, eps), 1.0 / n),
        ];
        foreach (var (config, scale) in cases)
        {
            var g = Grad(lp => PolicyLoss.Compute(lp, lp.detach(), adv, mask, config).Loss);
            using Scalar s = scale, one = 1;   // explicit scalars (an implicit temporary can be finalised while libtorch reads it)
            var expected = reinforce.mul(s);
            double err = g.add(expected.neg(), one).abs().max().item<double>(), size = expected.abs().max().item<double>();
            Assert.True(err <= 1e-12 * size, $"{config.Name}: max error {err} vs size {size}");
        }
    }

    private static (double Loss, double Grad, double Clipped) One(PolicyOptimConfig config, double ratio, double advantage, double oldProb)
    {
        TorchRuntime.EnsureLoaded(1);
        using var scope = NewDisposeScope();
        var old = torch.tensor(new[] { Math.Log(oldProb) }, [1, 1], ScalarType.Float64);
        var lp = torch.tensor(new[] { Math.Log(oldProb * ratio) }, [1, 1], ScalarType.Float64).requires_grad_(true);
        using var res = PolicyLoss.Compute(lp, old, torch.tensor(new[] { advantage }, ScalarType.Float64), torch.ones([1, 1], ScalarType.Float64), config);
        res.Loss.backward();
        return (res.Loss.item<double>(), lp.grad!.item<double>(), res.ClippedTokens);
    }

    [Fact]
    public void ClippedBranchStopsTheGradientAndIsCounted()
    {
        // Fixed ε = 0.2, Â = 1, r = 1.5: loss = max(−1.5, −1.2) = −1.2 (clipped, no gradient).
        var a = One(PolicyOptimConfig.Grpo(), 1.5, 1, 0.5);
        Assert.Equal(-1.2, a.Loss, 12);
        Assert.Equal(0, a.Grad);
        Assert.Equal(1, a.Clipped);
        // Â = −1, r = 0.5: max(0.5, 0.8) = 0.8 (clipped); r = 1.5 with Â = −1 is not clipped (gradient −Â·r·… = 1.5).
        var b = One(PolicyOptimConfig.Grpo(), 0.5, -1, 0.5);
        Assert.Equal(0.8, b.Loss, 12);
        Assert.Equal(1, b.Clipped);
        var c = One(PolicyOptimConfig.Grpo(), 1.5, -1, 0.5);
        Assert.Equal(1.5, c.Loss, 12);
        Assert.Equal(1.5, c.Grad, 12);
        Assert.Equal(0, c.Clipped);
    }

    [Fact]
    public void DynamicClippingLetsARareTokenMoveFurther()
    {
        // q = 0.01: DAC allows r up to 5 (GRPO 1.2); r = 3 with Â = 1 is unclipped under DCPO, clipped under GRPO.
        var dcpo = One(PolicyOptimConfig.Dcpo(), 3, 1, 0.01);
        Assert.Equal(0, dcpo.Clipped);
        Assert.Equal(-3, dcpo.Loss, 12);
        Assert.Equal(-3, dcpo.Grad, 12);
        Assert.Equal(1, One(PolicyOptimConfig.Grpo(), 3, 1, 0.01).Clipped);
        // q = 0.9: DAC's upper bound 1.1872 is tighter than GRPO's 1.2.
        var tight = One(PolicyOptimConfig.Dcpo(), 1.195, 1, 0.9);
        Assert.Equal(1, tight.Clipped);
        Assert.Equal(-DynamicClip.Bounds(0.9).Upper, tight.Loss, 12);
        Assert.Equal(0, One(PolicyOptimConfig.Grpo(), 1.195, 1, 0.9).Clipped);
    }

    [Fact]
    public void DualClipCapsTheLossOfNegativeAdvantages()
    {
        // DCPO preset: c = 3. Â = −1, q = 0.001 (upper bound capped at 10), r = 8: max(8, 8) = 8 > c·|Â| = 3 → loss 3, no gradient.
        var d = One(PolicyOptimConfig.Dcpo(), 8, -1, 0.001);
        Assert.Equal(3, d.Loss, 12);
        Assert.Equal(0, d.Grad);
    }

    [Fact]
    public void SequenceRatioIsTheGeometricMeanOfTokenRatios()
    {
        TorchRuntime.EnsureLoaded(1);
        using var scope = NewDisposeScope();
        var old = torch.tensor(new double[] { -1, -2, -0.5 }, [1, 3], ScalarType.Float64);
        var lp = torch.tensor(new double[] { -0.95, -2.1, -0.45 }, [1, 3], ScalarType.Float64);
        using var res = PolicyLoss.Compute(lp, old, torch.tensor(new double[] { 0.7 }, ScalarType.Float64), torch.ones([1, 3], ScalarType.Float64), PolicyOptimConfig.Gspo());
        double s = Math.Exp((0.05 - 0.1 + 0.05) / 3);
        Assert.Equal(-0.7 * s, res.Loss.item<double>(), 14);
        Assert.All(res.Ratio.data<double>().ToArray(), r => Assert.Equal(s, r, 14));
    }

    [Fact]
    public void BadShapesAndSettingsAreRejected()
    {
        TorchRuntime.EnsureLoaded(1);
        using var scope = NewDisposeScope();
        var lp = torch.zeros([2, 3], ScalarType.Float64);
        Assert.Throws<ArgumentException>(() => PolicyLoss.Compute(lp, lp, torch.zeros([3], ScalarType.Float64), torch.ones([2, 3], ScalarType.Float64), PolicyOptimConfig.Grpo()));
        Assert.Throws<ArgumentException>(() => PolicyLoss.Compute(lp, lp, torch.zeros([2], ScalarType.Float64), torch.zeros([2, 3], ScalarType.Float64), PolicyOptimConfig.Grpo()));
        Assert.Equal("EpsLow", Assert.Throws<ArgumentOutOfRangeException>(() => PolicyOptimConfig.Grpo(0).Validate()).ParamName);
        Assert.Equal("NumGenerations", Assert.Throws<ArgumentOutOfRangeException>(() => (PolicyOptimConfig.Dcpo() with { NumGenerations = 1 }).Validate()).ParamName);
    }
}
