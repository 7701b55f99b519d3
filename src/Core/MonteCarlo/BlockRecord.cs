using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>The stored metrics of one finished block (one file in the run directory's blocks/ folder).</summary>
public sealed class BlockRecord
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
    /// <summary>Scalar metric state by name (sorted ordinally when written).</summary>
    public required SortedDictionary<string, StoredMetric> Metrics { get; init; }

    /// <summary>Curve metric state by name, then step (null when the block recorded no curve).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, SortedDictionary<int, StoredMetric>>? Curves { get; init; }

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
    /// toolkit version), or null when it can. Blocks from older files without label/version are checked for the index only.
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
        return null;
    }

    /// <summary>Serialises to UTF-8 JSON (doubles round-trip exactly).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Parses a stored block.</summary>
    public static BlockRecord Parse(byte[] json) =>
        JsonSerializer.Deserialize<BlockRecord>(json, Json) ?? throw new InvalidDataException("empty block file");
}

/// <summary>Stored state of one metric of one block.</summary>
public sealed record StoredMetric(MetricKind Kind, double Count, double Mean, double M2, double Events, double Opportunities)
{
    /// <summary>The accumulator this state describes.</summary>
    public MetricAccumulator ToAccumulator() => new(Kind, Count, Mean, M2, Events, Opportunities);

    /// <summary>The state of an accumulator.</summary>
    public static StoredMetric From(MetricAccumulator acc) => new(acc.Kind, acc.Count, acc.Mean, acc.M2, acc.Events, acc.Opportunities);
}
