namespace PhyToolkit.Channels.OverTheAir;

/// <summary>What the server knows after one uplink aggregation.</summary>
/// <param name="Scale">Common scale c (OTA) or max_m c_m (orthogonal); 0 for digital.</param>
/// <param name="Participants">Workers that actually transmitted (truncation may silence some).</param>
/// <param name="ChannelVarianceBound">
/// Known bound on the channel-induced variance summed over coordinates, V_ch (the -v^2 terms the server cannot see are
/// dropped, so it is an upper bound; dithered-ADC error uses the uniform-in-bin value Delta^2/6 (derived)).
/// </param>
/// <param name="OverloadBiasBound">
/// Per-coordinate bound on |E[g_hat] - target| from ADC overload (Gaussian tail, derived); 0 when exact; NaN when the
/// scheme is biased by construction (naive coder / deterministic ADC on the sum).
/// </param>
/// <param name="AdcFullScale">ADC full scale R used on the sum (NaN for orthogonal and digital modes).</param>
public readonly record struct UplinkReport(double Scale, int Participants, double ChannelVarianceBound, double OverloadBiasBound, double AdcFullScale);
