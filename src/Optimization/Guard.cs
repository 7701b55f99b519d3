using System.Globalization;

namespace PhyToolkit.Optimization;

/// <summary>Argument checks that throw <see cref="ArgumentOutOfRangeException"/> naming the parameter and the allowed range.</summary>
internal static class Guard
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static double InRange(double value, double min, double max, string name)
    {
        if (double.IsNaN(value) || value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a number in [{F(min)}, {F(max)}].");
        return value;
    }

    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");
        return value;
    }

    public static double Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0.");
        return value;
    }

    public static double PositiveOrInfinity(double value, string name)
    {
        if (double.IsNaN(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0 (may be +Infinity).");
        return value;
    }

    public static double NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0.");
        return value;
    }

    public static int AtLeast(int value, int min, string name)
    {
        if (value < min)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be an integer >= {min}.");
        return value;
    }

    public static long AtLeast(long value, long min, string name)
    {
        if (value < min)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be an integer >= {min}.");
        return value;
    }
}
