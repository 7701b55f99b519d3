using System.Globalization;
using System.Text;

namespace PhyToolkit.Core.Reports;

/// <summary>Major and minor tick positions for a log10 axis, in log10 units (the plotted coordinate).</summary>
/// <param name="Major">Positions k of the labelled major ticks (integers, value 10^k).</param>
/// <param name="Labels">Labels of the major ticks, e.g. "10⁻³".</param>
/// <param name="Minor">Positions of the unlabelled minor ticks.</param>
internal sealed record LogTickSet(double[] Major, string[] Labels, double[] Minor);

/// <summary>
/// Tick generator for log10 axes. ScottPlot 5 has no log scale, so the renderer plots log10(value) and labels
/// integer positions k as 10^k, with minor ticks at log10(m)+k for m = 2..9 (our choice, the usual BER-plot look).
/// </summary>
internal static class LogAxisTicks
{
    /// <summary>At most this many labelled decades; wider ranges label every s-th decade (our choice).</summary>
    public const int MaxMajorTicks = 10;

    /// <summary>
    /// Whole-decade axis range covering [minValue, maxValue] (both &gt; 0): (floor(log10 min), ceil(log10 max)),
    /// at least one decade wide.
    /// </summary>
    public static (int Low, int High) DecadeRange(double minValue, double maxValue)
    {
        if (!(minValue > 0) || !(maxValue >= minValue) || double.IsInfinity(maxValue))
            throw new ArgumentOutOfRangeException(nameof(minValue), $"need 0 < min <= max < inf, got [{minValue}, {maxValue}]");
        int low = (int)Math.Floor(Math.Log10(minValue));
        int high = (int)Math.Ceiling(Math.Log10(maxValue));
        if (high <= low) high = low + 1;
        return (low, high);
    }

    /// <summary>
    /// Ticks for the axis range [<paramref name="lowDecade"/>, <paramref name="highDecade"/>] (log10 units, integers).
    /// Up to <see cref="MaxMajorTicks"/> decades: every decade labelled, minor ticks at log10(2..9)+k.
    /// Wider: every s-th decade labelled (s = ceil(span / (MaxMajorTicks - 1))), the other decades as minor ticks.
    /// </summary>
    public static LogTickSet Generate(int lowDecade, int highDecade)
    {
        if (highDecade <= lowDecade)
            throw new ArgumentOutOfRangeException(nameof(highDecade), $"need highDecade > lowDecade, got [{lowDecade}, {highDecade}]");
        int span = highDecade - lowDecade;
        int step = span <= MaxMajorTicks - 1 ? 1 : (span + MaxMajorTicks - 2) / (MaxMajorTicks - 1);
        var major = new List<double>();
        var labels = new List<string>();
        var minor = new List<double>();
        for (int k = lowDecade; k <= highDecade; k++)
        {
            if (((k % step) + step) % step == 0)
            {
                major.Add(k);
                labels.Add(FormatPowerOfTen(k));
            }
            else
            {
                minor.Add(k);
            }
            if (step == 1 && k < highDecade)
            {
                for (int m = 2; m <= 9; m++) minor.Add(k + Math.Log10(m));
            }
        }
        return new LogTickSet([.. major], [.. labels], [.. minor]);
    }

    /// <summary>"10" followed by the exponent in Unicode superscript digits, e.g. -3 → "10⁻³", 0 → "10⁰".</summary>
    public static string FormatPowerOfTen(int exponent)
    {
        var sb = new StringBuilder("10");
        foreach (char c in exponent.ToString(CultureInfo.InvariantCulture))
        {
            sb.Append(c switch
            {
                '-' => '\u207B',
                '0' => '\u2070',
                '1' => '\u00B9',
                '2' => '\u00B2',
                '3' => '\u00B3',
                _ => (char)('\u2074' + (c - '4')),
            });
        }
        return sb.ToString();
    }
}
