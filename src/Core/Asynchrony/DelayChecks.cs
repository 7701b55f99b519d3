using System.Globalization;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>Argument checks of the delay models: a delay is a finite number &gt;= 0.</summary>
internal static class DelayChecks
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static double NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite delay >= 0 (got {F(value)}); a negative or infinite delay is not a time.");
        return value;
    }

    public static double Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0 (got {F(value)}).");
        return value;
    }

    public static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
