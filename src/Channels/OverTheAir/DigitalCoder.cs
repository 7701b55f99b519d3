namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Digital baseline ("full-precision coded channel", docs/ota-fl.md, [Proposed accounting]): each coordinate is
/// sent as a float32 with an ideal rate-r code on binary signalling, error-free, costing <c>ceil(32 / r)</c> real channel
/// uses (64 at the default r = 1/2). The only error is float32 rounding: E[v_hat] = (float)v, variance 0.
/// </summary>
public sealed class DigitalCoder : ILinkCoder
{
    /// <summary>Creates the baseline with code rate <paramref name="codeRate"/> in (0, 1].</summary>
    public DigitalCoder(double codeRate = 0.5)
    {
        if (!(codeRate > 0 && codeRate <= 1)) throw new ArgumentOutOfRangeException(nameof(codeRate), codeRate, "codeRate must be in (0, 1]");
        CodeRate = codeRate;
        SymbolsPerCoordinate = (int)Math.Ceiling(32 / codeRate - 1e-9);
    }

    /// <summary>Code rate r.</summary>
    public double CodeRate { get; }

    /// <inheritdoc />
    public string Name => $"digital(r={CodeRate})";

    /// <inheritdoc />
    public int SymbolsPerCoordinate { get; }

    /// <summary>The error-free decoded value: float32 rounding of <paramref name="value"/>.</summary>
    public static double Decode(double value) => (float)value;

    /// <inheritdoc />
    public double Mean(double v, double gain, LinkHardware hardware) => (float)NormalisedCoordinate.Checked(v);

    /// <inheritdoc />
    public double Variance(double v, double gain, LinkHardware hardware) => 0;
}
