using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Hyper-parameters of a <see cref="Muon"/> parameter group. A group with <see cref="UseMuon"/> = true holds hidden weight
/// matrices (2-D, or higher-D flattened to (shape[0], −1)); a group with false is updated by AdamW using the inherited
/// <see cref="AdamOptions"/> fields. Null fields are filled from the optimiser's defaults.
/// </summary>
/// <remarks>Defaults (KellerJordan/Muon <c>MuonWithAuxAdam</c>): Muon lr 0.02, momentum 0.95, Nesterov on, 5 NS steps,
/// weight decay 0; Adam groups lr 3e-4, β = (0.9, 0.95), ε = 1e-10.</remarks>
public class MuonOptions : AdamOptions
{
    /// <summary>True: orthogonalised-momentum update; false: AdamW. Null: true.</summary>
    public bool? UseMuon { get; set; }

    /// <summary>Momentum β in [0, 1).</summary>
    public double? Momentum { get; set; }

    /// <summary>Nesterov look-ahead U = (1−β)G + βB instead of U = B.</summary>
    public bool? Nesterov { get; set; }

    /// <summary>Newton–Schulz iterations in [1, 100].</summary>
    public int? NsSteps { get; set; }

    /// <summary>Only read from the optimiser's defaults: the learning rate given to AdamW groups that set none.</summary>
    public double? AdamLearningRate { get; set; }

    /// <inheritdoc />
    public override void FillFrom(AdamOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var d = defaults as MuonOptions;
        UseMuon ??= true;
        if (UseMuon == false) LearningRate ??= d?.AdamLearningRate;
        base.FillFrom(defaults);
        Momentum ??= d?.Momentum;
        Nesterov ??= d?.Nesterov;
        NsSteps ??= d?.NsSteps;
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        Guard.UnitInterval(Momentum ?? double.NaN, "momentum");
        Guard.InRange(NsSteps ?? 0, 1, 100, "nsSteps");
        if (Nesterov is null) throw new ArgumentException("Nesterov must be set.", "nesterov");
    }

    /// <inheritdoc />
    public override void SaveStateDict(BinaryWriter writer)
    {
        base.SaveStateDict(writer);
        writer.Write(UseMuon!.Value);
        writer.Write(Momentum!.Value);
        writer.Write(Nesterov!.Value);
        writer.Write(NsSteps!.Value);
    }

    /// <inheritdoc />
    public override void LoadStateDict(BinaryReader reader)
    {
        base.LoadStateDict(reader);
        UseMuon = reader.ReadBoolean();
        Momentum = reader.ReadDouble();
        Nesterov = reader.ReadBoolean();
        NsSteps = reader.ReadInt32();
    }

    /// <inheritdoc />
    public override void LoadStateDict(OptimizerOptions source)
    {
        base.LoadStateDict(source);
        if (source is MuonOptions o)
        {
            UseMuon = o.UseMuon;
            Momentum = o.Momentum;
            Nesterov = o.Nesterov;
            NsSteps = o.NsSteps;
        }
    }
}
