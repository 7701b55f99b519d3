using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Hyper-parameters of the Adam/AdamW update used by <see cref="ManagedAdam"/> and by the auxiliary (non-matrix) groups of
/// <see cref="Muon"/> and <see cref="AdaGo"/>. Null fields are filled from the optimiser's defaults.
/// </summary>
/// <remarks>Equations (Kingma &amp; Ba, arXiv:1412.6980; decoupled decay: Loshchilov &amp; Hutter, arXiv:1711.05101):
/// θ ← θ(1 − lr·λ); m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; θ ← θ − (lr/(1−β1^t))·m/(√v/√(1−β2^t) + ε).</remarks>
public class AdamOptions : OptimizerOptions
{
    /// <summary>First-moment decay β1 in [0, 1).</summary>
    public double? Beta1 { get; set; }

    /// <summary>Second-moment decay β2 in [0, 1).</summary>
    public double? Beta2 { get; set; }

    /// <summary>Denominator floor ε ≥ 0.</summary>
    public double? Eps { get; set; }

    /// <summary>Decoupled (AdamW) weight decay λ ≥ 0, applied as θ ← θ(1 − lr·λ).</summary>
    public double? WeightDecay { get; set; }

    /// <summary>Fills unset fields from <paramref name="defaults"/>.</summary>
    /// <param name="defaults">The optimiser's default options.</param>
    public virtual void FillFrom(AdamOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        LearningRate ??= defaults.LearningRate;
        Beta1 ??= defaults.Beta1;
        Beta2 ??= defaults.Beta2;
        Eps ??= defaults.Eps;
        WeightDecay ??= defaults.WeightDecay;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid field.</summary>
    public virtual void Validate()
    {
        Guard.NonNegative(LearningRate ?? double.NaN, "lr");
        Guard.UnitInterval(Beta1 ?? double.NaN, "beta1");
        Guard.UnitInterval(Beta2 ?? double.NaN, "beta2");
        Guard.NonNegative(Eps ?? double.NaN, "eps");
        Guard.NonNegative(WeightDecay ?? double.NaN, "weightDecay");
    }

    /// <inheritdoc />
    public override void SaveStateDict(BinaryWriter writer)
    {
        base.SaveStateDict(writer);
        writer.Write(Beta1!.Value);
        writer.Write(Beta2!.Value);
        writer.Write(Eps!.Value);
        writer.Write(WeightDecay!.Value);
    }

    /// <inheritdoc />
    public override void LoadStateDict(BinaryReader reader)
    {
        base.LoadStateDict(reader);
        Beta1 = reader.ReadDouble();
        Beta2 = reader.ReadDouble();
        Eps = reader.ReadDouble();
        WeightDecay = reader.ReadDouble();
    }

    /// <inheritdoc />
    public override void LoadStateDict(OptimizerOptions source)
    {
        base.LoadStateDict(source);
        if (source is AdamOptions o)
        {
            Beta1 = o.Beta1;
            Beta2 = o.Beta2;
            Eps = o.Eps;
            WeightDecay = o.WeightDecay;
        }
    }
}
