using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Hyper-parameters of an <see cref="AdaGo"/> parameter group. With <see cref="UseAdaGo"/> = true the group holds weight
/// matrices (≥ 2-D, flattened to (shape[0], −1)); with false it is updated by AdamW using the inherited fields.
/// </summary>
/// <remarks>[PROPOSED] toolkit defaults (docs/optim-adago.md; the paper's defaults were not available): η = 0.1,
/// μ = 0.95, γ = 1, ε = 1e-6, v0 = 1, Nesterov off, 5 NS steps, width scaling on (optax behaviour). AdamW groups:
/// lr 1e-3 (our choice; optax reuses η), β = (0.9, 0.999) (optax <c>adam_b1</c>/<c>adam_b2</c>), ε = 1e-8.</remarks>
public class AdaGoOptions : AdamOptions
{
    /// <summary>True: AdaGO update; false: AdamW. Null: true.</summary>
    public bool? UseAdaGo { get; set; }

    /// <summary>Momentum μ in [0, 1).</summary>
    public double? Momentum { get; set; }

    /// <summary>Nesterov look-ahead (optax option; off in the paper's algorithm).</summary>
    public bool? Nesterov { get; set; }

    /// <summary>Gradient-norm clamp γ &gt; 0 (PositiveInfinity disables the clamp).</summary>
    public double? Gamma { get; set; }

    /// <summary>Step-size floor ε ≥ 0.</summary>
    public double? MinStepSize { get; set; }

    /// <summary>Initial accumulator v0 &gt; 0 (the accumulator starts at v0²).</summary>
    public double? InitialAccumulator { get; set; }

    /// <summary>Multiply the orthogonalised direction by sqrt(max(1, m/n)) (optax); false for paper-literal runs.</summary>
    public bool? WidthScale { get; set; }

    /// <summary>Newton–Schulz iterations in [1, 100].</summary>
    public int? NsSteps { get; set; }

    /// <summary>Only read from the optimiser's defaults: the learning rate given to AdamW groups that set none.</summary>
    public double? AdamLearningRate { get; set; }

    /// <inheritdoc />
    public override void FillFrom(AdamOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var d = defaults as AdaGoOptions;
        UseAdaGo ??= true;
        if (UseAdaGo == false) LearningRate ??= d?.AdamLearningRate;
        base.FillFrom(defaults);
        Momentum ??= d?.Momentum;
        Nesterov ??= d?.Nesterov;
        Gamma ??= d?.Gamma;
        MinStepSize ??= d?.MinStepSize;
        InitialAccumulator ??= d?.InitialAccumulator;
        WidthScale ??= d?.WidthScale;
        NsSteps ??= d?.NsSteps;
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Guard.UnitInterval(Momentum ?? double.NaN, "momentum");
        Guard.PositiveOrInfinity(Gamma ?? double.NaN, "gamma");
        Guard.NonNegative(MinStepSize ?? double.NaN, "minStepSize");
        Guard.Positive(InitialAccumulator ?? double.NaN, "initialAccumulator");
        Guard.InRange(NsSteps ?? 0, 1, 100, "nsSteps");
        if (Nesterov is null) throw new ArgumentException("Nesterov must be set.", "nesterov");
        if (WidthScale is null) throw new ArgumentException("WidthScale must be set.", "widthScale");
    }

    /// <inheritdoc />
    public override void SaveStateDict(BinaryWriter writer)
    {
        base.SaveStateDict(writer);
        writer.Write(UseAdaGo!.Value);
        writer.Write(Momentum!.Value);
        writer.Write(Nesterov!.Value);
        writer.Write(Gamma!.Value);
        writer.Write(MinStepSize!.Value);
        writer.Write(InitialAccumulator!.Value);
        writer.Write(WidthScale!.Value);
        writer.Write(NsSteps!.Value);
    }

    /// <inheritdoc />
    public override void LoadStateDict(BinaryReader reader)
    {
        base.LoadStateDict(reader);
        UseAdaGo = reader.ReadBoolean();
        Momentum = reader.ReadDouble();
        Nesterov = reader.ReadBoolean();
        Gamma = reader.ReadDouble();
        MinStepSize = reader.ReadDouble();
        InitialAccumulator = reader.ReadDouble();
        WidthScale = reader.ReadBoolean();
        NsSteps = reader.ReadInt32();
    }

    /// <inheritdoc />
    public override void LoadStateDict(OptimizerOptions source)
    {
        base.LoadStateDict(source);
        if (source is AdaGoOptions o)
        {
            UseAdaGo = o.UseAdaGo;
            Momentum = o.Momentum;
            Nesterov = o.Nesterov;
            Gamma = o.Gamma;
            MinStepSize = o.MinStepSize;
            InitialAccumulator = o.InitialAccumulator;
            WidthScale = o.WidthScale;
            NsSteps = o.NsSteps;
        }
    }
}
