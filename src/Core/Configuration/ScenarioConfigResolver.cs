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

    /// <summary>
    /// Parses a scenario file's text, naming <paramref name="source"/> in errors. Besides malformed JSON, a key repeated in
    /// one object and a string that is not valid UTF-16 (a lone surrogate escape such as <c>"\ud800"</c>) are refused, with
    /// the 1-based line and column.
    /// </summary>
    public static JsonObject ParseFile(string text, string source)
    {
        var node = ParseStrict(text, source);
        return node as JsonObject ?? throw new ConfigException(source, "must contain a JSON object");
    }

    /// <summary>Parses JSON text strictly (see <see cref="ParseFile"/>); <paramref name="source"/> names it in errors.</summary>
    internal static JsonNode? ParseStrict(string text, string source)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var keys = new Stack<HashSet<string>?>();
        var names = new Stack<string>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        keys.Push(new HashSet<string>(StringComparer.Ordinal));
                        names.Push(pending ?? "");
                        pending = null;
                        break;
                    case JsonTokenType.StartArray:
                        keys.Push(null);
                        names.Push(pending ?? "");
                        pending = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        keys.Pop();
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        string key = ReadString(ref reader, utf8, source);
                        if (keys.Peek() is { } seen && !seen.Add(key))
                        {
                            string where = string.Join(".", names.Reverse().Where(n => n.Length > 0).Append(key));
                            throw new ConfigException(source, $"line {Line(utf8, reader.TokenStartIndex)}: field '{where}' is given twice; allowed: each field once");
                        }
                        pending = key;
                        break;
                    case JsonTokenType.String:
                        ReadString(ref reader, utf8, source);
                        pending = null;
                        break;
                    default:
                        pending = null;
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new ConfigException(source, $"malformed JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {ConfigBinder.Describe(e)}");
        }
        return JsonNode.Parse(utf8, documentOptions: DocOptions);

        static string ReadString(ref Utf8JsonReader r, byte[] all, string src)
        {
            try { return r.GetString()!; }
            catch (InvalidOperationException)
            {
                throw new ConfigException(src, $"line {Line(all, r.TokenStartIndex)}: a string holds an unpaired UTF-16 surrogate escape (e.g. \\ud800 alone); allowed: valid Unicode text");
            }
        }
    }

    /// <summary>1-based line of a byte offset.</summary>
    private static long Line(byte[] utf8, long offset)
    {
        long line = 1;
        for (long i = 0; i < offset && i < utf8.Length; i++) if (utf8[i] == (byte)'\n') line++;
        return line;
    }

    /// <summary>The scenario name given in a file ("scenario"), or null.</summary>
    /// <exception cref="ConfigException">"scenario" is present but not a string.</exception>
    public static string? ScenarioName(JsonObject file) => file["scenario"] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        var other => throw new ConfigException("scenario", $"got {ConfigBinder.Show(other)}; allowed: a scenario name in double quotes (see 'phytk list')"),
    };

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
        Check.InRange(run.TrialsPerBlock, 1, RunLimits.MaxTrialsPerBlock, "run.trialsPerBlock");
        Check.InRange(run.MaxBlocks, 1, RunLimits.MaxBlocksPerPoint, "run.maxBlocks");
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
        if (value is JsonObject or JsonArray || raw.StartsWith('"')) value = ParseStrict(raw, "--set " + assignment[..eq].Trim());

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
