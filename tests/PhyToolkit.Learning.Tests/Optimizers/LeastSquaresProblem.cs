using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

/// <summary>Generated least-squares problem f(W, b) = mean‖X Wᵀ + b − Y‖² with Y = X W*ᵀ + b*, float64.</summary>
internal sealed class LeastSquaresProblem : IDisposable
{
    public readonly Tensor X, Y;
    public readonly Parameter W, B;

    public LeastSquaresProblem(long seed, int n = 128, int inDim = 16, int outDim = 8)
    {
        var gen = TorchTest.Gen(seed);
        X = torch.randn(new long[] { n, inDim }, dtype: ScalarType.Float64, generator: gen).DetachFromDisposeScope();
        var wStar = torch.randn(new long[] { outDim, inDim }, dtype: ScalarType.Float64, generator: gen) / Math.Sqrt(inDim);
        var bStar = torch.randn(new long[] { outDim }, dtype: ScalarType.Float64, generator: gen);
        Y = (X.matmul(wStar.t()) + bStar).DetachFromDisposeScope();
        W = TorchTest.Param(torch.zeros(outDim, inDim, dtype: ScalarType.Float64));
        B = TorchTest.Param(torch.zeros(outDim, dtype: ScalarType.Float64));
    }

    public IEnumerable<Parameter> Parameters => new[] { W, B };

    public IEnumerable<(string, Parameter)> NamedParameters => new[] { ("weight", W), ("bias", B) };

    public Tensor Loss() => (X.matmul(W.t()) + B - Y).square().mean();

    public double LossValue()
    {
        using var scope = torch.NewDisposeScope();
        using var ng = torch.no_grad();
        return Loss().item<double>();
    }

    /// <summary>Closure: zero the gradients, compute the loss, back-propagate.</summary>
    public Tensor Closure()
    {
        W.grad?.zero_();
        B.grad?.zero_();
        var l = Loss();
        l.backward();
        return l;
    }

    public double TrainSteps(torch.optim.Optimizer opt, int steps)
    {
        for (int t = 0; t < steps; t++)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            Loss().backward();
            opt.step();
        }
        return LossValue();
    }

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
        W.Dispose();
        B.Dispose();
    }
}
