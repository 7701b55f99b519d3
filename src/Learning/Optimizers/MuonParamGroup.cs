using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>A parameter group of <see cref="Muon"/>: either hidden matrices (Muon update) or other parameters (AdamW).</summary>
public sealed class MuonParamGroup : ParamGroup<MuonOptions>
{
    /// <summary>Creates a group from explicit options (null fields take the optimiser's defaults).</summary>
    /// <param name="parameters">The group's parameters.</param>
    /// <param name="options">The group's options.</param>
    public MuonParamGroup(IEnumerable<Parameter> parameters, MuonOptions options) : base(parameters, options)
    {
    }

    /// <summary>A Muon group of hidden weight matrices (every parameter must have ≥ 2 dimensions).</summary>
    /// <param name="parameters">Hidden weight matrices.</param>
    /// <param name="lr">Learning rate ≥ 0 (null: optimiser default, 0.02 unless changed).</param>
    /// <param name="momentum">Momentum in [0, 1), or null.</param>
    /// <param name="nesterov">Nesterov look-ahead, or null.</param>
    /// <param name="nsSteps">Newton–Schulz steps in [1, 100], or null.</param>
    /// <param name="weightDecay">Decoupled weight decay ≥ 0, or null.</param>
    public static MuonParamGroup Muon(IEnumerable<Parameter> parameters, double? lr = null, double? momentum = null, bool? nesterov = null, int? nsSteps = null, double? weightDecay = null) =>
        new(parameters, new MuonOptions { UseMuon = true, LearningRate = lr, Momentum = momentum, Nesterov = nesterov, NsSteps = nsSteps, WeightDecay = weightDecay });

    /// <summary>An AdamW group (biases, gains, embeddings, output head).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="lr">Learning rate ≥ 0 (null: the optimiser's Adam default, 3e-4 unless changed).</param>
    /// <param name="beta1">β1 in [0, 1), or null.</param>
    /// <param name="beta2">β2 in [0, 1), or null.</param>
    /// <param name="eps">ε ≥ 0, or null.</param>
    /// <param name="weightDecay">Decoupled weight decay ≥ 0, or null.</param>
    public static MuonParamGroup Adam(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null, double? weightDecay = null) =>
        new(parameters, new MuonOptions { UseMuon = false, LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay });
}
