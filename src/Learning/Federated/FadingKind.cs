namespace PhyToolkit.Learning.Federated;

/// <summary>Fading law selector for <see cref="OtaFlExperimentConfig"/>.</summary>
public enum FadingKind
{
    /// <summary>h = sqrt(beta).</summary>
    None,

    /// <summary>Block Rayleigh.</summary>
    Rayleigh,

    /// <summary>Block Rician with <see cref="OtaFlExperimentConfig.RicianK"/>.</summary>
    Rician,
}
