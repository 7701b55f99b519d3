using System.Globalization;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// One point of a sweep (for example one SNR value of one method): an index, a short label, named numeric coordinates and
/// named categorical coordinates (method, problem, channel: text, never integer codes).
/// </summary>
/// <param name="Index">Zero-based position of the point in the sweep; part of every block's seed.</param>
/// <param name="Label">Short human-readable label, unique in the sweep, e.g. "EbN0=4dB".</param>
/// <param name="Coordinates">Named numeric sweep coordinates of this point, e.g. { "ebN0Db": 4 }; written to results.csv.</param>
public sealed record SweepPoint(int Index, string Label, IReadOnlyDictionary<string, double> Coordinates)
{
    private static readonly IReadOnlyDictionary<string, string> NoCategories = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Named categorical coordinates, e.g. { "method": "ada" }; written to results.csv as text.</summary>
    public IReadOnlyDictionary<string, string> Categories { get; init; } = NoCategories;

    /// <summary>The numeric coordinate <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The point has no such numeric coordinate.</exception>
    public double Number(string name) =>
        Coordinates.TryGetValue(name, out double v) ? v : throw new KeyNotFoundException($"point '{Label}' has no numeric coordinate '{name}'");

    /// <summary>The categorical coordinate <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The point has no such category.</exception>
    public string Category(string name) =>
        Categories.TryGetValue(name, out string? v) ? v : throw new KeyNotFoundException($"point '{Label}' has no categorical coordinate '{name}'");

    /// <summary>Whether the categorical coordinate <paramref name="name"/> equals <paramref name="value"/> (false when absent).</summary>
    public bool Is(string name, string value) => Categories.TryGetValue(name, out string? v) && v == value;

    /// <summary>Whether the numeric coordinate <paramref name="name"/> equals <paramref name="value"/> exactly (false when absent).</summary>
    public bool Is(string name, double value) => Coordinates.TryGetValue(name, out double v) && v == value;

    /// <summary>Whether the point has a numeric or categorical coordinate called <paramref name="name"/>.</summary>
    public bool Has(string name) => Coordinates.ContainsKey(name) || Categories.ContainsKey(name);
}

/// <summary>A named sweep coordinate: a number, or a category (text). Tuples convert implicitly: <c>("snrDb", 10.0)</c>, <c>("method", "ada")</c>.</summary>
/// <param name="Name">Coordinate name (a results.csv column).</param>
/// <param name="Number">The value of a numeric coordinate (NaN for a category).</param>
/// <param name="Text">The value of a categorical coordinate (null for a number).</param>
public readonly record struct Coordinate(string Name, double Number, string? Text)
{
    /// <summary>Whether this is a categorical coordinate.</summary>
    public bool IsCategory => Text is not null;

    /// <summary>A numeric coordinate.</summary>
    public static Coordinate Of(string name, double value) => new(name, value, null);

    /// <summary>A categorical coordinate.</summary>
    public static Coordinate Of(string name, string category) => new(name, double.NaN, category ?? throw new ArgumentNullException(nameof(category)));

    /// <summary>A numeric coordinate from a (name, value) tuple.</summary>
    public static implicit operator Coordinate((string Name, double Value) c) => Of(c.Name, c.Value);

    /// <summary>A numeric coordinate from a (name, integer) tuple.</summary>
    public static implicit operator Coordinate((string Name, int Value) c) => Of(c.Name, c.Value);

    /// <summary>A categorical coordinate from a (name, text) tuple.</summary>
    public static implicit operator Coordinate((string Name, string Category) c) => Of(c.Name, c.Category);

    /// <inheritdoc/>
    public override string ToString() => IsCategory ? $"{Name}={Text}" : $"{Name}={Number.ToString("R", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Builds the points of a sweep in order: each <see cref="Add"/> appends one point with its label and coordinates.
/// Labels must be unique (they identify stored blocks on resume and merge).
/// </summary>
public sealed class SweepBuilder
{
    private readonly List<SweepPoint> _points = [];
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);

    /// <summary>The points so far, in order.</summary>
    public IReadOnlyList<SweepPoint> Points => _points;

    /// <summary>Number of points so far.</summary>
    public int Count => _points.Count;

    /// <summary>Appends a point.</summary>
    /// <exception cref="ArgumentException">Empty or duplicate label, a coordinate named twice, or a non-finite numeric coordinate.</exception>
    public SweepPoint Add(string label, params ReadOnlySpan<Coordinate> coordinates)
    {
        if (string.IsNullOrEmpty(label)) throw new ArgumentException("a sweep point needs a non-empty label", nameof(label));
        if (!_labels.Add(label)) throw new ArgumentException($"two sweep points are labelled '{label}'; labels must be unique (are there repeated list entries?)", nameof(label));
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in coordinates)
        {
            if (string.IsNullOrEmpty(c.Name)) throw new ArgumentException($"point '{label}': a coordinate has no name", nameof(coordinates));
            if (numbers.ContainsKey(c.Name) || categories.ContainsKey(c.Name))
                throw new ArgumentException($"point '{label}': coordinate '{c.Name}' is given twice", nameof(coordinates));
            if (c.IsCategory) categories[c.Name] = c.Text!;
            else if (!double.IsFinite(c.Number)) throw new ArgumentException($"point '{label}': coordinate '{c.Name}' is {c.Number}; numeric coordinates must be finite", nameof(coordinates));
            else numbers[c.Name] = c.Number;
        }
        var point = new SweepPoint(_points.Count, label, numbers) { Categories = categories };
        _points.Add(point);
        return point;
    }

    /// <summary>The plan: these points, the run settings' block size and stopping rule.</summary>
    public SweepPlan Build(RunSettings run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new SweepPlan { Points = _points.ToArray(), TrialsPerBlock = run.TrialsPerBlock, Stop = Configuration.ScenarioConfigResolver.ToStoppingRule(run) };
    }
}

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
