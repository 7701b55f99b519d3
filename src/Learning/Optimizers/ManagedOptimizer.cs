using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Common machinery of the managed TorchSharp optimisers in this namespace: parameter groups (usable by TorchSharp's
/// learning-rate schedulers through <c>ParamGroups</c>), per-parameter state that <c>state_dict()</c>,
/// <c>save_state_dict</c> and <c>load_state_dict</c> handle, parameter names for error messages, and the guard that
/// refuses a step when any gradient is NaN or Inf (checked over all parameters before any weight changes).
/// </summary>
/// <remarks>Derived from TorchSharp's <see cref="OptimizerHelper"/>, as TorchSharp's own managed Adam is.
/// Parameters without a gradient (<c>grad()</c> null) are skipped, as in torch.</remarks>
public abstract class ManagedOptimizer : OptimizerHelper
{
    private readonly Dictionary<IntPtr, string> _names = new();
    private readonly List<NewtonSchulzWorkspace> _workspaces = new();

    private protected ManagedOptimizer(AdamOptions defaults)
    {
        _defaults = defaults;
        _parameter_groups = new List<ParamGroup>();
    }

    /// <summary>The name used for <paramref name="parameter"/> in error messages (from <c>named_parameters()</c> when the
    /// optimiser was built from it, otherwise "group g, parameter i (shape …)").</summary>
    /// <param name="parameter">A parameter handled by this optimiser.</param>
    public string GetParameterName(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return _names.TryGetValue(parameter.Handle, out var n) ? n : "(unregistered parameter)";
    }

    private protected void SetNames(IEnumerable<(string name, Parameter parameter)> named)
    {
        foreach (var (name, p) in named) _names[p.Handle] = name;
    }

    /// <summary>
    /// Performs one optimisation step. When <paramref name="closure"/> is given it is evaluated first (with gradients
    /// enabled) and its loss is returned.
    /// </summary>
    /// <param name="closure">Optional: re-evaluates the model, calls backward and returns the loss.</param>
    /// <exception cref="NonFiniteGradientException">A gradient holds NaN/Inf; no weight is changed.</exception>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        Tensor? loss = null;
        if (closure != null)
        {
            using (torch.enable_grad()) loss = closure();
        }
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            CheckGradients();
            foreach (var group in _parameter_groups) StepGroup(group);
        }
        return loss!;
    }

    private protected void CheckGradients()
    {
        foreach (var group in _parameter_groups)
        {
            foreach (var p in group.Parameters)
            {
                var g = p.grad;
                if (g is null) continue;
                TensorChecks.RequireFinite(g, GetParameterName(p));
            }
        }
    }

    private protected abstract void StepGroup(ParamGroup group);

    /// <summary>Creates the options of a group (typed, filled from defaults) and validates them.</summary>
    private protected abstract AdamOptions PrepareOptions(OptimizerOptions? given);

    /// <summary>Validates a parameter for the group's options and creates its state.</summary>
    private protected abstract ParameterState CreateState(Parameter parameter, AdamOptions options, string name);

    /// <summary>Rounding of stored quantities (null: full precision); set by the quantised optimisers.</summary>
    private protected TensorQuantizer? Quantizer { get; set; }

    /// <summary>Rounds every weight with the spec's weight format (the "stored quantised" initial state).</summary>
    private protected void QuantizeWeights()
    {
        if (Quantizer is null) return;
        using (torch.no_grad())
            foreach (var g in _parameter_groups)
                foreach (var p in g.Parameters) Quantizer.Apply(p, Quantizer.Spec.Weight);
    }

    private protected ParameterState StateOf(Parameter p) => (ParameterState)_state[p.Handle];

    /// <summary>The state of a parameter in a Muon/AdaGO matrix group (one with a momentum buffer).</summary>
    private protected ParameterState MatrixStateOf(Parameter parameter, string method)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!_state.ContainsKey(parameter.Handle) || StateOf(parameter).Momentum is null)
            throw new ArgumentException($"The parameter is not in a {method} matrix group of this optimiser.", nameof(parameter));
        return StateOf(parameter);
    }

    private bool _recordHistory;

    /// <summary>Turns the per-step diagnostic histories of every matrix parameter on (fresh empty lists) or off (discarded).</summary>
    private protected bool RecordHistoryCore
    {
        get => _recordHistory;
        set
        {
            _recordHistory = value;
            foreach (var g in _parameter_groups)
                foreach (var p in g.Parameters)
                {
                    var st = StateOf(p);
                    if (st.Momentum is null) continue;
                    st.StepSizeHistory = value ? new List<double>() : null;
                    st.UpdateNormHistory = value ? new List<double>() : null;
                }
        }
    }

    /// <summary>The Newton–Schulz buffers for a rows×cols matrix of this dtype and device, created on first use and shared
    /// by every parameter of that shape (steps run one parameter at a time).</summary>
    private protected NewtonSchulzWorkspace WorkspaceFor(long rows, long cols, ScalarType dtype, Device device)
    {
        foreach (var w in _workspaces)
            if (w.Matches(rows, cols, dtype, device)) return w;
        var created = new NewtonSchulzWorkspace(rows, cols, dtype, device);
        _workspaces.Add(created);
        return created;
    }

    /// <summary>Releases the Newton–Schulz buffers (they are re-created on the next step, e.g. after a device move).</summary>
    private protected void ReleaseWorkspaces()
    {
        foreach (var w in _workspaces) w.Dispose();
        _workspaces.Clear();
    }

    /// <summary>Adds a parameter group; its options are filled from the defaults and validated
    /// (<see cref="ArgumentOutOfRangeException"/> naming the hyper-parameter).</summary>
    /// <param name="param_group">The group; its parameter list is materialised once.</param>
    public override void add_param_group(ParamGroup param_group)
    {
        ArgumentNullException.ThrowIfNull(param_group);
        var opts = PrepareOptions(param_group.Options);
        opts.InitialLearningRate = opts.LearningRate!.Value;
        param_group.Options = opts;
        var list = (param_group.Parameters ?? throw new ArgumentException("The group has no parameter list.", nameof(param_group))).ToList();
        param_group.Parameters = list;
        int gi = _parameter_groups.Count;
        for (int i = 0; i < list.Count; i++)
        {
            var p = list[i];
            if (_state.ContainsKey(p.Handle))
                throw new ArgumentException($"Parameter {i} of group {gi} already belongs to another group.", nameof(param_group));
            if (!_names.ContainsKey(p.Handle)) _names[p.Handle] = $"group {gi}, parameter {i} (shape {TensorChecks.ShapeText(p)})";
        }
        var states = new List<ParameterState>(list.Count);
        foreach (var p in list) states.Add(CreateState(p, opts, _names[p.Handle]));
        foreach (var st in states)
            if (_recordHistory && st.Momentum is not null) (st.StepSizeHistory, st.UpdateNormHistory) = (new List<double>(), new List<double>());
        _parameter_groups.Add(param_group);
        for (int i = 0; i < list.Count; i++) _state[list[i].Handle] = states[i];
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        ReleaseWorkspaces();
        foreach (var pg in _parameter_groups)
            foreach (var p in pg.Parameters)
                if (_state.ContainsKey(p.Handle)) ((ParameterState)_state[p.Handle]).Dispose();
    }

    private protected static Tensor NewStateTensor(Parameter p) => torch.zeros_like(p).DetachFromDisposeScope();
}
