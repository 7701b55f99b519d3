using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// A policy whose logits are a trainable base policy's logits plus a fixed (non-trainable) offset per (prompt, position):
/// logits = base(context) + offset[prompt, position]. Used to give the MLP policy a chosen prior, e.g. the log-uniform prior on
/// q(correct) of the rare-token study ([Proposed]), while keeping the MLP's shared-parameter training dynamics.
/// </summary>
public sealed class PriorOffsetTokenPolicy : ITokenPolicy
{
    private readonly ITokenPolicy _base;
    private readonly Tensor _offset;
    private readonly int _positions;

    /// <summary>Creates the policy; it owns <paramref name="basePolicy"/> and disposes it.</summary>
    /// <param name="basePolicy">The trainable policy.</param>
    /// <param name="offsets">P·L·V finite logit offsets laid out [prompt, position, token].</param>
    /// <param name="prompts">Number of prompts P ≥ 1.</param>
    /// <param name="positions">Number of positions L ≥ 1.</param>
    /// <param name="vocabulary">Vocabulary size V ≥ 2.</param>
    public PriorOffsetTokenPolicy(ITokenPolicy basePolicy, double[] offsets, int prompts, int positions, int vocabulary)
    {
        ArgumentNullException.ThrowIfNull(basePolicy);
        ArgumentNullException.ThrowIfNull(offsets);
        Guard.AtLeast(prompts, 1, nameof(prompts));
        Guard.AtLeast(positions, 1, nameof(positions));
        Guard.AtLeast(vocabulary, 2, nameof(vocabulary));
        Guard.Length(offsets.Length, prompts * positions * vocabulary, nameof(offsets));
        foreach (double v in offsets) Guard.Finite(v, nameof(offsets));
        _base = basePolicy;
        _positions = positions;
        _offset = torch.tensor(offsets, [prompts * positions, vocabulary], ScalarType.Float64);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _base.Parameters;

    /// <inheritdoc/>
    public Tensor Logits(ReadOnlySpan<int> prompts, ReadOnlySpan<int> positions, ReadOnlySpan<int> previous)
    {
        var rows = new long[prompts.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = (long)prompts[i] * _positions + positions[i];
        using var scope = NewDisposeScope();
        using var index = torch.tensor(rows, ScalarType.Int64);
        using Scalar one = 1;   // explicit alpha: an implicit temporary Scalar can be finalised while libtorch reads it (TorchSharp 0.107)
        return _base.Logits(prompts, positions, previous).add(_offset.index_select(0, index), one).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _base.Dispose();
        _offset.Dispose();
    }
}
