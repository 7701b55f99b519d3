using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// The stored metrics of one finished block (one file in the run directory's blocks/ folder), with what it belongs to:
/// the SHA-256 of the resolved scenario file, the master seed, the point label, the indices, the toolkit version and a
/// SHA-256 checksum of its own content, so resume, merge and <c>phytk verify</c> can refuse a block that was edited,
/// truncated, or copied from another run.
/// </summary>
public sealed record BlockRecord
{
    /// <summary>Point index.</summary>
    public int Point { get; init; }
    /// <summary>Block index within the point.</summary>
    public int Block { get; init; }
    /// <summary>Trials the block ran.</summary>
    public int Trials { get; init; }
    /// <summary>The block's seed (for audit).</summary>
    public ulong Seed { get; init; }
    /// <summary>Label of the point when the block was written (null in files from before labels were stored); resume and merge
    /// refuse blocks whose label differs from the current plan's point at the same index.</summary>
    public string? Label { get; init; }
    /// <summary>Toolkit version (informational version with the git commit) that wrote the block, or null in older files;
    /// resume and merge refuse blocks written by another version.</summary>
    public string? Version { get; init; }
    /// <summary>SHA-256 (hex) of the resolved scenario file of the run that wrote the block (null in older files).</summary>
    public string? ConfigHash { get; init; }
    /// <summary>Master seed of the run that wrote the block (null in older files).</summary>
    public ulong? MasterSeed { get; init; }
    /// <summary>Scalar metric state by name (sorted ordinally when written).</summary>
    public required SortedDictionary<string, StoredMetric> Metrics { get; init; }

    /// <summary>Curve metric state by name, then step (null when the block recorded no curve).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, SortedDictionary<int, StoredMetric>>? Curves { get; init; }

    /// <summary>SHA-256 (hex) of the block's JSON text written without this field (null in older files and before
    /// <see cref="ToJson"/> stamps it); any edit of a stored value changes it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Checksum { get; init; }

    /// <summary>File name of a block inside blocks/.</summary>
    public static string FileName(int point, int block) => $"p{point:D5}-b{block:D7}.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Builds a record from a finished block's sink.</summary>
    public static BlockRecord From(in BlockContext ctx, MetricSink sink, string? label = null)
    {
        var m = new SortedDictionary<string, StoredMetric>(StringComparer.Ordinal);
        foreach (var (name, acc) in sink.Metrics)
            m[name] = StoredMetric.From(acc);
        SortedDictionary<string, SortedDictionary<int, StoredMetric>>? curves = null;
        if (sink.Curves.Count > 0)
        {
            curves = new SortedDictionary<string, SortedDictionary<int, StoredMetric>>(StringComparer.Ordinal);
            foreach (var (name, curve) in sink.Curves)
            {
                var c = new SortedDictionary<int, StoredMetric>();
                foreach (var (step, acc) in curve) c[step] = StoredMetric.From(acc);
                curves[name] = c;
            }
        }
        return new BlockRecord
        {
            Point = ctx.PointIndex, Block = ctx.BlockIndex, Trials = ctx.Trials, Seed = ctx.Seed, Label = label, Version = ToolkitVersion, Metrics = m, Curves = curves,
        };
    }

    /// <summary>Informational version of PhyToolkit.Core (with the git commit when built from a checkout).</summary>
    public static string ToolkitVersion { get; } =
        typeof(BlockRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Why this stored block cannot be reused for <paramref name="plan"/> (index outside the plan, another point label, another
    /// toolkit version, another block size), or null when it can. Provenance (checksum, run, seed) is checked by
    /// <see cref="ProvenanceProblem"/>.
    /// </summary>
    public string? IncompatibilityWith(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Point < 0 || Point >= plan.Points.Count || Block < 0 || Block >= plan.Stop.MaxBlocks)
            return $"block {Block} of point {Point} lies outside the current plan ({plan.Points.Count} points, {plan.Stop.MaxBlocks} blocks)";
        if (Label != null && Label != plan.Points[Point].Label)
            return $"point {Point} was '{Label}' when its blocks were written but is '{plan.Points[Point].Label}' now (the scenario's sweep changed)";
        if (Version != null && Version != ToolkitVersion)
            return $"its blocks were written by PhyToolkit {Version}, this is {ToolkitVersion}";
        if (Trials != plan.TrialsPerBlock)
            return $"block {Block} of point {Point} ran {Trials} trials but the plan's blocks run {plan.TrialsPerBlock}";
        return null;
    }

    /// <summary>
    /// Why this block does not belong to the run <paramref name="expected"/> (a missing or wrong checksum: the file was
    /// edited; another scenario file or master seed; a block seed that is not <c>Mix(masterSeed, scenario, point, block)</c>),
    /// or null when it does.
    /// </summary>
    public string? ProvenanceProblem(BlockProvenance expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (Checksum is null) return "has no checksum (written by an older phytk, or edited)";
        if (!string.Equals(Checksum, ComputeChecksum(), StringComparison.Ordinal)) return "checksum mismatch: its content was changed after it was written";
        if (MasterSeed != expected.MasterSeed)
            return $"was written with master seed {Show(MasterSeed)}, this run's seed is {expected.MasterSeed}";
        if (!string.Equals(ConfigHash, expected.ConfigHash, StringComparison.Ordinal))
            return $"was written for another scenario file (hash {Short(ConfigHash)}, this run's is {Short(expected.ConfigHash)})";
        ulong seed = Random.SeedMixer.BlockSeed(expected.MasterSeed, Random.SeedMixer.Hash(expected.Scenario), Point, Block);
        if (Seed != seed) return $"its block seed {Seed} is not the seed of point {Point} block {Block} of this run ({seed})";
        return null;
    }

    private static string Show(ulong? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
    private static string Short(string? hash) => hash is null ? "none" : hash.Length > 12 ? hash[..12] : hash;

    /// <summary>The block stamped with <paramref name="provenance"/> (config hash and master seed).</summary>
    public BlockRecord StampedWith(BlockProvenance provenance) =>
        this with { ConfigHash = provenance.ConfigHash, MasterSeed = provenance.MasterSeed, Checksum = null };

    /// <summary>SHA-256 (hex) of the block's JSON without its checksum field.</summary>
    public string ComputeChecksum() =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this with { Checksum = null }, Json)));

    /// <summary>Serialises to UTF-8 JSON (doubles round-trip exactly) with the checksum of the content.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this with { Checksum = ComputeChecksum() }, Json);

    /// <summary>Parses a stored block.</summary>
    /// <exception cref="InvalidDataException">Not a block (empty, truncated, malformed).</exception>
    public static BlockRecord Parse(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<BlockRecord>(json, Json) ?? throw new InvalidDataException("empty block file");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException("not a readable block (" + e.Message + ")", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a readable block (truncated or malformed JSON at byte {e.BytePositionInLine + 1} of line {e.LineNumber + 1})", e);
        }
    }
}

/// <summary>What a run's blocks must carry: the SHA-256 of the resolved scenario file, the master seed and the scenario name.</summary>
/// <param name="ConfigHash">SHA-256 (hex) of the resolved scenario file.</param>
/// <param name="MasterSeed">The master seed.</param>
/// <param name="Scenario">The scenario name (enters every block seed).</param>
public sealed record BlockProvenance(string ConfigHash, ulong MasterSeed, string Scenario);

/// <summary>Stored state of one metric of one block.</summary>
public sealed record StoredMetric(MetricKind Kind, double Count, double Mean, double M2, double Events, double Opportunities)
{
    /// <summary>The accumulator this state describes.</summary>
    public MetricAccumulator ToAccumulator() => new(Kind, Count, Mean, M2, Events, Opportunities);

    /// <summary>The state of an accumulator.</summary>
    public static StoredMetric From(MetricAccumulator acc) => new(acc.Kind, acc.Count, acc.Mean, acc.M2, acc.Events, acc.Opportunities);
}
