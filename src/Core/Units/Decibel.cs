namespace PhyToolkit.Core.Units;

/// <summary>Power-ratio conversions between decibels and linear scale.</summary>
public static class Decibel
{
    /// <summary>10^(dB/10).</summary>
    public static double ToLinear(double db) => Math.Pow(10, db / 10);

    /// <summary>10·log10(linear).</summary>
    public static double FromLinear(double linear) => 10 * Math.Log10(linear);
}
