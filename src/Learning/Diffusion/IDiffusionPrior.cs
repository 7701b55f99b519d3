using PhyToolkit.Channels.Imaging;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// What the diffusion-prior solvers see of a trained model (docs/inverse-imaging.md, [proposal]): N
/// deterministic steps <c>g_i</c>, i = N..1, whose composition <c>G = g_1 ∘ … ∘ g_N</c> maps noise to an image.
/// Tensors are float32 of shape [B, n] (n = <c>Shape.Length</c>, a batch of flattened images on [-1, 1]).
/// </summary>
public interface IDiffusionPrior
{
    /// <summary>Image shape.</summary>
    ImageShape Shape { get; }

    /// <summary>N.</summary>
    int Steps { get; }

    /// <summary><c>g_i(x)</c>, i in [1, N]; one network call, differentiable in x.</summary>
    Tensor Step(int i, Tensor x);
}
