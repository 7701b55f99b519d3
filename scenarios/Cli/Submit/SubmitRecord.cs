using System.Text.Json;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Cli.Submit;

/// <summary>
/// <c>DIR/submit.json</c>: what <c>phytk submit</c> set up in a run directory (scheduler, shard count, the configuration's
/// hash) and every submission made from it (which array indices, which job ids), read by <c>phytk submit --resume</c>.
/// </summary>
internal sealed record SubmitRecord
{
    /// <summary>File name inside the run directory.</summary>
    public const string FileName = "submit.json";

    /// <summary>"slurm" or "kubernetes".</summary>
    public required string Scheduler { get; init; }
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }
    /// <summary>SHA-256 of the run's resolved scenario file (scenario.json).</summary>
    public required string ConfigHash { get; init; }
    /// <summary>Number of shards n.</summary>
    public required int Shards { get; init; }
    /// <summary>Submissions, oldest first (none after a dry run).</summary>
    public IReadOnlyList<Submission> Submissions { get; init; } = [];

    /// <summary>One submission.</summary>
    /// <param name="SubmittedUtc">When (UTC, ISO 8601).</param>
    /// <param name="Indices">Array indices submitted (Slurm's notation), or null when only the merge job was.</param>
    /// <param name="ArrayJob">The array's job id, or null.</param>
    /// <param name="MergeJob">The merge job's id, or null when it was not submitted.</param>
    public sealed record Submission(string SubmittedUtc, string? Indices, string? ArrayJob, string? MergeJob);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Serialises.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads <c>DIR/submit.json</c>, or null when the directory has none.</summary>
    /// <exception cref="ConfigException">The file exists but cannot be read.</exception>
    public static SubmitRecord? Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var r = JsonSerializer.Deserialize<SubmitRecord>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
            if (r.Shards < 1) throw new JsonException($"shards {r.Shards} < 1");
            return r;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ConfigException(path, $"is not a readable submission record (edited or damaged): {PhytkCommandLine.OneLine(e.Message)}");
        }
    }
}
