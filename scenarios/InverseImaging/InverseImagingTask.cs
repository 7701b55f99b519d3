namespace PhyToolkit.Scenarios.InverseImaging;

/// <summary>The kind of forward operator of a task.</summary>
internal enum OperatorKind
{
    /// <summary>Random pixel mask.</summary>
    Inpainting,
    /// <summary>s×s average pooling.</summary>
    AveragePooling,
    /// <summary>Anti-aliased bicubic down-scaling by s.</summary>
    Bicubic,
    /// <summary>5×5 Gaussian blur, σ_k = 1, reflect boundary.</summary>
    GaussianBlur,
    /// <summary>7×7 random line kernel per image, reflect boundary.</summary>
    MotionBlur,
    /// <summary>Saturating Gaussian blur, κ = 2.</summary>
    NonlinearBlur,
}

/// <summary>
/// One task of the <c>inverse-imaging</c> scenario: its operator, its down-scaling factor, a task-fixed noise σ (null: the
/// run's <c>noiseSigma</c>), whether its images are DigitsPlusOod, and the seed name of its masks/kernels/noise
/// (<c>inpainting-s05</c> reuses the images, masks and noise draws of <c>inpainting</c>, scaled to σ = 0.05, so the two
/// points are paired image by image).
/// </summary>
internal sealed record InverseImagingTask(string Name, OperatorKind Kind, int Factor = 1, double? Sigma = null, bool Ood = false)
{
    /// <summary>Every task, in report order.</summary>
    public static readonly InverseImagingTask[] All =
    [
        new("inpainting", OperatorKind.Inpainting),
        new("inpainting-s05", OperatorKind.Inpainting, Sigma: 0.05),
        new("sr2", OperatorKind.AveragePooling, 2),
        new("sr2-bicubic", OperatorKind.Bicubic, 2),
        new("sr4", OperatorKind.AveragePooling, 4),
        new("sr4-bicubic", OperatorKind.Bicubic, 4),
        new("gaussian-deblur", OperatorKind.GaussianBlur),
        new("motion-deblur", OperatorKind.MotionBlur),
        new("nonlinear-deblur", OperatorKind.NonlinearBlur),
        new("inpainting-ood", OperatorKind.Inpainting, Ood: true),
    ];

    public static InverseImagingTask Of(string name) => All.First(t => t.Name == name);

    /// <summary>Seed name: images, masks, kernels and noise draws are keyed by it.</summary>
    public string SeedName => Name == "inpainting-s05" ? "inpainting" : Name;

    /// <summary>Blur tasks take K_gd = deblurGradientSteps normalized gradient steps in DMILO-PGD [code].</summary>
    public bool IsBlur => Kind is OperatorKind.GaussianBlur or OperatorKind.MotionBlur or OperatorKind.NonlinearBlur;

    /// <summary>Super-resolution tasks (factor s).</summary>
    public bool IsSuperResolution => Kind is OperatorKind.AveragePooling or OperatorKind.Bicubic;

    /// <summary>
    /// DMILO lr_z [code]: 2e-2 inpainting, 8e-3 Gaussian/motion deblur, 1e-2 otherwise (SR, nonlinear deblur; the
    /// out-of-range inpainting task keeps the 1e-2 it has used since it was added).
    /// </summary>
    public double DmiloLearningRate => Kind switch
    {
        OperatorKind.Inpainting when !Ood => 2e-2,
        OperatorKind.GaussianBlur or OperatorKind.MotionBlur => 8e-3,
        _ => 1e-2,
    };

    /// <summary>DMILO-PGD lr_z [code]: 1e-2 for super-resolution, 2e-2 otherwise.</summary>
    public double PgdLearningRate => IsSuperResolution ? 1e-2 : 2e-2;
}
