using System.Globalization;

namespace PhyToolkit.Core.Configuration;

/// <summary>Validation helpers that throw <see cref="ConfigException"/> naming the path, the value and the allowed range.</summary>
public static class Check
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Requires a finite value in [min, max].</summary>
    public static double InRange(double value, double min, double max, string path)
    {
        if (!double.IsFinite(value) || value < min || value > max)
            throw new ConfigException(path, $"got {F(value)}; allowed: a finite number in [{F(min)}, {F(max)}]");
        return value;
    }

    /// <summary>Requires an integer in [min, max].</summary>
    public static int InRange(int value, int min, int max, string path)
    {
        if (value < min || value > max)
            throw new ConfigException(path, $"got {value}; allowed: an integer in [{min}, {max}]");
        return value;
    }

    /// <summary>Requires a finite value &gt; 0.</summary>
    public static double Positive(double value, string path)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ConfigException(path, $"got {F(value)}; allowed: a finite number > 0");
        return value;
    }

    /// <summary>Requires a finite value.</summary>
    public static double Finite(double value, string path)
    {
        if (!double.IsFinite(value)) throw new ConfigException(path, $"got {F(value)}; allowed: a finite number");
        return value;
    }

    /// <summary>Requires a non-empty list of finite values in [min, max].</summary>
    public static double[] AllInRange(double[]? values, double min, double max, string path)
    {
        if (values == null || values.Length == 0) throw new ConfigException(path, "must be a non-empty array of numbers");
        for (int i = 0; i < values.Length; i++) InRange(values[i], min, max, $"{path}[{i}]");
        return values;
    }

    /// <summary>Requires a non-empty list of integers in [min, max].</summary>
    public static int[] AllInRange(int[]? values, int min, int max, string path)
    {
        if (values == null || values.Length == 0) throw new ConfigException(path, "must be a non-empty array of integers");
        for (int i = 0; i < values.Length; i++) InRange(values[i], min, max, $"{path}[{i}]");
        return values;
    }

    /// <summary>Joins a parent path and a field name: <c>Path("parameters", "snrDb")</c> = "parameters.snrDb", <c>Path("", "snrDb")</c> = "snrDb".</summary>
    public static string Path(string parent, string field) => string.IsNullOrEmpty(parent) ? field : parent + "." + field;

    /// <summary>Requires a value ≥ 0 (finite).</summary>
    public static double NonNegative(double value, string path)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ConfigException(path, $"got {F(value)}; allowed: a finite number ≥ 0");
        return value;
    }

    /// <summary>Requires a non-empty list of distinct entries (no two equal), e.g. sweep grids whose entries become points.</summary>
    public static IReadOnlyList<T> Distinct<T>(IReadOnlyList<T>? values, string path) where T : notnull
    {
        if (values == null || values.Count == 0) throw new ConfigException(path, "must be a non-empty array");
        var seen = new Dictionary<T, int>();
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is null) throw new ConfigException($"{path}[{i}]", "is null");
            if (seen.TryGetValue(values[i], out int first))
                throw new ConfigException($"{path}[{i}]", $"got {Show(values[i])}, which repeats {path}[{first}]; allowed: distinct values");
            seen[values[i]] = i;
        }
        return values;
    }

    /// <summary>Requires a list of at most <paramref name="max"/> entries (documented limit; checked before any work).</summary>
    public static IReadOnlyList<T> MaxCount<T>(IReadOnlyList<T>? values, int max, string path)
    {
        if (values != null && values.Count > max)
            throw new ConfigException(path, $"has {values.Count} entries; allowed: at most {max}");
        return values ?? [];
    }

    private static string Show<T>(T value) => value switch
    {
        double d => F(d),
        string s => "'" + s + "'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Requires one of the allowed strings.</summary>
    public static string OneOf(string? value, string path, params string[] allowed)
    {
        if (value == null || Array.IndexOf(allowed, value) < 0)
            throw new ConfigException(path, $"got '{value}'; allowed: {string.Join(", ", allowed.Select(a => "'" + a + "'"))}");
        return value;
    }
}
