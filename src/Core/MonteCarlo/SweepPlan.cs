namespace PhyToolkit.Core.MonteCarlo;

/// <summary>One point of a sweep (for example one SNR value): an index, a short label and named coordinates.</summary>
/// <param name="Index">Zero-based position of the point in the sweep; part of every block's seed.</param>
/// <param name="Label">Short human-readable label, e.g. "EbN0=4dB".</param>
/// <param name="Coordinates">Named sweep coordinates of this point, e.g. { "ebN0Db": 4 }; written to results.csv.</param>
public sealed record SweepPoint(int Index, string Label, IReadOnlyDictionary<string, double> Coordinates);

/// <summary>Which rule ended a point.</summary>
public enum PointStatus
{
    /// <summary>Not finished yet (run interrupted or still running).</summary>
    Running,
    /// <summary>The fixed number of blocks (trials) was reached.</summary>
    FixedTrials,
    /// <summary>The watched metric's 95 % confidence half-width fell below the target fraction of its mean.</summary>
    TargetPrecision,
    /// <summary>The watched rate metric collected the target number of events (e.g. bit errors).</summary>
    TargetEvents,
    /// <summary>The maximum number of blocks was reached before the precision/event target.</summary>
    MaxTrials,
    /// <summary>The wall-clock limit (--max-time) stopped the point early; the run can be resumed.</summary>
    TimeLimit,
}

/// <summary>How the number of trials of each point is decided.</summary>
public enum StopKind
{
    /// <summary>Run exactly <see cref="StoppingRule.MaxBlocks"/> blocks.</summary>
    FixedTrials,
    /// <summary>Stop once the relative 95 % CI half-width of <see cref="StoppingRule.Metric"/> is ≤ <see cref="StoppingRule.Target"/>.</summary>
    TargetPrecision,
    /// <summary>Stop once the event count of the rate metric <see cref="StoppingRule.Metric"/> is ≥ <see cref="StoppingRule.Target"/>.</summary>
    TargetEvents,
}

/// <summary>
/// Per-point stopping rule. Decisions are taken on the block-ordered prefix of results only, so they do not depend on
/// the thread count or on sharding.
/// </summary>
public sealed record StoppingRule
{
    /// <summary>The kind of rule.</summary>
    public StopKind Kind { get; init; } = StopKind.FixedTrials;
    /// <summary>Name of the metric watched by <see cref="StopKind.TargetPrecision"/> or <see cref="StopKind.TargetEvents"/>.</summary>
    public string? Metric { get; init; }
    /// <summary>Relative half-width (in (0,1)) or event count (≥ 1), depending on <see cref="Kind"/>.</summary>
    public double Target { get; init; }
    /// <summary>Blocks always run before the rule is checked (≥ 1).</summary>
    public int MinBlocks { get; init; } = 1;
    /// <summary>Hard cap on blocks per point; also the fixed budget per point in sharded runs.</summary>
    public int MaxBlocks { get; init; } = 1;
}

/// <summary>The work of a scenario: points × blocks of <see cref="TrialsPerBlock"/> independent trials.</summary>
public sealed record SweepPlan
{
    /// <summary>The sweep points, in order.</summary>
    public required IReadOnlyList<SweepPoint> Points { get; init; }
    /// <summary>Independent trials run by one block (the unit of work, seeding and durability).</summary>
    public required int TrialsPerBlock { get; init; }
    /// <summary>The stopping rule applied to every point.</summary>
    public required StoppingRule Stop { get; init; }
}
