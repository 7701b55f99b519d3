namespace PhyToolkit.Channels.OverTheAir;

/// <summary>What the server knows after one uplink aggregation.</summary>
/// <param name="Scale">Common scale c (OTA) or max_m c_m (orthogonal); 0 for digital.</param>
/// <param name="Participants">Workers that actually transmitted (truncation may silence some).</param>
/// <param name="ChannelVarianceBound">
/// Known upper bound on the channel-induced variance summed over coordinates (derived): for the over-the-air sum
/// V_ch = scale^2 d (sum_m a^2 max(Var g_m, E[g_m^2]/k) + (sigma^2 + Delta^2/4)/k), g_m the received gain of worker m
/// (rho/p_m with probability p_m). The participation/fading variance is not averaged by the k repetitions because the
/// fading is constant over them; Delta^2/4 is the largest variance of the dithered ADC error; each worker's term is
/// maximised over the unknown v_m^2 in [0, 1]. Without 1/p_m weighting only the 1/k part remains (variance given the known
/// participating set). Orthogonal links: sum of the per-link coder variances at v = 0.
/// </param>
/// <param name="OverloadBiasBound">
/// Per-coordinate bound on |E[g_hat] - target| from ADC overload (Gaussian tail, derived); 0 when exact; NaN when the
/// scheme is biased by construction (naive coder / deterministic ADC on the sum).
/// </param>
/// <param name="AdcFullScale">ADC full scale R used on the sum (NaN for orthogonal and digital modes).</param>
public readonly record struct UplinkReport(double Scale, int Participants, double ChannelVarianceBound, double OverloadBiasBound, double AdcFullScale);
