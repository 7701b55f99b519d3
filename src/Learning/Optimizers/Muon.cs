using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Muon: momentum orthogonalised by quintic Newton–Schulz for hidden weight matrices, with AdamW for all other
/// parameters through parameter groups (KellerJordan/Muon <c>SingleDeviceMuonWithAuxAdam</c>). Used like TorchSharp's
/// optimisers: <c>zero_grad()</c>, <c>backward()</c>, <c>step()</c>; LR schedulers act on <c>ParamGroups</c>;
/// state round-trips through <c>state_dict()</c> / <c>save_state_dict</c> / <c>load_state_dict</c>.
/// </summary>
/// <remarks>
/// <para>Matrix update (KellerJordan/Muon <c>muon_update</c>; docs/optim-adago.md):
/// B ← βB + (1−β)G; U = nesterov ? (1−β)G + βB : B; O = NS5(U viewed as (out, −1));
/// W ← W(1 − lr·λ) − lr·sqrt(max(1, m/n))·O, with m×n the (out, −1) shape. The sum-form momentum of
/// <c>torch.optim.Muon</c> gives the same direction because NS5 removes the scale.</para>
/// <para>NS5 coefficients (3.4445, −4.7750, 2.0315), 5 steps, ε = 1e-7 (<see cref="NewtonSchulz"/>). Defaults: Muon lr 0.02,
/// β = 0.95, Nesterov, λ = 0; AdamW groups lr 3e-4, β = (0.9, 0.95), ε = 1e-10 (reference <c>MuonWithAuxAdam</c>).</para>
/// <para>Built from a flat parameter list, tensors with ≥ 2 dimensions go to Muon and the rest to AdamW. Embeddings
/// and output heads are 2-D but conventionally belong to AdamW: pass explicit <see cref="MuonParamGroup"/>s for them.</para>
/// <para>Cost per matrix and step: 5 Newton–Schulz iterations of three GEMMs, 10·(2m²n + m³) flops with m ≤ n the sides of
/// the (out, −1) view, independent of the batch. The iterates and Gram matrices (2mn + 2m² elements) live in a workspace
/// per distinct matrix shape, allocated on the first step and reused, so a step allocates no matrix-sized tensor.
/// Diagnostics: <c>GetUpdateNorm</c> (‖ΔW‖_F of the last step) and, with <c>RecordHistory</c>, per-step histories.</para>
/// </remarks>
public class Muon : ManagedOptimizer
{
    /// <summary>Creates Muon from a flat parameter list (≥ 2-D → Muon, others → AdamW).</summary>
    /// <param name="parameters">E.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Muon learning rate ≥ 0.</param>
    /// <param name="momentum">Momentum β in [0, 1).</param>
    /// <param name="nesterov">Nesterov look-ahead.</param>
    /// <param name="nsSteps">Newton–Schulz steps in [1, 100].</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0 (both kinds of group).</param>
    /// <param name="adamLr">AdamW learning rate ≥ 0 for non-matrix parameters.</param>
    /// <param name="adamBeta1">AdamW β1 in [0, 1).</param>
    /// <param name="adamBeta2">AdamW β2 in [0, 1).</param>
    /// <param name="adamEps">AdamW ε ≥ 0.</param>
    public Muon(IEnumerable<Parameter> parameters, double lr = 0.02, double momentum = 0.95, bool nesterov = true, int nsSteps = 5, double weightDecay = 0,
        double adamLr = 3e-4, double adamBeta1 = 0.9, double adamBeta2 = 0.95, double adamEps = 1e-10)
        : this(Defaults(lr, momentum, nesterov, nsSteps, weightDecay, adamLr, adamBeta1, adamBeta2, adamEps))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        AddSplit(parameters.ToList());
    }

    /// <summary>Creates Muon from named parameters (names appear in error messages); split as for the flat list.</summary>
    /// <param name="parameters">E.g. <c>model.named_parameters()</c>.</param>
    /// <param name="lr">Muon learning rate ≥ 0.</param>
    /// <param name="momentum">Momentum β in [0, 1).</param>
    /// <param name="nesterov">Nesterov look-ahead.</param>
    /// <param name="nsSteps">Newton–Schulz steps in [1, 100].</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    /// <param name="adamLr">AdamW learning rate ≥ 0.</param>
    /// <param name="adamBeta1">AdamW β1 in [0, 1).</param>
    /// <param name="adamBeta2">AdamW β2 in [0, 1).</param>
    /// <param name="adamEps">AdamW ε ≥ 0.</param>
    public Muon(IEnumerable<(string name, Parameter parameter)> parameters, double lr = 0.02, double momentum = 0.95, bool nesterov = true, int nsSteps = 5, double weightDecay = 0,
        double adamLr = 3e-4, double adamBeta1 = 0.9, double adamBeta2 = 0.95, double adamEps = 1e-10)
        : this(Defaults(lr, momentum, nesterov, nsSteps, weightDecay, adamLr, adamBeta1, adamBeta2, adamEps))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        SetNames(list);
        AddSplit(list.Select(x => x.parameter).ToList());
    }

    /// <summary>Creates Muon from explicit groups; unset group fields take these defaults.</summary>
    /// <param name="groups">Muon and AdamW groups (<see cref="MuonParamGroup.Muon"/>, <see cref="MuonParamGroup.Adam"/>).</param>
    /// <param name="lr">Default Muon learning rate ≥ 0.</param>
    /// <param name="momentum">Default momentum in [0, 1).</param>
    /// <param name="nesterov">Default Nesterov flag.</param>
    /// <param name="nsSteps">Default Newton–Schulz steps in [1, 100].</param>
    /// <param name="weightDecay">Default decoupled weight decay ≥ 0.</param>
    /// <param name="adamLr">Default AdamW learning rate ≥ 0.</param>
    /// <param name="adamBeta1">Default AdamW β1 in [0, 1).</param>
    /// <param name="adamBeta2">Default AdamW β2 in [0, 1).</param>
    /// <param name="adamEps">Default AdamW ε ≥ 0.</param>
    public Muon(IEnumerable<MuonParamGroup> groups, double lr = 0.02, double momentum = 0.95, bool nesterov = true, int nsSteps = 5, double weightDecay = 0,
        double adamLr = 3e-4, double adamBeta1 = 0.9, double adamBeta2 = 0.95, double adamEps = 1e-10)
        : this(Defaults(lr, momentum, nesterov, nsSteps, weightDecay, adamLr, adamBeta1, adamBeta2, adamEps))
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var g in groups) add_param_group(g);
    }

    private protected Muon(MuonOptions defaults) : base(defaults)
    {
    }

    private protected static MuonOptions Defaults(double lr, double momentum, bool nesterov, int nsSteps, double weightDecay,
        double adamLr, double adamBeta1, double adamBeta2, double adamEps)
    {
        Guard.NonNegative(adamLr, "adamLr");
        var d = new MuonOptions
        {
            UseMuon = true, LearningRate = lr, Momentum = momentum, Nesterov = nesterov, NsSteps = nsSteps, WeightDecay = weightDecay,
            AdamLearningRate = adamLr, Beta1 = adamBeta1, Beta2 = adamBeta2, Eps = adamEps,
        };
        d.Validate();
        return d;
    }

    /// <summary>
    /// ‖ΔW‖_F of the last step of a Muon matrix parameter (0 before its first step): lr·s·‖NS5(U)‖_F, plus the decoupled
    /// decay term when λ ≠ 0. Since NS5 puts every non-tiny singular value in about [0.68, 1.21], the step's spectral
    /// size is ≈ lr·s whatever the gradient's size, and ‖ΔW‖_F ≈ lr·s·sqrt(rank) (docs/optim-adago.md).
    /// </summary>
    /// <param name="parameter">A parameter of a Muon group.</param>
    /// <exception cref="ArgumentException">The parameter is not in a Muon group of this optimiser.</exception>
    public double GetUpdateNorm(Parameter parameter) => MatrixStateOf(parameter, "Muon").LastUpdateNorm;

    /// <summary>
    /// When true, every step appends ‖ΔW_t‖_F of each Muon matrix to a per-parameter history
    /// (<see cref="GetUpdateNormHistory"/>). Off by default; turning it on starts empty histories, turning it off discards them.
    /// Costs one list append per matrix and step.
    /// </summary>
    public bool RecordHistory
    {
        get => RecordHistoryCore;
        set => RecordHistoryCore = value;
    }

    /// <summary>‖ΔW_t‖_F of every step since <see cref="RecordHistory"/> was turned on (empty when it is off).</summary>
    /// <param name="parameter">A parameter of a Muon group.</param>
    /// <exception cref="ArgumentException">The parameter is not in a Muon group of this optimiser.</exception>
    public IReadOnlyList<double> GetUpdateNormHistory(Parameter parameter) =>
        MatrixStateOf(parameter, "Muon").UpdateNormHistory?.AsReadOnly() ?? (IReadOnlyList<double>)Array.Empty<double>();

    private protected void AddSplit(List<Parameter> list)
    {
        if (list.Count == 0) throw new ArgumentException("No parameters given.", "parameters");
        var matrices = list.Where(p => p.dim() >= 2).ToList();
        var others = list.Where(p => p.dim() < 2).ToList();
        if (matrices.Count > 0) add_param_group(MuonParamGroup.Muon(matrices));
        if (others.Count > 0) add_param_group(MuonParamGroup.Adam(others));
    }

    private protected override AdamOptions PrepareOptions(OptimizerOptions? given)
    {
        var o = given switch
        {
            null => new MuonOptions(),
            MuonOptions m => m,
            _ => throw new ArgumentException($"Expected {nameof(MuonOptions)}, got {given.GetType().Name}.", nameof(given)),
        };
        o.FillFrom((AdamOptions)_defaults);
        o.Validate();
        return o;
    }

    private protected override ParameterState CreateState(Parameter parameter, AdamOptions options, string name)
    {
        var st = new ParameterState(parameter);
        if (((MuonOptions)options).UseMuon == true)
        {
            if (parameter.dim() < 2)
                throw new ArgumentException($"Parameter '{name}' has {parameter.dim()} dimension(s); a Muon group needs ≥ 2 (put it in an Adam group).", "parameters");
            st.Momentum = NewStateTensor(parameter);
        }
        else
        {
            AdamKernel.InitState(st, parameter);
        }
        return st;
    }

    private protected override void StepGroup(ParamGroup group)
    {
        var o = (MuonOptions)group.Options;
        foreach (var p in group.Parameters)
        {
            var g = p.grad;
            if (g is null) continue;
            if (o.UseMuon == true)
            {
                var (rows, cols) = MuonKernel.MatrixShape(p.shape);
                MuonKernel.Step(p, g, StateOf(p), o, WorkspaceFor(rows, cols, p.dtype, p.device), Quantizer);
            }
            else AdamKernel.Step(p, g, StateOf(p), o, Quantizer);
        }
    }
}
