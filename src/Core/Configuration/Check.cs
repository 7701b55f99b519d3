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

    /// <summary>Requires one of the allowed strings.</summary>
    public static string OneOf(string? value, string path, params string[] allowed)
    {
        if (value == null || Array.IndexOf(allowed, value) < 0)
            throw new ConfigException(path, $"got '{value}'; allowed: {string.Join(", ", allowed.Select(a => "'" + a + "'"))}");
        return value;
    }
}
