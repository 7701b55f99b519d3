namespace PhyToolkit.Core.Configuration;

/// <summary>
/// A user error in a scenario file, an options record or a command-line value: names the JSON path (or argument), the
/// value given and what is allowed. The command line prints <see cref="Exception.Message"/> as one line and exits with
/// code 2. It is an <see cref="ArgumentException"/>, so library callers that validate an options record see the usual
/// exception type.
/// </summary>
public sealed class ConfigException : ArgumentException
{
    /// <summary>Creates the error.</summary>
    /// <param name="path">JSON path or argument name, e.g. "parameters.snrDb[2]" or "--shard".</param>
    /// <param name="problem">What is wrong and what is allowed.</param>
    public ConfigException(string path, string problem) : base(Compose(path, problem)) { Path = path; }

    /// <summary>The JSON path or argument.</summary>
    public string Path { get; }

    /// <summary>The message on one line: control characters (a newline in a value, say) are shown escaped as <c>\uXXXX</c>.</summary>
    private static string Compose(string path, string problem) => OneLine(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}");

    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text)
            if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        return sb.ToString();
    }
}
