namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>Which samples of the filtered candidate set the SAMOSA query takes (authors' code: <c>samisuk_h</c>, <c>samisuk_l</c>, <c>samisuk_dynamic</c>).</summary>
public enum SamosaVariant
{
    /// <summary>The b largest normalised disagreements (atypical, near-boundary samples; our default reading of the abstract).</summary>
    High,
    /// <summary>The b smallest normalised disagreements.</summary>
    Low,
    /// <summary>b samples drawn without replacement with probability ∝ <see cref="SamosaScore.DynamicWeight"/>(s̃, r/R).</summary>
    Dynamic,
}
