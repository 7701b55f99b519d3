namespace PhyToolkit.Channels.OverTheAir;

/// <summary>What a ledger entry carried.</summary>
public enum ChannelUseKind
{
    /// <summary>The coded vector itself.</summary>
    Payload,

    /// <summary>Digital side information (scales c_m, c), counted at 32/r uses per float.</summary>
    SideInformation,
}
