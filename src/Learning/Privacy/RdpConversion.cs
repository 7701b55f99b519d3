namespace PhyToolkit.Learning.Privacy;

/// <summary>How an RDP curve ε_RDP(α) is converted to (ε, δ)-DP.</summary>
public enum RdpConversion
{
    /// <summary>ε = min_α [ε_RDP(α) + log(1/δ)/(α − 1)] (Mironov, arXiv:1702.07476, Prop. 3). The default.</summary>
    Classic,

    /// <summary>
    /// ε = min_α [ε_RDP(α) + log((α − 1)/α) − (log δ + log α)/(α − 1)] (Balle et al., "Hypothesis testing interpretations
    /// and Renyi differential privacy", arXiv:1905.09982, Thm. 21; the conversion used by Opacus and TF Privacy); never larger
    /// than <see cref="Classic"/>.
    /// </summary>
    Improved,
}
