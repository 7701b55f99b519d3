using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// AdaGO (Zhang, Liu, Schaeffer, "AdaGrad Meets Muon", arXiv:2509.02981): Muon's orthogonalised-momentum direction with an
/// AdaGrad-Norm step length, one scalar accumulator per weight matrix. Non-matrix parameters use AdamW through groups.
/// Used like TorchSharp's optimisers (<c>step()</c>, <c>zero_grad()</c>, schedulers on <c>ParamGroups</c>, state dicts).
/// </summary>
/// <remarks>
/// <para>Per matrix (docs/optim-adago.md, as in the abstract and optax <c>_adago.py</c>):
/// M ← μM + (1−μ)G; v² ← v² + min(‖G‖_F, γ)²; O = NS5(M) (or NS5((1−μ)G + μM) with Nesterov);
/// α = max(ε, η·min(‖G‖_F, γ)/v); W ← W(1 − η·λ) − α·s·O, with s = sqrt(max(1, m/n)) when width scaling is on (optax)
/// and 1 otherwise.</para>
/// <para>optax bias-corrects M; NS5 divides by the Frobenius norm, so that scalar only matters through NS's ε and is
/// omitted here (our choice). Defaults are the spec's [PROPOSED] toolkit defaults (see <see cref="AdaGoOptions"/>); the
/// learning rate changed by a scheduler is η.</para>
/// <para>Cost per matrix and step: 5 Newton–Schulz iterations of three GEMMs, 10·(2m²n + m³) flops with m ≤ n the sides of
/// the (out, −1) view, independent of the batch. The iterates and Gram matrices (2mn + 2m² elements) live in a workspace
/// per distinct matrix shape, allocated on the first step and reused, so a step allocates no matrix-sized tensor.
/// Diagnostics: <c>GetUpdateNorm</c> (‖ΔW‖_F of the last step) and, with <c>RecordHistory</c>, per-step histories.</para>
/// </remarks>
public class AdaGo : ManagedOptimizer
{
    /// <summary>Creates AdaGO from a flat parameter list (≥ 2-D → AdaGO, others → AdamW).</summary>
    /// <param name="parameters">E.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Base step η ≥ 0 ([PROPOSED] 0.1).</param>
    /// <param name="momentum">μ in [0, 1).</param>
    /// <param name="gamma">Gradient-norm clamp γ &gt; 0 (may be PositiveInfinity).</param>
    /// <param name="minStepSize">Step floor ε ≥ 0.</param>
    /// <param name="initialAccumulator">v0 &gt; 0.</param>
    /// <param name="nesterov">Nesterov look-ahead.</param>
    /// <param name="widthScale">Apply sqrt(max(1, m/n)) (optax); false is paper-literal.</param>
    /// <param name="nsSteps">Newton–Schulz steps in [1, 100].</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    /// <param name="adamLr">AdamW learning rate ≥ 0 for non-matrix parameters (our choice 1e-3).</param>
    public AdaGo(IEnumerable<Parameter> parameters, double lr = 0.1, double momentum = 0.95, double gamma = 1.0, double minStepSize = 1e-6, double initialAccumulator = 1.0,
        bool nesterov = false, bool widthScale = true, int nsSteps = 5, double weightDecay = 0, double adamLr = 1e-3)
        : base(Defaults(lr, momentum, gamma, minStepSize, initialAccumulator, nesterov, widthScale, nsSteps, weightDecay, adamLr))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        AddSplit(parameters.ToList());
    }

    /// <summary>Creates AdaGO from named parameters (names appear in error messages).</summary>
    /// <param name="parameters">E.g. <c>model.named_parameters()</c>.</param>
    /// <param name="lr">Base step η ≥ 0.</param>
    /// <param name="momentum">μ in [0, 1).</param>
    /// <param name="gamma">Clamp γ &gt; 0.</param>
    /// <param name="minStepSize">Floor ε ≥ 0.</param>
    /// <param name="initialAccumulator">v0 &gt; 0.</param>
    /// <param name="nesterov">Nesterov look-ahead.</param>
    /// <param name="widthScale">Apply sqrt(max(1, m/n)).</param>
    /// <param name="nsSteps">Newton–Schulz steps in [1, 100].</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    /// <param name="adamLr">AdamW learning rate ≥ 0.</param>
    public AdaGo(IEnumerable<(string name, Parameter parameter)> parameters, double lr = 0.1, double momentum = 0.95, double gamma = 1.0, double minStepSize = 1e-6, double initialAccumulator = 1.0,
        bool nesterov = false, bool widthScale = true, int nsSteps = 5, double weightDecay = 0, double adamLr = 1e-3)
        : base(Defaults(lr, momentum, gamma, minStepSize, initialAccumulator, nesterov, widthScale, nsSteps, weightDecay, adamLr))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        SetNames(list);
        AddSplit(list.Select(x => x.parameter).ToList());
    }

    /// <summary>Creates AdaGO from explicit groups; unset group fields take these defaults.</summary>
    /// <param name="groups">AdaGO and AdamW groups.</param>
    /// <param name="lr">Default η ≥ 0.</param>
    /// <param name="momentum">Default μ in [0, 1).</param>
    /// <param name="gamma">Default γ &gt; 0.</param>
    /// <param name="minStepSize">Default ε ≥ 0.</param>
    /// <param name="initialAccumulator">Default v0 &gt; 0.</param>
    /// <param name="nesterov">Default Nesterov flag.</param>
    /// <param name="widthScale">Default width scaling flag.</param>
    /// <param name="nsSteps">Default NS steps in [1, 100].</param>
    /// <param name="weightDecay">Default decoupled weight decay ≥ 0.</param>
    /// <param name="adamLr">Default AdamW learning rate ≥ 0.</param>
    public AdaGo(IEnumerable<AdaGoParamGroup> groups, double lr = 0.1, double momentum = 0.95, double gamma = 1.0, double minStepSize = 1e-6, double initialAccumulator = 1.0,
        bool nesterov = false, bool widthScale = true, int nsSteps = 5, double weightDecay = 0, double adamLr = 1e-3)
        : base(Defaults(lr, momentum, gamma, minStepSize, initialAccumulator, nesterov, widthScale, nsSteps, weightDecay, adamLr))
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var g in groups) add_param_group(g);
    }

    private static AdaGoOptions Defaults(double lr, double momentum, double gamma, double minStepSize, double initialAccumulator,
        bool nesterov, bool widthScale, int nsSteps, double weightDecay, double adamLr)
    {
        Guard.NonNegative(adamLr, "adamLr");
        var d = new AdaGoOptions
        {
            UseAdaGo = true, LearningRate = lr, Momentum = momentum, Gamma = gamma, MinStepSize = minStepSize, InitialAccumulator = initialAccumulator,
            Nesterov = nesterov, WidthScale = widthScale, NsSteps = nsSteps, WeightDecay = weightDecay,
            AdamLearningRate = adamLr, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8,
        };
        d.Validate();
        return d;
    }

    /// <summary>The step size α_t = max(ε, η·min(‖G_t‖_F, γ)/v_t) of the last step of a matrix parameter (0 before its first step).</summary>
    /// <param name="parameter">A parameter of an AdaGO group.</param>
    /// <exception cref="ArgumentException">The parameter is not in an AdaGO group of this optimiser.</exception>
    public double GetStepSize(Parameter parameter) => MatrixStateOf(parameter, "AdaGO").LastStepSize;

    /// <summary>The accumulator v_t (not squared) of a matrix parameter; v0 before the first step.</summary>
    /// <param name="parameter">A parameter of an AdaGO group.</param>
    /// <exception cref="ArgumentException">The parameter is not in an AdaGO group of this optimiser.</exception>
    public double GetAccumulator(Parameter parameter) => Math.Sqrt(MatrixStateOf(parameter, "AdaGO").Accumulator);

    /// <summary>‖ΔW‖_F of the last step of a matrix parameter (0 before its first step): α_t·s·‖NS5(M_t)‖_F, plus the
    /// decoupled decay term when λ ≠ 0.</summary>
    /// <param name="parameter">A parameter of an AdaGO group.</param>
    /// <exception cref="ArgumentException">The parameter is not in an AdaGO group of this optimiser.</exception>
    public double GetUpdateNorm(Parameter parameter) => MatrixStateOf(parameter, "AdaGO").LastUpdateNorm;

    /// <summary>
    /// When true, every step appends α_t and ‖ΔW_t‖_F of each AdaGO matrix to per-parameter histories
    /// (<see cref="GetStepSizeHistory"/>, <see cref="GetUpdateNormHistory"/>), e.g. for the spec's α_t plots. Off by
    /// default; turning it on starts empty histories, turning it off discards them.
    /// </summary>
    public bool RecordHistory
    {
        get => RecordHistoryCore;
        set => RecordHistoryCore = value;
    }

    /// <summary>α_t of every step since <see cref="RecordHistory"/> was turned on (empty when it is off).</summary>
    /// <param name="parameter">A parameter of an AdaGO group.</param>
    /// <exception cref="ArgumentException">The parameter is not in an AdaGO group of this optimiser.</exception>
    public IReadOnlyList<double> GetStepSizeHistory(Parameter parameter) =>
        MatrixStateOf(parameter, "AdaGO").StepSizeHistory?.AsReadOnly() ?? (IReadOnlyList<double>)Array.Empty<double>();

    /// <summary>‖ΔW_t‖_F of every step since <see cref="RecordHistory"/> was turned on (empty when it is off).</summary>
    /// <param name="parameter">A parameter of an AdaGO group.</param>
    /// <exception cref="ArgumentException">The parameter is not in an AdaGO group of this optimiser.</exception>
    public IReadOnlyList<double> GetUpdateNormHistory(Parameter parameter) =>
        MatrixStateOf(parameter, "AdaGO").UpdateNormHistory?.AsReadOnly() ?? (IReadOnlyList<double>)Array.Empty<double>();

    private void AddSplit(List<Parameter> list)
    {
        if (list.Count == 0) throw new ArgumentException("No parameters given.", "parameters");
        var matrices = list.Where(p => p.dim() >= 2).ToList();
        var others = list.Where(p => p.dim() < 2).ToList();
        if (matrices.Count > 0) add_param_group(AdaGoParamGroup.AdaGo(matrices));
        if (others.Count > 0) add_param_group(AdaGoParamGroup.Adam(others));
    }

    private protected override AdamOptions PrepareOptions(OptimizerOptions? given)
    {
        var o = given switch
        {
            null => new AdaGoOptions(),
            AdaGoOptions a => a,
            _ => throw new ArgumentException($"Expected {nameof(AdaGoOptions)}, got {given.GetType().Name}.", nameof(given)),
        };
        o.FillFrom((AdamOptions)_defaults);
        o.Validate();
        return o;
    }

    private protected override ParameterState CreateState(Parameter parameter, AdamOptions options, string name)
    {
        var st = new ParameterState(parameter);
        var o = (AdaGoOptions)options;
        if (o.UseAdaGo == true)
        {
            if (parameter.dim() < 2)
                throw new ArgumentException($"Parameter '{name}' has {parameter.dim()} dimension(s); an AdaGO group needs ≥ 2 (put it in an Adam group).", "parameters");
            st.Momentum = NewStateTensor(parameter);
            st.Accumulator = o.InitialAccumulator!.Value * o.InitialAccumulator.Value;
        }
        else
        {
            AdamKernel.InitState(st, parameter);
        }
        return st;
    }

    private protected override void StepGroup(ParamGroup group)
    {
        var o = (AdaGoOptions)group.Options;
        foreach (var p in group.Parameters)
        {
            var g = p.grad;
            if (g is null) continue;
            if (o.UseAdaGo == true) MatrixStep(p, g, StateOf(p), o);
            else AdamKernel.Step(p, g, StateOf(p), o);
        }
    }

    private void MatrixStep(Parameter param, Tensor grad, ParameterState st, AdaGoOptions o)
    {
        st.Step++;
        double eta = o.LearningRate!.Value, wd = o.WeightDecay!.Value;
        double gradNorm;
        using (var n = TensorValues.Norm(grad)) gradNorm = TensorValues.ToDouble(n);       // ‖G_t‖_F in the gradient's dtype
        double clamped = Math.Min(gradNorm, o.Gamma!.Value);
        st.Accumulator += clamped * clamped;                                   // v_t² = v_{t-1}² + min(‖G‖, γ)²
        var (rows, cols) = MuonKernel.MatrixShape(param.shape);
        var ws = WorkspaceFor(rows, cols, param.dtype, param.device);
        MuonKernel.LoadDirection(grad, st.Momentum!, o.Momentum!.Value, o.Nesterov!.Value, ws);
        NewtonSchulz.Iterate(ws, o.NsSteps!.Value);
        double alpha = Math.Max(o.MinStepSize!.Value, eta * clamped / Math.Sqrt(st.Accumulator));
        st.LastStepSize = alpha;
        st.StepSizeHistory?.Add(alpha);
        double scale = o.WidthScale == true ? MuonKernel.ShapeScale(param.shape) : 1.0;
        st.LastUpdateNorm = MuonKernel.Apply(param, ws, eta * wd, alpha * scale);
        st.UpdateNormHistory?.Add(st.LastUpdateNorm);
    }
}
