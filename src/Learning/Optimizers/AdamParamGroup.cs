using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>A parameter group of <see cref="ManagedAdam"/> (and <see cref="QuantizedAdam"/>); unset hyper-parameters come from the optimiser's defaults.</summary>
public sealed class AdamParamGroup : ParamGroup<AdamOptions>
{
    /// <summary>Creates a group.</summary>
    /// <param name="parameters">The group's parameters.</param>
    /// <param name="lr">Learning rate ≥ 0, or null for the optimiser default.</param>
    /// <param name="beta1">β1 in [0, 1), or null.</param>
    /// <param name="beta2">β2 in [0, 1), or null.</param>
    /// <param name="eps">ε ≥ 0, or null.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0, or null.</param>
    public AdamParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null, double? weightDecay = null)
        : base(parameters, new AdamOptions { LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay })
    {
    }
}
