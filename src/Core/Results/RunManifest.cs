using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhyToolkit.Core.Results;

/// <summary>manifest.json of a run directory: what ran, with which build, where, when, and how each point stopped.</summary>
public sealed record RunManifest
{
    /// <summary>Tool name.</summary>
    public string Tool { get; init; } = "phytk";
    /// <summary>Tool version (informational version of PhyToolkit.Core, with the git commit when built from a checkout).</summary>
    public string ToolVersion { get; init; } = Version;
    /// <summary>Git commit of the build, when known.</summary>
    public string? GitCommit { get; init; } = Commit;
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }
    /// <summary>SHA-256 of the resolved scenario file (hex); identifies the run for resume and merge.</summary>
    public required string ConfigHash { get; init; }
    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Shard "i/n", or null for an unsharded run.</summary>
    public string? Shard { get; init; }
    /// <summary>Worker threads of the last execution.</summary>
    public int Threads { get; init; }
    /// <summary>Compute back-end requested for batched kernels (managed | ilgpu-cpu | cuda | auto).</summary>
    public string? Backend { get; init; }
    /// <summary>Machine description.</summary>
    public MachineInfo Machine { get; init; } = MachineInfo.Current();
    /// <summary>Start of the first execution (UTC, ISO 8601).</summary>
    public string? StartedUtc { get; init; }
    /// <summary>End of the last execution (UTC, ISO 8601).</summary>
    public string? EndedUtc { get; init; }
    /// <summary>Wall-clock seconds of the last execution.</summary>
    public double ElapsedSeconds { get; init; }
    /// <summary>Run directories merged into this one (for merged runs).</summary>
    public IReadOnlyList<string>? MergedFrom { get; init; }
    /// <summary>Per-point stop status.</summary>
    public IReadOnlyList<PointManifest> Points { get; init; } = [];

    /// <summary>Serializer options for manifests.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses.</summary>
    public static RunManifest Parse(string json) => JsonSerializer.Deserialize<RunManifest>(json, Json) ?? throw new InvalidDataException("empty manifest");

    private static string Version =>
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string? Commit
    {
        get
        {
            int plus = Version.IndexOf('+');
            return plus >= 0 ? Version[(plus + 1)..] : null;
        }
    }
}

/// <summary>Stop status of one point.</summary>
/// <param name="Index">Point index.</param>
/// <param name="Label">Point label.</param>
/// <param name="Status">Which rule stopped it.</param>
/// <param name="Blocks">Blocks counted.</param>
/// <param name="Trials">Trials counted.</param>
public sealed record PointManifest(int Index, string Label, string Status, int Blocks, long Trials);

/// <summary>The machine a run executed on.</summary>
/// <param name="Os">Operating system description.</param>
/// <param name="Architecture">Process architecture.</param>
/// <param name="LogicalCores">Logical processor count.</param>
/// <param name="Runtime">.NET runtime description.</param>
public sealed record MachineInfo(string Os, string Architecture, int LogicalCores, string Runtime)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Current() => new(RuntimeInformation.OSDescription, RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount, RuntimeInformation.FrameworkDescription);
}
