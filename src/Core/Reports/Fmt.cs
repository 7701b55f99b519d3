using System.Globalization;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Core.Reports;

/// <summary>
/// The one number formatter of reports, labels and captions: invariant culture, and "–" for a value that is NaN or
/// infinite (a missing point), so a report never shows "NaN".
/// </summary>
public static class Fmt
{
    /// <summary>The placeholder for a missing or undefined number.</summary>
    public const string Missing = "–";

    /// <summary>A number in a .NET custom or standard format (default: up to three decimals).</summary>
    public static string F(double value, string format = "0.###") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : Missing;

    /// <summary>A number with <paramref name="digits"/> significant digits (general format).</summary>
    public static string G(double value, int digits = 3) =>
        double.IsFinite(value) ? value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : Missing;

    /// <summary>An integer count.</summary>
    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fraction as a signed percentage, e.g. 0.274 → "+27.4 %".</summary>
    public static string Pct(double fraction, int decimals = 1) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("+0." + new string('0', decimals) + ";−0." + new string('0', decimals) + ";0", CultureInfo.InvariantCulture) + " %" : Missing;

    /// <summary>An estimate with its interval, e.g. "0.27 [0.24, 0.31]"; "0.27 [–]" when the interval is undefined.</summary>
    public static string Ci(ConfidenceInterval ci, string format = "0.###") =>
        ci.IsDefined ? $"{F(ci.Estimate, format)} [{F(ci.Low, format)}, {F(ci.High, format)}]" : $"{F(ci.Estimate, format)} [{Missing}]";

    /// <summary>An interval of a fraction as percentages, e.g. "+27.4 % [+23.9, +31.1]".</summary>
    public static string PctCi(ConfidenceInterval ci, int decimals = 1) =>
        ci.IsDefined
            ? $"{Pct(ci.Estimate, decimals)} [{Pct(ci.Low, decimals)[..^2]}, {Pct(ci.High, decimals)[..^2]}]"
            : $"{Pct(ci.Estimate, decimals)} [{Missing}]";

    /// <summary>A number for a label or metric name (up to three decimals, no trailing zeros).</summary>
    public static string Label(double value) => F(value, "0.###");
}
