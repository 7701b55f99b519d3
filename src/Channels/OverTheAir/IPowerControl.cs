namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Per-device transmit power control for over-the-air aggregation: device m sends <c>x_m = f_m(h_m) s_m</c> where
/// <c>|s_m| &lt;= A</c> is the pre-coded symbol; <c>f_m = 0</c> means the device stays silent this round.
/// Implementations guarantee <c>f_m(h) A &lt;= PeakAmplitude(m)</c> (docs/ota-fl.md, [Proposed]).
/// </summary>
public interface IPowerControl
{
    /// <summary>Number of devices.</summary>
    int Devices { get; }

    /// <summary>Symbol amplitude A the factors refer to.</summary>
    double SymbolAmplitude { get; }

    /// <summary>Peak amplitude budget A_max,m of device m (sqrt of its peak power budget P0_m).</summary>
    double PeakAmplitude(int device);

    /// <summary>Probability p_m that device m transmits in a round (over the fading law).</summary>
    double InclusionProbability(int device);

    /// <summary>Amplitude factor f_m(h) for amplitude gain <paramref name="gain"/>; 0 when silent.</summary>
    double AmplitudeFactor(int device, double gain);
}
