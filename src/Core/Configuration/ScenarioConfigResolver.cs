using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Configuration;

/// <summary>
/// Builds the resolved scenario file: the scenario's defaults (report or quick scale), overlaid with a user file
/// (objects merge, arrays and values replace), then <c>--set path=value</c> overrides, then <c>--seed</c>.
/// Every path must exist in the defaults; the result is bound strictly to <see cref="ScenarioConfig"/>.
/// </summary>
public static class ScenarioConfigResolver
{
    private static readonly JsonDocumentOptions DocOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses a scenario file's text, naming <paramref name="source"/> in errors.</summary>
    public static JsonObject ParseFile(string text, string source)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: DocOptions);
            return node as JsonObject ?? throw new ConfigException(source, "must contain a JSON object");
        }
        catch (JsonException e)
        {
            throw new ConfigException(source, $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {ConfigBinder.Describe(e)}");
        }
    }

    /// <summary>The scenario name given in a file ("scenario"), or null.</summary>
    public static string? ScenarioName(JsonObject file) =>
        file["scenario"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>Serialises a configuration to its JSON object.</summary>
    public static JsonObject ToJson(ScenarioConfig config) => ConfigBinder.ToJsonObject(config);

    /// <summary>Resolves the configuration.</summary>
    /// <param name="defaults">The scenario's default configuration.</param>
    /// <param name="file">A user file to overlay, or null.</param>
    /// <param name="sets">"path=value" overrides (value: JSON, or a bare string).</param>
    /// <param name="seed">Seed override, or null.</param>
    public static (ScenarioConfig Config, JsonObject Json) Resolve(ScenarioConfig defaults, JsonObject? file, IEnumerable<string> sets, ulong? seed)
    {
        var json = ToJson(defaults);
        if (file != null)
        {
            var fileScenario = ScenarioName(file);
            if (fileScenario != null && fileScenario != defaults.Scenario)
                throw new ConfigException("scenario", $"got '{fileScenario}' but resolving defaults of '{defaults.Scenario}'");
            Overlay(json, file, "");
        }
        foreach (var s in sets) ApplySet(json, s);
        if (seed is { } sd) json["seed"] = sd;
        var config = ConfigBinder.Bind<ScenarioConfig>(json, "");
        if (config.SchemaVersion != ScenarioConfig.CurrentSchemaVersion)
            throw new ConfigException("schemaVersion", $"got {config.SchemaVersion}; this phytk reads schema version {ScenarioConfig.CurrentSchemaVersion}");
        ValidateRun(config.Run);
        return (config, ToJson(config));
    }

    /// <summary>Validates the engine settings.</summary>
    public static void ValidateRun(RunSettings run)
    {
        Check.InRange(run.TrialsPerBlock, 1, 100_000_000, "run.trialsPerBlock");
        Check.InRange(run.MaxBlocks, 1, 100_000_000, "run.maxBlocks");
        Check.InRange(run.MinBlocks, 1, run.MaxBlocks, "run.minBlocks");
        Check.OneOf(run.Stop, "run.stop", "fixed", "precision", "events");
        if (run.Stop == "precision") Check.InRange(run.Target, 1e-9, 1, "run.target");
        if (run.Stop == "events") Check.InRange(run.Target, 1, 1e15, "run.target");
        if (run.Stop != "fixed" && string.IsNullOrWhiteSpace(run.Metric))
            throw new ConfigException("run.metric", $"is required by run.stop = '{run.Stop}'");
    }

    /// <summary>The engine's stopping rule for the settings.</summary>
    public static StoppingRule ToStoppingRule(RunSettings run) => new()
    {
        Kind = run.Stop switch { "precision" => StopKind.TargetPrecision, "events" => StopKind.TargetEvents, _ => StopKind.FixedTrials },
        Metric = run.Metric,
        Target = run.Target,
        MinBlocks = run.Stop == "fixed" ? run.MaxBlocks : run.MinBlocks,
        MaxBlocks = run.MaxBlocks,
    };

    private static void Overlay(JsonObject target, JsonObject source, string path)
    {
        foreach (var (key, value) in source)
        {
            string p = path.Length == 0 ? key : path + "." + key;
            if (!target.ContainsKey(key))
                throw new ConfigException(p, "unknown field");
            if (value is JsonObject so && target[key] is JsonObject to) Overlay(to, so, p);
            else target[key] = value?.DeepClone();
        }
    }


    /// <summary>Applies one "path=value" override.</summary>
    public static void ApplySet(JsonObject root, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ConfigException("--set", $"got '{assignment}'; allowed: path=value, e.g. parameters.snrDb=[0,10] or run.maxBlocks=20");
        string path = assignment[..eq].Trim();
        string raw = assignment[(eq + 1)..].Trim();
        JsonNode? value;
        try { value = JsonNode.Parse(raw, documentOptions: DocOptions); }
        catch (JsonException) { value = JsonValue.Create(raw); }

        var segments = SplitPath(path);
        JsonNode current = root;
        string walked = "";
        for (int i = 0; i < segments.Count; i++)
        {
            var (name, index) = segments[i];
            bool last = i == segments.Count - 1;
            walked = walked.Length == 0 ? name : walked + "." + name;
            if (current is not JsonObject obj || !obj.ContainsKey(name))
                throw new ConfigException(walked, "unknown field (see 'phytk show <scenario>' for the fields)");
            if (index is int k)
            {
                if (obj[name] is not JsonArray arr) throw new ConfigException(walked, "is not an array");
                walked += $"[{k}]";
                if (k < 0 || k >= arr.Count) throw new ConfigException(walked, $"index out of range; the array has {arr.Count} elements");
                if (last) { arr[k] = value; return; }
                current = arr[k]!;
            }
            else
            {
                if (last) { obj[name] = value; return; }
                current = obj[name] ?? throw new ConfigException(walked, "is null");
            }
        }
    }

    private static List<(string Name, int? Index)> SplitPath(string path)
    {
        var list = new List<(string, int?)>();
        foreach (var part in path.Split('.'))
        {
            int br = part.IndexOf('[');
            if (br < 0) { list.Add((part, null)); continue; }
            if (!part.EndsWith(']') || !int.TryParse(part.AsSpan(br + 1, part.Length - br - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int k))
                throw new ConfigException("--set", $"malformed path '{path}'");
            list.Add((part[..br], k));
        }
        if (list.Any(s => s.Item1.Length == 0)) throw new ConfigException("--set", $"malformed path '{path}'");
        return list;
    }
}
