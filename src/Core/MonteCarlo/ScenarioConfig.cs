using System.Text.Json.Nodes;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// A scenario file (JSON): schema version, scenario name, master seed, the engine's run settings, and the scenario's own
/// "parameters" section (bound by the scenario with <see cref="PhyToolkit.Core.Configuration.ConfigBinder"/>).
/// </summary>
public sealed record ScenarioConfig
{
    /// <summary>The schema version this build reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version of the file; must equal <see cref="CurrentSchemaVersion"/>.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>Scenario name, as listed by <c>phytk list</c>.</summary>
    public required string Scenario { get; init; }
    /// <summary>Master seed (any 64-bit unsigned value).</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Engine settings: trials per block and the stopping rule.</summary>
    public required RunSettings Run { get; init; }
    /// <summary>The scenario's own parameters.</summary>
    public required JsonObject Parameters { get; init; }
}

/// <summary>Engine settings of a scenario file.</summary>
public sealed record RunSettings
{
    /// <summary>Trials per block (the unit of work, seeding and durability), ≥ 1.</summary>
    public int TrialsPerBlock { get; init; } = 1;
    /// <summary>Stopping rule: "fixed", "precision" or "events".</summary>
    public string Stop { get; init; } = "fixed";
    /// <summary>Metric watched by the "precision" and "events" rules.</summary>
    public string? Metric { get; init; }
    /// <summary>Relative 95 % CI half-width (precision, in (0, 1)) or event count (events, ≥ 1).</summary>
    public double Target { get; init; }
    /// <summary>Blocks always run per point before the rule is checked.</summary>
    public int MinBlocks { get; init; } = 1;
    /// <summary>Maximum blocks per point (the exact count for "fixed"; the per-point budget in sharded runs).</summary>
    public int MaxBlocks { get; init; } = 1;

    /// <summary>The "fixed" rule: exactly <paramref name="blocks"/> blocks of <paramref name="trialsPerBlock"/> trials per point
    /// (e.g. one seed or one geometry per block).</summary>
    public static RunSettings Fixed(int blocks, int trialsPerBlock = 1) =>
        new() { TrialsPerBlock = trialsPerBlock, Stop = "fixed", MinBlocks = blocks, MaxBlocks = blocks };
}
