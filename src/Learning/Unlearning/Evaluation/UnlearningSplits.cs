using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning.Evaluation;

/// <summary>
/// The splits of an unlearning evaluation (docs/unlearning-puf.md): D_f (<see cref="Forget"/>), D_r
/// (<see cref="Retain"/>), optional canaries scored against their (wrong) training labels, all indices into
/// <see cref="Data"/>, and the held-out <see cref="Test"/> set.
/// </summary>
public sealed class UnlearningSplits
{
    /// <summary>Creates the splits (index arrays are kept).</summary>
    /// <param name="data">Training data holding D_r, D_f and the canaries.</param>
    /// <param name="retain">D_r indices (non-empty).</param>
    /// <param name="forget">D_f indices (non-empty), e.g. the forgotten client's natural data.</param>
    /// <param name="canaries">Canary indices (may be empty).</param>
    /// <param name="test">Held-out test set (non-empty).</param>
    public UnlearningSplits(LabeledDataset data, int[] retain, int[] forget, int[] canaries, LabeledDataset test)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        Test = test ?? throw new ArgumentNullException(nameof(test));
        Retain = Check(retain, nameof(retain), data.Count, allowEmpty: false);
        Forget = Check(forget, nameof(forget), data.Count, allowEmpty: false);
        Canaries = Check(canaries, nameof(canaries), data.Count, allowEmpty: true);
        if (test.Count == 0) throw new ArgumentException("test must not be empty", nameof(test));
        var r = new HashSet<int>(retain);
        if (forget.Any(r.Contains) || canaries.Any(r.Contains)) throw new ArgumentException("retain must be disjoint from forget and canaries", nameof(retain));
    }

    private static int[] Check(int[] idx, string name, int n, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(idx, name);
        if (!allowEmpty && idx.Length == 0) throw new ArgumentException($"{name} must not be empty", name);
        foreach (int i in idx) if ((uint)i >= (uint)n) throw new ArgumentOutOfRangeException(name, i, $"{name} indices must be in [0, {n - 1}]");
        return idx;
    }

    /// <summary>Training data.</summary>
    public LabeledDataset Data { get; }

    /// <summary>D_r.</summary>
    public int[] Retain { get; }

    /// <summary>D_f.</summary>
    public int[] Forget { get; }

    /// <summary>Canaries (scored against their training labels; may be empty).</summary>
    public int[] Canaries { get; }

    /// <summary>D_test.</summary>
    public LabeledDataset Test { get; }
}
