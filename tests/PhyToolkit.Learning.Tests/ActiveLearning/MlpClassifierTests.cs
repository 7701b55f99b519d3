using PhyToolkit.Core.Random;
using PhyToolkit.Learning.ActiveLearning;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.ActiveLearning;

/// <summary>
/// The SAMOSA models: SAM spec unit tests 1 (applied gradient on a quadratic, here around the momentum/weight-decay SGD the
/// loop uses) and 2 (ρ = 0 is the base optimiser bit for bit, here through the whole training loop, so SAMOSA's score is 0),
/// a finite-difference check of the training loss gradient, and learning on a generated task.
/// </summary>
public class MlpClassifierTests
{
    private static (double[] X, int[] Y) Blobs(int n, int d, int classes, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new double[n * d];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (int t = 0; t < d; t++) x[i * d + t] = (t == y[i] ? 2.0 : 0.0) + rng.NextGaussian();
        }
        return (x, y);
    }

    [Fact]
    public void SamAroundMomentumSgd_AppliesTheGradientAtThePerturbedPoint_OnAQuadratic()
    {
        // L(w) = ½wᵀAw, A = diag(1..6). Base: SGD η, μ, λ. Step 1: d₁ = A(w₀ + ρ·Aw₀/‖Aw₀‖) + λw₀, b₁ = d₁, w₁ = w₀ − ηb₁.
        // Step 2: d₂ = A(w₁ + ρ·Aw₁/‖Aw₁‖) + λw₁, b₂ = μb₁ + d₂, w₂ = w₁ − ηb₂. Float64; 1e-12 relative covers a few roundings.
        torch.set_num_threads(1);
        const double eta = 0.05, mu = 0.9, lambda = 5e-4, rho = 0.3;
        double[] a = [1, 2, 3, 4, 5, 6], w0 = [0.3, -1.2, 0.7, 0.05, -0.4, 1.1];
        using var scope = torch.NewDisposeScope();
        var at = torch.tensor(a, ScalarType.Float64);
        var p = new TorchSharp.Modules.Parameter(torch.tensor(w0, ScalarType.Float64), requires_grad: true);
        using var sgd = new Sgd([p], eta, mu, lambda);
        using var sam = new Sam(sgd, rho);
        Tensor Closure() { var l = at.mul(p).mul(p).sum().mul(0.5); l.backward(); return l; }
        sam.step(Closure);
        sam.step(Closure);

        double[] D(double[] w)
        {
            var g = w.Select((v, i) => a[i] * v).ToArray();
            double norm = Math.Sqrt(g.Sum(v => v * v));
            return w.Select((v, i) => a[i] * (v + rho * g[i] / norm) + lambda * v).ToArray();
        }
        var b1 = D(w0);
        var w1 = w0.Select((v, i) => v - eta * b1[i]).ToArray();
        var d2 = D(w1);
        var b2 = b1.Select((v, i) => mu * v + d2[i]).ToArray();
        var w2 = w1.Select((v, i) => v - eta * b2[i]).ToArray();
        var got = p.detach().data<double>().ToArray();
        for (int i = 0; i < 6; i++) Assert.Equal(w2[i], got[i], 12);
    }

    [Fact]
    public void MomentumSgd_MatchesTorchSgdWithMomentumAndWeightDecay()
    {
        torch.set_num_threads(1);
        using var scope = torch.NewDisposeScope();
        var gen = new Generator(17);
        var x = torch.randn([16, 3], dtype: ScalarType.Float64, generator: gen);
        var y = torch.randn([16, 1], dtype: ScalarType.Float64, generator: gen);
        var w = torch.randn([1, 3], dtype: ScalarType.Float64, generator: gen);
        var ours = new TorchSharp.Modules.Parameter(w.clone(), requires_grad: true);
        var theirs = new TorchSharp.Modules.Parameter(w.clone(), requires_grad: true);
        using var a = new Sgd([ours], 0.05, 0.9, 5e-4);
        using var b = torch.optim.SGD([theirs], 0.05, momentum: 0.9, weight_decay: 5e-4);
        for (int t = 0; t < 10; t++)
        {
            a.zero_grad(); x.matmul(ours.t()).sub(y).square().mean().backward(); a.step();
            b.zero_grad(); x.matmul(theirs.t()).sub(y).square().mean().backward(); b.step();
        }
        // Same update formula (torch.optim.SGD, dampening 0); 1e-14 relative allows a different but equivalent operation order.
        var d = ours.detach().sub(theirs.detach()).abs().max().item<double>();
        Assert.True(d <= 1e-14 * theirs.detach().abs().max().item<double>(), $"max |diff| {d}");
        Assert.True(ours.detach().sub(w).abs().max().item<double>() > 1e-3);   // the weights moved
    }

    [Fact]
    public void SamWithRhoZero_TrainsTheSameNetworkAsSgd_SoTheSamosaScoreIsZero()
    {
        var (x, y) = Blobs(120, 5, 3, 1);
        var idx = Enumerable.Range(0, 120).ToArray();
        var opts = new ClassifierTrainingOptions { Epochs = 3, BatchSize = 32, HiddenUnits = 16 };
        using var sgd = new MlpClassifier(5, 3, 16, 42);
        using var sam = new MlpClassifier(5, 3, 16, 42);
        long p1 = sgd.Train(x, y, idx, opts, null, 7);
        long p2 = sam.Train(x, y, idx, opts, 0.0, 7);
        Assert.Equal(3 * 120, p1);
        Assert.Equal(2 * p1, p2);   // SAM evaluates the loss twice per step
        var pa = sgd.Probabilities(x);
        var pb = sam.Probabilities(x);
        Assert.Equal(pa, pb);        // bit for bit
        for (int i = 0; i < 120; i++) Assert.Equal(0.0, SamosaScore.Disagreement(pa.AsSpan(i * 3, 3), pb.AsSpan(i * 3, 3)));
        // With ρ > 0 the networks differ, so the score is positive somewhere.
        using var sam2 = new MlpClassifier(5, 3, 16, 42);
        sam2.Train(x, y, idx, opts, 0.05, 7);
        var pc = sam2.Probabilities(x);
        Assert.Contains(Enumerable.Range(0, 120), i => SamosaScore.Disagreement(pa.AsSpan(i * 3, 3), pc.AsSpan(i * 3, 3)) > 0);
    }

    [Fact]
    public void LossGradient_MatchesCentralFiniteDifferences()
    {
        // Cross-entropy of the float64 MLP: autograd vs (L(θ + h) − L(θ − h))/2h on 12 coordinates of every layer; h = 1e-5 gives
        // truncation O(h²·L''') ≈ 1e-10 and rounding ≈ 1e-16/h ≈ 1e-11, so 1e-7 (abs + rel) has a wide margin.
        torch.set_num_threads(1);
        var (x, y) = Blobs(20, 4, 3, 3);
        using var model = new MlpClassifier(4, 3, 8, 5);
        using var scope = torch.NewDisposeScope();
        var xt = torch.tensor(x, [20, 4], ScalarType.Float64);
        var yt = torch.tensor(y.Select(v => (long)v).ToArray(), [20], ScalarType.Int64);
        double Loss() { using var ng = torch.no_grad(); return nn.functional.cross_entropy(model.Forward(xt), yt).item<double>(); }
        foreach (var p in model.Parameters) p.grad?.zero_();
        nn.functional.cross_entropy(model.Forward(xt), yt).backward();
        var rng = new Xoshiro256StarStar(8);
        const double h = 1e-5;
        foreach (var p in model.Parameters)
        {
            var flat = p.detach().view(-1);
            var g = p.grad!.view(-1);
            for (int c = 0; c < 2; c++)
            {
                long j = rng.NextInt((int)flat.shape[0]);
                double v0 = flat[j].item<double>();
                using (torch.no_grad()) flat[j] = v0 + h;
                double lp = Loss();
                using (torch.no_grad()) flat[j] = v0 - h;
                double lm = Loss();
                using (torch.no_grad()) flat[j] = v0;
                double fd = (lp - lm) / (2 * h), ad = g[j].item<double>();
                Assert.True(Math.Abs(fd - ad) <= 1e-7 * (1 + Math.Abs(ad)), $"coordinate {j}: autograd {ad}, finite difference {fd}");
            }
        }
    }

    [Fact]
    public void Training_LearnsASeparableTask_AndIsReproducible()
    {
        var (x, y) = Blobs(300, 6, 3, 11);
        var idx = Enumerable.Range(0, 300).ToArray();
        var opts = new ClassifierTrainingOptions { Epochs = 10, HiddenUnits = 16 };
        using var m1 = new MlpClassifier(6, 3, 16, 1);
        double before = m1.Accuracy(x, y);
        m1.Train(x, y, idx, opts, 0.05, 2);
        double after = m1.Accuracy(x, y);
        // Class means 2 apart per axis with unit noise: the Bayes accuracy is ≈ 0.8; chance is 1/3.
        Assert.True(after > 0.7 && after > before + 0.2, $"accuracy {before} → {after}");
        using var m2 = new MlpClassifier(6, 3, 16, 1);
        m2.Train(x, y, idx, opts, 0.05, 2);
        Assert.Equal(m1.Logits(x), m2.Logits(x));
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        using var m = new MlpClassifier(2, 2, 4, 1);
        double[] x = [0, 1, 1, 0];
        Assert.Throws<ArgumentException>(() => m.Train(x, [0, 2], [0, 1], new ClassifierTrainingOptions(), null, 1));
        Assert.Throws<ArgumentException>(() => m.Train(x, [0], [0, 1], new ClassifierTrainingOptions(), null, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Train(x, [0, 1], [0, 1], new ClassifierTrainingOptions { Epochs = 0 }, null, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Train(x, [0, 1], [0, 1], new ClassifierTrainingOptions(), -0.1, 1));
    }
}
