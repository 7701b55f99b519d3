using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// Everything that determines a trained prior (docs/inverse-imaging.md, [proposal]): the data (StrokeDigits of
/// <see cref="Shape"/>, fresh images every batch from <see cref="DataSeed"/>), the ε-network architecture, and the
/// optimizer recipe — AdamW (lr 2e-3, betas 0.9/0.999, weight decay 0), linear warm-up then cosine decay to 1e-4,
/// batch 64, gradient-norm clipping at 1, EMA of the weights with decay 0.995 (the EMA weights are the prior).
/// <see cref="Hash"/> names a checkpoint; a checkpoint from another recipe is refused.
/// </summary>
public sealed record DdpmTrainingRecipe
{
    /// <summary>Image shape (16×16 default).</summary>
    public ImageShape Shape { get; init; } = new(16, 16);

    /// <summary>
    /// The ε-network (default TinyMLP). TinyUNet needs even image sides; <see cref="Width"/> and <see cref="Blocks"/>
    /// apply to TinyMLP only (they stay in the canonical text either way).
    /// </summary>
    public PriorArchitecture Architecture { get; init; } = PriorArchitecture.TinyMlp;

    /// <summary>TinyMLP width (spec: 512).</summary>
    public int Width { get; init; } = 512;

    /// <summary>TinyMLP residual blocks (spec: 4).</summary>
    public int Blocks { get; init; } = 4;

    /// <summary>Optimizer steps, ≥ 1.</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>Images per batch, ≥ 1.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Learning rate at the end of the cosine decay.</summary>
    public double FinalLearningRate { get; init; } = 1e-4;

    /// <summary>Linear warm-up steps (clipped to <see cref="Steps"/>).</summary>
    public int WarmupSteps { get; init; } = 200;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Gradient-norm clip.</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>EMA decay in [0, 1).</summary>
    public double EmaDecay { get; init; } = 0.995;

    /// <summary>Seed of the training images, time steps and noise.</summary>
    public ulong DataSeed { get; init; } = 20250526;

    /// <summary>Seed of the weight initialization.</summary>
    public long InitSeed { get; init; } = 123;

    /// <summary>Throws naming the first invalid field.</summary>
    public void Validate()
    {
        Shape.Validated(nameof(Shape));
        if (!Enum.IsDefined(Architecture))
            throw new ArgumentOutOfRangeException(nameof(Architecture), Architecture, $"{nameof(Architecture)} = {Architecture}; allowed: TinyMlp, TinyUNet.");
        if (Architecture == PriorArchitecture.TinyUNet && (Shape.Height % 2 != 0 || Shape.Width % 2 != 0))
            throw new ArgumentOutOfRangeException(nameof(Shape), Shape, $"{nameof(Shape)} = {Shape}; allowed for TinyUNet: even height and width (one stride-2 down-sampling).");
        Guard.AtLeast(Width, 8, nameof(Width));
        Guard.AtLeast(Blocks, 1, nameof(Blocks));
        Guard.AtLeast(Steps, 1, nameof(Steps));
        Guard.AtLeast(BatchSize, 1, nameof(BatchSize));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.InRange(FinalLearningRate, 0, LearningRate, nameof(FinalLearningRate));
        Guard.AtLeast(WarmupSteps, 0, nameof(WarmupSteps));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
        Guard.Positive(GradientClip, nameof(GradientClip));
        Guard.UnitInterval(EmaDecay, nameof(EmaDecay));
    }

    /// <summary>Learning rate at 0-based step k: linear warm-up, then cosine from the peak to the final rate.</summary>
    public double LearningRateAt(int step)
    {
        int warm = Math.Min(WarmupSteps, Steps);
        if (step < warm) return LearningRate * (step + 1) / warm;
        double progress = Steps - warm <= 1 ? 1 : (step - warm) / (double)(Steps - warm - 1);
        return FinalLearningRate + 0.5 * (LearningRate - FinalLearningRate) * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1)));
    }

    /// <summary>
    /// The canonical text of the recipe (data source, every field, invariant culture). The text of a TinyMLP recipe is the
    /// one used before the architecture became a field (so cached TinyMLP priors keep their names); a TinyUNet recipe
    /// appends <c>;arch=tinyunet</c>.
    /// </summary>
    public string Canonical() => Architecture == PriorArchitecture.TinyMlp ? CanonicalV1() : CanonicalV1() + ";arch=tinyunet";

    private string CanonicalV1() => string.Create(CultureInfo.InvariantCulture,
        $"tinymlp-ddpm-v1;StrokeDigits;schedule=linear(1000,1e-4,0.02);shape={Shape};width={Width};blocks={Blocks};steps={Steps};batch={BatchSize};" +
        $"lr={LearningRate:R};lrEnd={FinalLearningRate:R};warmup={WarmupSteps};wd={WeightDecay:R};clip={GradientClip:R};ema={EmaDecay:R};" +
        $"dataSeed={DataSeed};initSeed={InitSeed}");

    /// <summary>SHA-256 of <see cref="Canonical"/>, lower-case hex.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())));
}
