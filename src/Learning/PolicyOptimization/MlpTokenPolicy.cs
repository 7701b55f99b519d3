using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// A one-hidden-layer ReLU MLP policy over a task's one-hot features: features → H → V logits (float64, CPU), initialised
/// like PyTorch's <c>nn.Linear</c> (weights and biases U(−1/√fan_in, 1/√fan_in)) from an explicit generator.
/// </summary>
/// <remarks>Architecture from our reproduction plan ([Proposed]: 64 hidden units); ReLU is our choice.</remarks>
public sealed class MlpTokenPolicy : ITokenPolicy
{
    private readonly IVerifiableTokenTask _task;
    private readonly Parameter _w1, _b1, _w2, _b2;

    /// <summary>Creates the policy.</summary>
    /// <param name="task">The task that defines features and vocabulary.</param>
    /// <param name="hidden">Hidden width ≥ 1.</param>
    /// <param name="generator">Explicit generator for the initial weights.</param>
    public MlpTokenPolicy(IVerifiableTokenTask task, int hidden, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(generator);
        Guard.AtLeast(hidden, 1, nameof(hidden));
        Torch.TorchRuntime.EnsureLoaded();
        _task = task;
        _w1 = Init([hidden, task.FeatureCount], task.FeatureCount, generator);
        _b1 = Init([hidden], task.FeatureCount, generator);
        _w2 = Init([task.VocabularySize, hidden], hidden, generator);
        _b2 = Init([task.VocabularySize], hidden, generator);
        Parameters = [_w1, _b1, _w2, _b2];
    }

    private static Parameter Init(long[] shape, long fanIn, Generator g)
    {
        using var scope = NewDisposeScope();
        double bound = 1 / Math.Sqrt(fanIn);
        using Scalar width = 2 * bound, low = -bound, one = 1;
        var u = torch.rand(shape, dtype: ScalarType.Float64, generator: g).mul(width).add(low, one);
        return new Parameter(u.detach().clone().MoveToOuterDisposeScope(), requires_grad: true);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public Tensor Logits(ReadOnlySpan<int> prompts, ReadOnlySpan<int> positions, ReadOnlySpan<int> previous)
    {
        int n = prompts.Length, f = _task.FeatureCount;
        var x = new double[n * f];
        for (int i = 0; i < n; i++) _task.WriteFeatures(prompts[i], positions[i], previous[i], x.AsSpan(i * f, f));
        using var scope = NewDisposeScope();
        var input = torch.tensor(x, [n, f], ScalarType.Float64);
        using Scalar one = 1;   // explicit alpha: an implicit temporary Scalar can be finalised while libtorch reads it (TorchSharp 0.107)
        var h = nn.functional.relu(input.matmul(_w1.t()).add(_b1, one));
        return h.matmul(_w2.t()).add(_b2, one).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var p in Parameters) p.Dispose();
    }
}
