using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>An autoregressive token policy π_θ(o_t | prompt, o_&lt;t) whose next-token logits depend on (prompt, position, previous token).</summary>
public interface ITokenPolicy : IDisposable
{
    /// <summary>Next-token logits [N, V] (float64) for N contexts.</summary>
    /// <param name="prompts">Prompt ids.</param>
    /// <param name="positions">Token positions.</param>
    /// <param name="previous">Previous tokens (−1 at position 0).</param>
    Tensor Logits(ReadOnlySpan<int> prompts, ReadOnlySpan<int> positions, ReadOnlySpan<int> previous);

    /// <summary>The trainable parameters.</summary>
    IReadOnlyList<Parameter> Parameters { get; }
}
