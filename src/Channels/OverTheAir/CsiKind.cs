namespace PhyToolkit.Channels.OverTheAir;

/// <summary>What SNR the transmitter of the adaptive digital baseline uses to pick its MCS (docs/ota-fl.md, [Proposed]).</summary>
public enum CsiKind
{
    /// <summary>The instantaneous SNR h²A²/σ² of the current fading block (perfect CSI at the transmitter): the realised SNR equals the selection SNR.</summary>
    Instantaneous,

    /// <summary>Only the link's mean SNR βA²/σ² (statistical CSI): the realised SNR under fading decides the block errors.</summary>
    Mean,
}
