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
    /// <exception cref="ConfigException">Unknown field, wrong type, missing required field, or null: the message names the
    /// full path, the value given and what is allowed (never a .NET type name).</exception>
    public static T Bind<T>(JsonNode? node, string path)
    {
        if (node is null) throw new ConfigException(path, "is missing or null");
        try
        {
            return node.Deserialize<T>(Options) ?? throw new ConfigException(path, "is null");
        }
        catch (JsonException e)
        {
            throw new ConfigException(Join(path, e.Path), Describe(e, Find(node, e.Path), TypeAt(typeof(T), e.Path)));
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

    /// <summary>The node at a System.Text.Json path ("$.a.b[2]", "$['odd key']") below <paramref name="root"/>, or null.</summary>
    internal static JsonNode? Find(JsonNode root, string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath[0] != '$') return null;
        JsonNode? cur = root;
        int i = 1;
        while (i < jsonPath.Length && cur != null)
        {
            if (jsonPath[i] == '.')
            {
                int j = i + 1;
                while (j < jsonPath.Length && jsonPath[j] != '.' && jsonPath[j] != '[') j++;
                cur = cur is JsonObject o && o.TryGetPropertyValue(jsonPath[(i + 1)..j], out var v) ? v : null;
                i = j;
            }
            else if (jsonPath[i] == '[' && i + 1 < jsonPath.Length && jsonPath[i + 1] == '\'')
            {
                int j = jsonPath.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (j < 0) return null;
                cur = cur is JsonObject o && o.TryGetPropertyValue(jsonPath[(i + 2)..j], out var v) ? v : null;
                i = j + 2;
            }
            else if (jsonPath[i] == '[')
            {
                int j = jsonPath.IndexOf(']', i);
                if (j < 0 || !int.TryParse(jsonPath.AsSpan(i + 1, j - i - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k)) return null;
                cur = cur is JsonArray a && k < a.Count ? a[k] : null;
                i = j + 1;
            }
            else return null;
        }
        return cur;
    }

    /// <summary>
    /// A System.Text.Json error in users' words: what was given and what is allowed, with no .NET type names and no
    /// 0-based line numbers (the caller states the position once).
    /// </summary>
    internal static string Describe(JsonException e, JsonNode? value = null, Type? target = null)
    {
        string m = e.Message;
        // System.Text.Json messages end with "Path: ... | LineNumber: ..." or " LineNumber: ..."; keep what precedes.
        foreach (string tail in new[] { " Path:", " LineNumber:" })
        {
            int cut = m.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) m = m[..cut];
        }
        m = m.Trim();
        const string converted = "could not be converted to ";
        int c = m.IndexOf(converted, StringComparison.Ordinal);
        if (c >= 0)
        {
            string type = target != null ? SimpleName(target) : m[(c + converted.Length)..].TrimEnd('.');
            return $"got {Show(value)}; allowed: {Allowed(type)}";
        }
        if (m.Contains("could not be mapped", StringComparison.Ordinal)) return "unknown field (see 'phytk show <scenario>' for the fields)";
        if (m.Contains("missing required properties", StringComparison.Ordinal))
        {
            int q = m.IndexOf("including:", StringComparison.Ordinal);
            return "is missing required field(s)" + (q >= 0 ? " " + m[(q + "including:".Length)..].Trim().TrimEnd('.') : "");
        }
        if (m.Contains("null", StringComparison.OrdinalIgnoreCase) && (m.Contains("doesn't allow", StringComparison.Ordinal) || m.Contains("cannot be null", StringComparison.Ordinal)))
            return "got null; allowed: a value (null is not allowed here)";
        if (m.Contains("System.", StringComparison.Ordinal) || m.Contains("PhyToolkit.", StringComparison.Ordinal))
            return $"got {Show(value)}, which does not have the expected type or shape (see 'phytk show <scenario>' for an example)";
        return m;
    }

    /// <summary>The declared .NET type at a System.Text.Json path below <paramref name="root"/> (camelCase property names,
    /// array and list elements), or null when the path cannot be followed.</summary>
    internal static Type? TypeAt(Type root, string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath[0] != '$') return null;
        Type? t = root;
        int i = 1;
        while (i < jsonPath.Length && t != null)
        {
            if (jsonPath[i] == '.')
            {
                int j = i + 1;
                while (j < jsonPath.Length && jsonPath[j] != '.' && jsonPath[j] != '[') j++;
                string name = jsonPath[(i + 1)..j];
                t = t.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
                i = j;
            }
            else if (jsonPath[i] == '[')
            {
                int j = jsonPath.IndexOf(']', i);
                if (j < 0) return null;
                t = t.IsArray ? t.GetElementType()
                    : t.IsGenericType && t.GetGenericArguments().Length == 1 ? t.GetGenericArguments()[0] : null;
                i = j + 1;
            }
            else return null;
        }
        return t;
    }

    private static string SimpleName(Type t)
    {
        if (Nullable.GetUnderlyingType(t) is { } u) return SimpleName(u);
        if (t.IsArray) return SimpleName(t.GetElementType()!) + "[]";
        if (t.IsGenericType && t.GetGenericArguments().Length == 1) return "List`1[" + SimpleName(t.GetGenericArguments()[0]) + "]";
        return t.FullName ?? t.Name;
    }

    /// <summary>A JSON value as the user wrote it, shortened.</summary>
    internal static string Show(JsonNode? value)
    {
        if (value is null) return "null";
        string text = value switch
        {
            JsonObject => "an object",
            JsonArray a => a.Count == 0 ? "[]" : $"an array of {a.Count} entries",
            _ => value.ToJsonString(),
        };
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static string Allowed(string typeName)
    {
        string t = typeName.Trim();
        if (t.StartsWith("System.Nullable`1[", StringComparison.Ordinal)) t = t["System.Nullable`1[".Length..^1];
        if (t.EndsWith("[]", StringComparison.Ordinal)) return "an array of " + Plural(Allowed(t[..^2]));
        int g = t.IndexOf("`1[", StringComparison.Ordinal);
        if (g > 0 && t.EndsWith(']')) return "an array of " + Plural(Allowed(t[(g + 3)..^1]));
        return t switch
        {
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Int32" => "an integer in [-2147483648, 2147483647]",
            "System.Int64" => "an integer in [-9223372036854775808, 9223372036854775807]",
            "System.UInt64" => "an integer in [0, 18446744073709551615]",
            "System.UInt32" => "an integer in [0, 4294967295]",
            "System.Int16" or "System.UInt16" or "System.Byte" or "System.SByte" => "a small integer",
            "System.String" => "a string in double quotes",
            "System.Boolean" => "true or false",
            "System.Text.Json.Nodes.JsonObject" => "an object { ... }",
            "System.Text.Json.Nodes.JsonArray" => "an array [ ... ]",
            _ => EnumNames(t) is { } names ? "one of " + names : "an object { ... }",
        };
    }

    private static string Plural(string allowed) =>
        allowed.StartsWith("an integer", StringComparison.Ordinal) ? "integers" + allowed["an integer".Length..]
        : allowed == "a number" ? "numbers" : allowed == "true or false" ? "true/false values"
        : allowed.StartsWith("a string", StringComparison.Ordinal) ? "strings in double quotes" : allowed;

    private static string? EnumNames(string fullName)
    {
        foreach (var asm in AppDomain.CurrentDomain.GetAssemblies())
        {
            var type = asm.GetType(fullName, throwOnError: false);
            if (type is { IsEnum: true })
                return string.Join(", ", Enum.GetNames(type).Select(n => "\"" + JsonNamingPolicy.CamelCase.ConvertName(n) + "\""));
        }
        return null;
    }
}
