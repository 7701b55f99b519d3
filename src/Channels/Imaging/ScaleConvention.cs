namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// The intensity scale on which a noise level is stated. Images live on [-1, 1] inside the module; the paper code adds
/// σ on that scale, which equals σ/2 on [0, 1] (docs/inverse-imaging.md, [code]; the confusion is a recurring
/// user question). Making the convention a field keeps comparisons honest.
/// </summary>
public enum ScaleConvention
{
    /// <summary>σ is stated on the [-1, 1] scale (the DPS/DMPlug/DMILO code convention).</summary>
    SignedUnit,

    /// <summary>σ is stated on the [0, 1] scale (equals 2σ on [-1, 1]).</summary>
    Unit,
}
