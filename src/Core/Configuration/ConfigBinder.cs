using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PhyToolkit.Core.Configuration;

/// <summary>
/// Strict JSON binding for scenario files: camelCase names, unknown fields are errors, no type coercion, comments and
/// trailing commas allowed. Errors become <see cref="ConfigException"/> with the full JSON path.
/// </summary>
public static class ConfigBinder
{
    /// <summary>The serializer options used for every scenario file.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Binds <paramref name="node"/> (found at <paramref name="path"/>) to <typeparamref name="T"/>.</summary>
    /// <exception cref="ConfigException">Unknown field, wrong type, missing required field, or null.</exception>
    public static T Bind<T>(JsonNode? node, string path)
    {
        if (node is null) throw new ConfigException(path, "is missing or null");
        try
        {
            return node.Deserialize<T>(Options) ?? throw new ConfigException(path, "is null");
        }
        catch (JsonException e)
        {
            throw new ConfigException(Join(path, e.Path), Describe(e));
        }
    }

    /// <summary>Serialises <paramref name="value"/> to a JSON object with the same options.</summary>
    public static JsonObject ToJsonObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Options)!.AsObject();

    internal static string Join(string path, string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return path;
        string rest = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return string.IsNullOrEmpty(path) ? rest : rest.StartsWith('[') ? path + rest : path + "." + rest;
    }

    internal static string Describe(JsonException e)
    {
        string m = e.Message;
        // System.Text.Json messages end with "Path: ... | LineNumber: ..."; keep the first sentence, which says what.
        int cut = m.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) m = m[..cut];
        if (m.Contains("could not be mapped", StringComparison.Ordinal)) return "unknown field; " + m;
        return m;
    }
}
