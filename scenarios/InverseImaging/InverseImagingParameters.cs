using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.InverseImaging;

/// <summary>
/// Parameters of the <c>inverse-imaging</c> scenario (docs/inverse-imaging.md). Defaults follow the small-scale plan
/// ([proposal]) with the paper code's solver values where they exist ([code]).
/// </summary>
public sealed record InverseImagingParameters : IValidatable
{
    /// <summary>Known task names.</summary>
    public static readonly string[] KnownTasks = [.. InverseImagingTask.All.Select(t => t.Name)];

    /// <summary>Tasks: inpainting 70 % (at noiseSigma, and <c>inpainting-s05</c> at σ = 0.05 for C6), SR ×2 and ×4 by average pooling and by anti-aliased
    /// bicubic down-scaling, Gaussian 5×5 σ 1 deblur, motion deblur (7×7 random line kernel per image), saturating nonlinear deblur, and inpainting of
    /// DigitsPlusOod images with the out-of-range study C3.</summary>
    public string[] Tasks { get; init; } = [.. KnownTasks];

    /// <summary>Image side (16; StrokeDigits test images).</summary>
    public int ImageSide { get; init; } = 16;

    /// <summary>Noise σ on the [-1, 1] scale (paper: 0.01 [code]).</summary>
    public double NoiseSigma { get; init; } = 0.01;

    /// <summary>Fraction of pixels removed for inpainting (paper: 0.7 [code]).</summary>
    public double MaskRatio { get; init; } = 0.7;

    /// <summary>Budget B per image in single-step network forward+backward calls, shared by every diffusion solver (spec: 3000;
    /// default 1500 so that the whole default run fits about 20 minutes on 2 cores, docs/inverse-imaging.md; the ratios between
    /// the methods are the spec's: DMPlug K = B/N, DMILO T_out·N·T_in = B, dmplug-5x 5·B).</summary>
    public int Budget { get; init; } = 1500;

    /// <summary>DDIM steps N (paper: 3).</summary>
    public int DdimSteps { get; init; } = 3;

    /// <summary>DMILO / DMILO-PGD outer iterations T_out (paper: 5 for inpainting); T_in = B / (T_out·N).</summary>
    public int OuterIterations { get; init; } = 5;

    /// <summary>DMILO-PGD normalized gradient steps K_gd for the blur tasks (paper code 1000; reduced to 200 for CPU [proposal]).</summary>
    public int DeblurGradientSteps { get; init; } = 200;

    /// <summary>Prior training steps (spec: a few thousand, ≤ 5 minutes; default 2000, measured ≈ 5 CPU-minutes at width 256).</summary>
    public int PriorSteps { get; init; } = 2000;

    /// <summary>TinyMLP width (spec: 512; default 256, about half the cost per network call, for the 20-minute run).</summary>
    public int PriorWidth { get; init; } = 256;

    /// <summary>TinyMLP residual blocks (spec: 4).</summary>
    public int PriorBlocks { get; init; } = 4;

    /// <summary>Prior training batch (spec: 64).</summary>
    public int PriorBatch { get; init; } = 64;

    /// <summary>TV weight λ for TV-FISTA (our choice, fixed before the run; not tuned on the test images).</summary>
    public double TvLambda { get; init; } = 0.02;

    /// <summary>Tikhonov μ with Γ = D (our choice, fixed before the run).</summary>
    public double TikhonovMu { get; init; } = 0.05;

    /// <summary>Iterations of the iterative classical solvers (Landweber, TV-FISTA).</summary>
    public int ClassicalIterations { get; init; } = 200;

    /// <summary>
    /// C5 seed study: initial-latent seeds per image for DMPlug and DMILO-PGD (0 = off; else 2–20). Default 5 (the plan's
    /// count); the first seed is the solvers' default, so the main study's solve is reused.
    /// </summary>
    public int SeedStudySeeds { get; init; } = 5;

    /// <summary>Tasks of the C5 seed study (a subset of <see cref="Tasks"/>; default inpainting).</summary>
    public string[] SeedStudyTasks { get; init; } = ["inpainting"];

    /// <summary>
    /// ε-network of the prior: "tinymlp" (default) or "tinyunet" (spec §4.3; needs an even image side, which SR ×2 already
    /// requires). The architecture is part of the prior's recipe hash.
    /// </summary>
    public string PriorArchitecture { get; init; } = "tinymlp";

    /// <summary>C1 memory study (peak RSS vs N in child processes; about 2–3 minutes). Default on; off under --quick.</summary>
    public bool MemoryStudy { get; init; } = true;

    /// <summary>Largest N of the memory study (1–12; N = 1..max, both methods).</summary>
    public int MemoryStudySteps { get; init; } = 8;
    /// <summary>Tasks on which DMPlug also runs at 5× the budget (method <c>dmplug-5x</c>; spec: "to show where it saturates"); known task names; those not in <see cref="Tasks"/> are ignored.</summary>
    public string[] Dmplug5xTasks { get; init; } = ["inpainting", "sr2", "sr4"];

    /// <summary>Images per task shown in the report's image grids (the first ones of block 0; 0–8, 0 = no grids).</summary>
    public int GridImages { get; init; } = 4;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        if (Tasks.Length == 0) throw new ConfigException(Check.Path(path, "tasks"), "must list at least one task");
        for (int i = 0; i < Tasks.Length; i++) Check.OneOf(Tasks[i], $"{Check.Path(path, "tasks")}[{i}]", KnownTasks);
        Check.Distinct(Tasks, Check.Path(path, "tasks"));
        Check.InRange(ImageSide, 8, 32, Check.Path(path, "imageSide"));
        if (ImageSide % 2 != 0) throw new ConfigException(Check.Path(path, "imageSide"), $"must be even (SR ×2); got {ImageSide}");
        if (ImageSide % 4 != 0 && Tasks.FirstOrDefault(t => InverseImagingTask.Of(t).Factor == 4) is { } x4)
            throw new ConfigException(Check.Path(path, "imageSide"), $"must be divisible by 4 when {Check.Path(path, "tasks")} holds \"{x4}\" (SR ×4); got {ImageSide}");
        Check.InRange(NoiseSigma, 0, 0.5, Check.Path(path, "noiseSigma"));
        if (!(MaskRatio >= 0 && MaskRatio < 1)) throw new ConfigException(Check.Path(path, "maskRatio"), $"must lie in [0, 1); got {MaskRatio}");
        Check.InRange(DdimSteps, 1, 8, Check.Path(path, "ddimSteps"));
        Check.InRange(OuterIterations, 1, 100, Check.Path(path, "outerIterations"));
        Check.InRange(Budget, OuterIterations * DdimSteps, 1_000_000, Check.Path(path, "budget"));
        Check.InRange(DeblurGradientSteps, 1, 10_000, Check.Path(path, "deblurGradientSteps"));
        Check.InRange(PriorSteps, 1, 1_000_000, Check.Path(path, "priorSteps"));
        Check.InRange(PriorWidth, 8, 4096, Check.Path(path, "priorWidth"));
        Check.InRange(PriorBlocks, 1, 16, Check.Path(path, "priorBlocks"));
        Check.InRange(PriorBatch, 1, 4096, Check.Path(path, "priorBatch"));
        Check.InRange(TvLambda, 0, 10, Check.Path(path, "tvLambda"));
        Check.InRange(TikhonovMu, 0, 100, Check.Path(path, "tikhonovMu"));
        Check.InRange(ClassicalIterations, 1, 100_000, Check.Path(path, "classicalIterations"));
        if (SeedStudySeeds != 0) Check.InRange(SeedStudySeeds, 2, 20, Check.Path(path, "seedStudySeeds"));
        for (int i = 0; i < SeedStudyTasks.Length; i++)
            Check.OneOf(SeedStudyTasks[i], $"{Check.Path(path, "seedStudyTasks")}[{i}]", Tasks);
        Check.Distinct(SeedStudyTasks, Check.Path(path, "seedStudyTasks"));
        Check.OneOf(PriorArchitecture, Check.Path(path, "priorArchitecture"), ["tinymlp", "tinyunet"]);
        Check.InRange(MemoryStudySteps, 1, 12, Check.Path(path, "memoryStudySteps"));
        for (int i = 0; i < Dmplug5xTasks.Length; i++)
            Check.OneOf(Dmplug5xTasks[i], $"{Check.Path(path, "dmplug5xTasks")}[{i}]", KnownTasks);
        Check.Distinct(Dmplug5xTasks, Check.Path(path, "dmplug5xTasks"));
        Check.InRange(GridImages, 0, 8, Check.Path(path, "gridImages"));
    }
}
