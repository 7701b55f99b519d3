using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>A parameter group of <see cref="AdaGo"/>: weight matrices (AdaGO update) or other parameters (AdamW).</summary>
public sealed class AdaGoParamGroup : ParamGroup<AdaGoOptions>
{
    /// <summary>Creates a group from explicit options (null fields take the optimiser's defaults).</summary>
    /// <param name="parameters">The group's parameters.</param>
    /// <param name="options">The group's options.</param>
    public AdaGoParamGroup(IEnumerable<Parameter> parameters, AdaGoOptions options) : base(parameters, options)
    {
    }

    /// <summary>An AdaGO group of weight matrices (each parameter ≥ 2-D); null arguments take the optimiser defaults.</summary>
    /// <param name="parameters">Weight matrices.</param>
    /// <param name="lr">Base step η ≥ 0, or null.</param>
    /// <param name="momentum">μ in [0, 1), or null.</param>
    /// <param name="gamma">Clamp γ &gt; 0, or null.</param>
    /// <param name="minStepSize">Floor ε ≥ 0, or null.</param>
    /// <param name="initialAccumulator">v0 &gt; 0, or null.</param>
    public static AdaGoParamGroup AdaGo(IEnumerable<Parameter> parameters, double? lr = null, double? momentum = null, double? gamma = null, double? minStepSize = null, double? initialAccumulator = null) =>
        new(parameters, new AdaGoOptions { UseAdaGo = true, LearningRate = lr, Momentum = momentum, Gamma = gamma, MinStepSize = minStepSize, InitialAccumulator = initialAccumulator });

    /// <summary>An AdamW group.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="lr">Learning rate ≥ 0, or null for the optimiser's Adam default.</param>
    /// <param name="beta1">β1 in [0, 1), or null.</param>
    /// <param name="beta2">β2 in [0, 1), or null.</param>
    /// <param name="eps">ε ≥ 0, or null.</param>
    /// <param name="weightDecay">Decoupled weight decay ≥ 0, or null.</param>
    public static AdaGoParamGroup Adam(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null, double? weightDecay = null) =>
        new(parameters, new AdaGoOptions { UseAdaGo = false, LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay });
}
