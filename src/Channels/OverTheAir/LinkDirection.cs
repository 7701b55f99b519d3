namespace PhyToolkit.Channels.OverTheAir;

/// <summary>Direction of a transmission.</summary>
public enum LinkDirection
{
    /// <summary>Workers (devices) to server.</summary>
    Uplink,

    /// <summary>Server to workers.</summary>
    Downlink,
}
