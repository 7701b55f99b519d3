using System.Globalization;

namespace PhyToolkit.Core.Validation;

/// <summary>
/// The one home of the library's argument checks. Every check throws <see cref="ArgumentOutOfRangeException"/> (or
/// <see cref="ArgumentException"/> for shapes) whose message names the argument, the value it got and the allowed
/// range, in one form: <c>name = value; allowed: …</c>. Each numeric check returns its argument so a constructor can
/// check and assign in one expression. (Scenario JSON is checked by <c>PhyToolkit.Core.Configuration.Check</c>,
/// which names the JSON path instead.)
/// </summary>
public static class Guard
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static ArgumentOutOfRangeException Out(string name, object value, string shown, string allowed) =>
        new(name, value, $"{name} = {shown}; allowed: {allowed}.");

    /// <summary>A number in the closed interval [<paramref name="min"/>, <paramref name="max"/>] (NaN refused).</summary>
    public static double InRange(double value, double min, double max, string name) =>
        double.IsNaN(value) || value < min || value > max ? throw Out(name, value, F(value), $"a number in [{F(min)}, {F(max)}]") : value;

    /// <summary>An integer in the closed interval [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int InRange(int value, int min, int max, string name) =>
        value < min || value > max ? throw Out(name, value, value.ToString(CultureInfo.InvariantCulture), $"an integer in [{min}, {max}]") : value;

    /// <summary>A finite number.</summary>
    public static double Finite(double value, string name) =>
        !double.IsFinite(value) ? throw Out(name, value, F(value), "a finite number") : value;

    /// <summary>A finite number &gt; 0.</summary>
    public static double Positive(double value, string name) =>
        !double.IsFinite(value) || value <= 0 ? throw Out(name, value, F(value), "a finite number > 0") : value;

    /// <summary>A number &gt; 0, +∞ allowed (a bound that may be switched off).</summary>
    public static double PositiveOrInfinity(double value, string name) =>
        double.IsNaN(value) || value <= 0 ? throw Out(name, value, F(value), "a number > 0 (+Infinity allowed)") : value;

    /// <summary>A finite number ≥ 0.</summary>
    public static double NonNegative(double value, string name) =>
        !double.IsFinite(value) || value < 0 ? throw Out(name, value, F(value), "a finite number >= 0") : value;

    /// <summary>A number in the half-open interval [0, 1) (momentum and decay factors).</summary>
    public static double UnitInterval(double value, string name) =>
        !(value >= 0 && value < 1) ? throw Out(name, value, F(value), "a number in [0, 1)") : value;

    /// <summary>An integer ≥ <paramref name="min"/>.</summary>
    public static int AtLeast(int value, int min, string name) =>
        value < min ? throw Out(name, value, value.ToString(CultureInfo.InvariantCulture), $"an integer >= {min}") : value;

    /// <summary>A 64-bit integer ≥ <paramref name="min"/>.</summary>
    public static long AtLeast(long value, long min, string name) =>
        value < min ? throw Out(name, value, value.ToString(CultureInfo.InvariantCulture), $"an integer >= {min}") : value;

    /// <summary>A vector of exactly <paramref name="length"/> entries.</summary>
    public static void Length(ReadOnlySpan<double> vector, int length, string name)
    {
        if (vector.Length != length)
            throw new ArgumentException($"{name} has length {vector.Length}; allowed: length {length}.", name);
    }

    /// <summary>A length (of a vector, a sampler, a data set) equal to <paramref name="expected"/>.</summary>
    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has length {actual}; allowed: length {expected}.", name);
    }

    /// <summary>A non-empty vector whose every entry is finite and &gt; 0; returns a copy.</summary>
    public static double[] AllPositive(ReadOnlySpan<double> values, string name)
    {
        if (values.Length == 0) throw new ArgumentException($"{name} is empty; allowed: at least one entry.", name);
        foreach (double v in values) Positive(v, name);
        return values.ToArray();
    }
}
