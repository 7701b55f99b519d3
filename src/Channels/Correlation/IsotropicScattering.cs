namespace PhyToolkit.Channels.Correlation;

/// <summary>Angular spread of an isotropic scattering environment (docs/fa-plkg.md alternatives, §7 [L]).</summary>
public enum IsotropicScattering
{
    /// <summary>2-D isotropic (Clarke/Jakes) scattering: <c>R_mn = J₀(2π d_mn)</c>.</summary>
    TwoDimensional,

    /// <summary>3-D isotropic scattering (planar FAS): <c>R_mn = sinc(2 d_mn) = sin(2π d_mn)/(2π d_mn)</c>.</summary>
    ThreeDimensional,
}
