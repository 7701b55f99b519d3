using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Adam / AdamW written in managed TorchSharp code: the same path serves the auxiliary groups of <see cref="Muon"/> and
/// <see cref="AdaGo"/>, and with <c>weightDecay = 0</c> it reproduces TorchSharp's built-in <c>torch.optim.Adam</c>
/// trajectory (same operation order).
/// </summary>
/// <remarks>
/// <para>Update (Kingma &amp; Ba, arXiv:1412.6980, Alg. 1; decoupled decay of AdamW, arXiv:1711.05101):
/// θ ← θ(1 − lr·λ); m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; θ ← θ − (lr/(1−β1^t))·m/(√v/√(1−β2^t) + ε).</para>
/// <para>Defaults are torch's (lr 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0). Note that TorchSharp's factory
/// <c>torch.optim.Adam</c> defaults β2 = 0.99, so pass β2 explicitly when comparing.</para>
/// </remarks>
public class ManagedAdam : ManagedOptimizer, torch.optim.IBetas
{
    /// <summary>Creates the optimiser over one group.</summary>
    /// <param name="parameters">Parameters to optimise (e.g. <c>model.parameters()</c>).</param>
    /// <param name="lr">Learning rate ≥ 0.</param>
    /// <param name="beta1">β1 in [0, 1).</param>
    /// <param name="beta2">β2 in [0, 1).</param>
    /// <param name="eps">ε ≥ 0.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0 (0 = Adam, &gt; 0 = AdamW).</param>
    public ManagedAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this(Defaults(lr, beta1, beta2, eps, weightDecay))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        add_param_group(new AdamParamGroup(parameters));
    }

    /// <summary>Creates the optimiser over one group of named parameters (names appear in error messages).</summary>
    /// <param name="parameters">Named parameters (e.g. <c>model.named_parameters()</c>).</param>
    /// <param name="lr">Learning rate ≥ 0.</param>
    /// <param name="beta1">β1 in [0, 1).</param>
    /// <param name="beta2">β2 in [0, 1).</param>
    /// <param name="eps">ε ≥ 0.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    public ManagedAdam(IEnumerable<(string name, Parameter parameter)> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this(Defaults(lr, beta1, beta2, eps, weightDecay))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        SetNames(list);
        add_param_group(new AdamParamGroup(list.Select(x => x.parameter)));
    }

    /// <summary>Creates the optimiser over parameter groups; unset group fields take these defaults.</summary>
    /// <param name="groups">Parameter groups.</param>
    /// <param name="lr">Default learning rate ≥ 0.</param>
    /// <param name="beta1">Default β1 in [0, 1).</param>
    /// <param name="beta2">Default β2 in [0, 1).</param>
    /// <param name="eps">Default ε ≥ 0.</param>
    /// <param name="weightDecay">Default decoupled weight decay λ ≥ 0.</param>
    public ManagedAdam(IEnumerable<AdamParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this(Defaults(lr, beta1, beta2, eps, weightDecay))
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var g in groups) add_param_group(g);
    }

    private protected ManagedAdam(AdamOptions defaults) : base(defaults)
    {
    }

    private static AdamOptions Defaults(double lr, double beta1, double beta2, double eps, double weightDecay)
    {
        var d = new AdamOptions { LearningRate = lr, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay };
        d.Validate();
        return d;
    }

    /// <summary>(β1, β2) of the defaults; setting it changes the defaults and every group (used by some schedulers).</summary>
    public (double, double) Betas
    {
        get => (((AdamOptions)_defaults).Beta1!.Value, ((AdamOptions)_defaults).Beta2!.Value);
        set
        {
            Guard.UnitInterval(value.Item1, "beta1");
            Guard.UnitInterval(value.Item2, "beta2");
            foreach (var o in _parameter_groups.Select(g => (AdamOptions)g.Options).Append((AdamOptions)_defaults))
            {
                o.Beta1 = value.Item1;
                o.Beta2 = value.Item2;
            }
        }
    }

    private protected override AdamOptions PrepareOptions(OptimizerOptions? given)
    {
        var o = given switch
        {
            null => new AdamOptions(),
            AdamOptions a => a,
            _ => throw new ArgumentException($"Expected {nameof(AdamOptions)}, got {given.GetType().Name}.", nameof(given)),
        };
        o.FillFrom((AdamOptions)_defaults);
        o.Validate();
        return o;
    }

    private protected override ParameterState CreateState(Parameter parameter, AdamOptions options, string name)
    {
        var st = new ParameterState(parameter);
        AdamKernel.InitState(st, parameter);
        return st;
    }

    private protected override void StepGroup(ParamGroup group)
    {
        var o = (AdamOptions)group.Options;
        foreach (var p in group.Parameters)
        {
            var g = p.grad;
            if (g is null) continue;
            AdamKernel.Step(p, g, StateOf(p), o, Quantizer);
        }
    }
}
