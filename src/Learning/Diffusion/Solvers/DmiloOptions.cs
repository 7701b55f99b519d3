namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>
/// Settings shared by <see cref="Dmilo"/> and DMILO-PGD (docs/inverse-imaging.md; values from the official
/// code [code] unless noted).
/// </summary>
public sealed record DmiloOptions
{
    /// <summary>T_out, outer sweeps (code: 5 for inpainting).</summary>
    public int OuterIterations { get; init; } = 5;

    /// <summary>T_in, Adam steps per DDIM step and sweep (code: 200 for inpainting; budget T_out·N·T_in).</summary>
    public int InnerIterations { get; init; } = 200;

    /// <summary>lr_z (code: 2e-2 inpainting, 1e-2 SR / nonlinear, 8e-3 deblur).</summary>
    public double LearningRateZ { get; init; } = 2e-2;

    /// <summary>lr_ν (code: 1e-3).</summary>
    public double LearningRateNu { get; init; } = 1e-3;

    /// <summary>λ on mean|ν| (code: 0.1); 0 with <see cref="UseDeviations"/> false gives the ν ≡ 0 ablation.</summary>
    public double Lambda { get; init; } = 0.1;

    /// <summary>Weight on mean(z²) (code: 1e-4).</summary>
    public double LatentPrior { get; init; } = 1e-4;

    /// <summary>Optimize the deviations ν_i (false: ν ≡ 0, plain ILO over DDIM steps).</summary>
    public bool UseDeviations { get; init; } = true;

    /// <summary>Seed of the initial noise (code: 123).</summary>
    public ulong Seed { get; init; } = 123;

    /// <summary>DMILO-PGD: gradient step η; null = 1/(2L) (the rule the code's values follow).</summary>
    public double? GradientStep { get; init; }

    /// <summary>DMILO-PGD: K_gd (1 for inpainting/SR; the code uses 1000 normalized steps for deblurring, our plan proposes 200).</summary>
    public int GradientSteps { get; init; } = 1;

    internal void Validate()
    {
        Guard.AtLeast(OuterIterations, 1, nameof(OuterIterations));
        Guard.AtLeast(InnerIterations, 1, nameof(InnerIterations));
        Guard.Positive(LearningRateZ, nameof(LearningRateZ));
        Guard.Positive(LearningRateNu, nameof(LearningRateNu));
        Guard.NonNegative(Lambda, nameof(Lambda));
        Guard.NonNegative(LatentPrior, nameof(LatentPrior));
        if (GradientStep is { } eta) Guard.Positive(eta, nameof(GradientStep));
        Guard.AtLeast(GradientSteps, 1, nameof(GradientSteps));
    }
}
