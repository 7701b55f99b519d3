using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PhyToolkit.Scenarios.Cli.Submit;

/// <summary>
/// Writes a JSON tree as block-style YAML (mappings and sequences indented by two spaces). Every string is a
/// double-quoted scalar with JSON escapes, which YAML 1.2 reads as the same string whatever it holds ("yes", "1",
/// "0x10" stay strings); a multi-line string ending in one newline is a literal block (<c>|</c>) so that a file
/// embedded in a ConfigMap stays readable. Numbers and booleans are plain scalars.
/// </summary>
internal static class YamlText
{
    /// <summary>One YAML document for <paramref name="root"/> (a mapping).</summary>
    public static string Document(JsonObject root)
    {
        var sb = new StringBuilder();
        Mapping(sb, root, 0);
        return sb.ToString();
    }

    private static void Mapping(StringBuilder sb, JsonObject map, int indent)
    {
        foreach (var (key, value) in map)
        {
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            Value(sb, value, indent);
        }
    }

    // After "key:" or "-": the value on the same line (scalars, empty collections) or on the next lines.
    private static void Value(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                sb.Append('\n');
                Mapping(sb, o, indent + 2);
                break;
            case JsonObject:
                sb.Append(" {}\n");
                break;
            case JsonArray a when a.Count > 0:
                sb.Append('\n');
                foreach (var item in a)
                {
                    if (item is JsonObject io && io.Count > 0)
                    {
                        // "- key: v" then the other keys aligned under the first
                        sb.Append(' ', indent + 2).Append("- ");
                        var inner = new StringBuilder();
                        Mapping(inner, io, indent + 4);
                        sb.Append(inner.ToString(indent + 4, inner.Length - indent - 4));
                    }
                    else
                    {
                        sb.Append(' ', indent + 2).Append('-');
                        Value(sb, item, indent + 2);
                    }
                }
                break;
            case JsonArray:
                sb.Append(" []\n");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                string s = v.GetValue<string>();
                if (s.Length > 1 && s.EndsWith('\n') && !s.EndsWith("\n\n", StringComparison.Ordinal) && s.IndexOf('\n') < s.Length - 1
                    && !s.Any(c => char.IsControl(c) && c != '\n') && !s.Split('\n').Any(l => l.EndsWith(' ')) && !s.StartsWith(' '))
                {
                    sb.Append(" |\n");
                    foreach (var line in s[..^1].Split('\n'))
                    {
                        if (line.Length > 0) sb.Append(' ', indent + 2).Append(line);
                        sb.Append('\n');
                    }
                }
                else sb.Append(' ').Append(Scalar(s)).Append('\n');
                break;
            case JsonValue v:
                sb.Append(' ').Append(v.ToJsonString()).Append('\n'); // numbers, true, false
                break;
            default:
                sb.Append(" null\n");
                break;
        }
    }

    // A key stays plain when it cannot be read as anything but that string (YAML 1.1 readers take yes/no/on/off as booleans).
    private static string Key(string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Za-z_][A-Za-z0-9_./-]*$")
        && !(key.ToLowerInvariant() is "y" or "n" or "yes" or "no" or "on" or "off" or "true" or "false" or "null") ? key : Scalar(key);

    private static string Scalar(string s) => JsonSerializer.Serialize(s, Options);

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Invariant text of an integer (for manifest fields that Kubernetes wants as strings).</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
