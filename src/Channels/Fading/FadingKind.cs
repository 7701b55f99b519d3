namespace PhyToolkit.Channels.Fading;

/// <summary>The small-scale fading law of a link (the one selector shared by every scenario and system).</summary>
public enum FadingKind
{
    /// <summary>No small-scale fading: h = √β (an AWGN link).</summary>
    None,

    /// <summary>Rayleigh: h ~ CN(0, β).</summary>
    Rayleigh,

    /// <summary>Rician with factor K: a line-of-sight part of power βK/(K+1) plus CN(0, β/(K+1)).</summary>
    Rician,
}

/// <summary>Builds the <see cref="IFadingModel"/> of a <see cref="FadingKind"/>.</summary>
public static class FadingModels
{
    /// <summary>The amplitude law of <paramref name="kind"/>; <paramref name="ricianK"/> (≥ 0) is read only for Rician.</summary>
    public static IFadingModel Create(FadingKind kind, double ricianK = 0) => kind switch
    {
        FadingKind.None => NoFading.Instance,
        FadingKind.Rayleigh => RayleighFading.Instance,
        FadingKind.Rician => new RicianFading(ricianK),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "allowed: None, Rayleigh, Rician"),
    };
}
