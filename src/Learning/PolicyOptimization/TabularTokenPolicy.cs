using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// A tabular policy: one trainable logit vector per (prompt, position), independent of the previous token. Used to start from a
/// chosen prior, e.g. the log-uniform prior q(correct) ∈ [1e-3, 0.5] of the rare-token study ([Proposed]).
/// </summary>
public sealed class TabularTokenPolicy : ITokenPolicy
{
    private readonly Parameter _table;
    private readonly int _positions;

    /// <summary>Creates the policy from initial logits laid out [prompt, position, token].</summary>
    /// <param name="initialLogits">P·L·V finite logits.</param>
    /// <param name="prompts">Number of prompts P ≥ 1.</param>
    /// <param name="positions">Number of positions L ≥ 1.</param>
    /// <param name="vocabulary">Vocabulary size V ≥ 2.</param>
    public TabularTokenPolicy(double[] initialLogits, int prompts, int positions, int vocabulary)
    {
        ArgumentNullException.ThrowIfNull(initialLogits);
        Guard.AtLeast(prompts, 1, nameof(prompts));
        Guard.AtLeast(positions, 1, nameof(positions));
        Guard.AtLeast(vocabulary, 2, nameof(vocabulary));
        Guard.Length(initialLogits.Length, prompts * positions * vocabulary, nameof(initialLogits));
        foreach (double v in initialLogits) Guard.Finite(v, nameof(initialLogits));
        Torch.TorchRuntime.EnsureLoaded();
        _positions = positions;
        _table = new Parameter(torch.tensor(initialLogits, [prompts * positions, vocabulary], ScalarType.Float64), requires_grad: true);
        Parameters = [_table];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public Tensor Logits(ReadOnlySpan<int> prompts, ReadOnlySpan<int> positions, ReadOnlySpan<int> previous)
    {
        var rows = new long[prompts.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = (long)prompts[i] * _positions + positions[i];
        using var index = torch.tensor(rows, ScalarType.Int64);
        return _table.index_select(0, index);
    }

    /// <inheritdoc/>
    public void Dispose() => _table.Dispose();
}
