namespace PhyToolkit.Optimization.Series;

/// <summary>
/// Thresholds of <see cref="StablePoles"/>. Defaults are the resurgence spec's proposal (docs/resurgence.md, [Proposed]);
/// the paper (arXiv 2509.01329) gives no values.
/// </summary>
public sealed record PoleFilterOptions
{
    /// <summary>A pole must reappear in the neighbouring approximants [K/2−1/K/2+1] and [K/2+1/K/2−1] within this fraction of its modulus (default 1e-3).</summary>
    public double StabilityTolerance { get; init; } = 1e-3;

    /// <summary>A pole with a numerator zero within this fraction of its modulus is a Froissart doublet and is dropped (default 1e-6).</summary>
    public double DoubletTolerance { get; init; } = 1e-6;

    /// <summary>A pole counts as real when |Im| &lt; this fraction of |Re| (default 1e-3).</summary>
    public double RealTolerance { get; init; } = 1e-3;

    /// <summary>Relative SVD threshold of the robust Padé (default 1e-14).</summary>
    public double PadeTolerance { get; init; } = 1e-14;

    /// <summary>Checks every threshold.</summary>
    public void Validate()
    {
        Guard.InRange(StabilityTolerance, 0, 1, nameof(StabilityTolerance));
        Guard.InRange(DoubletTolerance, 0, 1, nameof(DoubletTolerance));
        Guard.InRange(RealTolerance, 0, 1, nameof(RealTolerance));
        Guard.InRange(PadeTolerance, 0, 1, nameof(PadeTolerance));
    }
}
