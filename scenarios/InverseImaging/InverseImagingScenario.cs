using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.InverseImaging;

/// <summary>
/// <c>inverse-imaging</c>: inverse problems on generated 16×16 digits (inpainting at σ = 0.01 and 0.05, SR ×2 and ×4 by
/// average pooling and bicubic down-scaling, Gaussian, motion and saturating deblur, out-of-range inpainting) solved by
/// least squares, Tikhonov, TV-FISTA and the diffusion-prior solvers DMPlug (also at 5× the budget), DMILO and DMILO-PGD
/// (arXiv 2505.20789) with a TinyMLP DDPM prior trained here from generated images, at an equal network budget.
/// </summary>
public sealed class InverseImagingScenario : Scenario<InverseImagingParameters>
{
    /// <inheritdoc/>
    public override string Name => "inverse-imaging";

    /// <inheritdoc/>
    public override string Summary => "Imaging inverse problems with a tiny diffusion prior: DMPlug vs DMILO vs DMILO-PGD vs TV/Tikhonov/least squares at equal budget";

    /// <inheritdoc/>
    public override string DocsPage => "docs/inverse-imaging.md";

    /// <summary>Quick: a smoke-trained prior (150 steps, width 128, 2 blocks, batch 32), budget 150, 4 images per task, 3 seeds in the C5 study, no C1 memory study.</summary>
    protected override InverseImagingParameters DefaultParameters(bool quick) => quick
        ? new InverseImagingParameters { PriorSteps = 150, PriorWidth = 128, PriorBlocks = 2, PriorBatch = 32, Budget = 150, DeblurGradientSteps = 50, ClassicalIterations = 100, SeedStudySeeds = 3, MemoryStudy = false }
        : new InverseImagingParameters();

    /// <summary>Each block solves <c>trialsPerBlock</c> test images in one batch; quick 1 × 4 images, full 1 × 32 (spec: 32; one
    /// batch of 32 costs about half as much per image as four of 8, docs/inverse-imaging.md).</summary>
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(1, trialsPerBlock: quick ? 4 : 32);

    /// <inheritdoc/>
    protected override IScenarioRun CreateRun(InverseImagingParameters parameters, ScenarioConfig config) => new InverseImagingRun(parameters, config);
}
