namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Full power: every device always transmits at its peak budget, <c>f_m = A_max,m / A</c>, p_m = 1. No channel
/// alignment, so an over-the-air sum is weighted by the fading gains (useful without fading or as a baseline).
/// </summary>
public sealed class FullPowerControl : IPowerControl
{
    private readonly double[] _peaks;

    /// <summary>Creates the policy.</summary>
    /// <param name="peakAmplitudes">A_max,m per device (&gt; 0).</param>
    /// <param name="symbolAmplitude">Symbol amplitude A (&gt; 0).</param>
    public FullPowerControl(ReadOnlySpan<double> peakAmplitudes, double symbolAmplitude = 1)
    {
        _peaks = Guard.AllPositive(peakAmplitudes, "peakAmplitudes");
        SymbolAmplitude = Guard.Positive(symbolAmplitude, "symbolAmplitude");
    }

    /// <inheritdoc />
    public int Devices => _peaks.Length;

    /// <inheritdoc />
    public double SymbolAmplitude { get; }

    /// <inheritdoc />
    public double PeakAmplitude(int device) => _peaks[device];

    /// <inheritdoc />
    public double InclusionProbability(int device) => _peaks[device] > 0 ? 1 : 0;

    /// <inheritdoc />
    public double AmplitudeFactor(int device, double gain) => _peaks[device] / SymbolAmplitude;
}
