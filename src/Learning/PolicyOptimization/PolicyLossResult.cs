using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>The aggregated surrogate loss of one batch and its clipping statistics.</summary>
/// <param name="Loss">Scalar loss ℓ = −J to minimise (keeps the graph to the new log-probabilities).</param>
/// <param name="ClippedTokens">Number of response tokens on which the clipped branch is active (verl pg_clipfrac numerator).</param>
/// <param name="Tokens">Number of response tokens (mask sum).</param>
/// <param name="Ratio">Detached ratio per token [N, T] (GSPO: the sequence ratio broadcast over the response's tokens).</param>
public sealed record PolicyLossResult(Tensor Loss, double ClippedTokens, double Tokens, Tensor Ratio) : IDisposable
{
    /// <summary>Token clipping ratio = clipped tokens / tokens.</summary>
    public double ClipFraction => Tokens > 0 ? ClippedTokens / Tokens : 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        Loss.Dispose();
        Ratio.Dispose();
    }
}
