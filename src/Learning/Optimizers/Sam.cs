using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Sharpness-Aware Minimisation wrapping any TorchSharp optimiser (Foret et al., arXiv:2010.01412): each step evaluates
/// the gradient at the approximate worst point w + ε̂ of a ρ-ball and lets the base optimiser apply it at w.
/// </summary>
/// <remarks>
/// <para>Step (docs/optim-sam.md; davda54/sam <c>sam.py</c>): pass 1 g = ∇L_B(w); ε̂ = ρ·g/(‖g‖₂ + 1e-12) with the norm
/// over all parameters jointly (ASAM, <c>adaptive</c>: ε̂ = ρ·w²⊙g/(‖|w|⊙g‖₂ + 1e-12)); w ← w + ε̂; pass 2
/// g_sam = ∇L_B(w + ε̂) on the same minibatch; w ← w − ε̂; base step with g_sam. Cost: two forward/backward passes.</para>
/// <para><see cref="step"/> needs a closure that computes the loss on one fixed minibatch and calls backward; gradients
/// are zeroed before each pass. The manual pattern is <see cref="FirstStep"/>, a second backward, <see cref="SecondStep"/>.
/// Learning-rate schedulers act on the base optimiser's groups (exposed as <c>ParamGroups</c>). Default ρ = 0.05
/// (davda54/sam). BatchNorm running statistics are the caller's concern (SAMOSA freezes them in pass 2).</para>
/// </remarks>
public sealed class Sam : torch.optim.Optimizer
{
    private readonly torch.optim.Optimizer _base;
    private readonly List<Parameter> _params;
    private readonly Tensor?[] _perturbation;
    private bool _perturbed;

    /// <summary>Wraps <paramref name="baseOptimizer"/> (which keeps ownership of its state; dispose it separately).</summary>
    /// <param name="baseOptimizer">Any TorchSharp optimiser (SGD, Adam, <see cref="Muon"/>, …).</param>
    /// <param name="rho">Neighbourhood radius ρ ≥ 0 (0 reproduces the base optimiser).</param>
    /// <param name="adaptive">ASAM scaling of the perturbation by w² (recalled from davda54/sam; unverified against the paper).</param>
    public Sam(torch.optim.Optimizer baseOptimizer, double rho = 0.05, bool adaptive = false) : base(IntPtr.Zero)
    {
        ArgumentNullException.ThrowIfNull(baseOptimizer);
        Guard.NonNegative(rho, nameof(rho));
        _base = baseOptimizer;
        Rho = rho;
        Adaptive = adaptive;
        _params = baseOptimizer.parameters().ToList();
        _perturbation = new Tensor?[_params.Count];
    }

    /// <summary>Neighbourhood radius ρ ≥ 0.</summary>
    public double Rho { get; }

    /// <summary>Whether the ASAM perturbation is used.</summary>
    public bool Adaptive { get; }

    /// <summary>The wrapped optimiser.</summary>
    public torch.optim.Optimizer BaseOptimizer => _base;

    /// <inheritdoc />
    public override IEnumerable<torch.optim.ILearningRateController> ParamGroups => _base.ParamGroups;

    /// <inheritdoc />
    public override IEnumerable<Parameter> parameters() => _params;

    /// <inheritdoc />
    public override void zero_grad() => _base.zero_grad();

    /// <inheritdoc />
    public override void add_param_group(ParamGroup param_group) =>
        throw new NotSupportedException("Add parameter groups to the base optimiser before wrapping it in SAM.");

    /// <summary>One SAM step: two evaluations of <paramref name="closure"/> on the same minibatch. Returns the pass-1 loss.</summary>
    /// <param name="closure">Computes the loss and calls backward (required).</param>
    /// <exception cref="ArgumentNullException">No closure.</exception>
    /// <exception cref="NonFiniteGradientException">A gradient of either pass holds NaN/Inf (weights are restored to w).</exception>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is null) throw new ArgumentNullException(nameof(closure), "SAM needs a closure that recomputes the loss and calls backward.");
        Tensor loss;
        _base.zero_grad();
        using (torch.enable_grad()) loss = closure();
        FirstStep();
        _base.zero_grad();
        using (torch.enable_grad()) closure().Dispose();
        SecondStep();
        return loss;
    }

    /// <summary>Pass-1 half: reads the current gradients, moves the weights to w + ε̂ and zeroes the gradients.</summary>
    /// <exception cref="InvalidOperationException">Called twice without <see cref="SecondStep"/>.</exception>
    public void FirstStep()
    {
        if (_perturbed) throw new InvalidOperationException("FirstStep was already called; call SecondStep first.");
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            CheckFinite();
            double sq = 0;
            for (int i = 0; i < _params.Count; i++)
            {
                var g = _params[i].grad;
                if (g is null) continue;
                var s = (Adaptive ? _params[i].abs() * g : g).to_type(ScalarType.Float64);
                sq += s.mul(s).sum().item<double>();                       // x·x, not square(): see AdamKernel.Step
            }
            double scale = Rho / (Math.Sqrt(sq) + 1e-12);
            // Scalars held by `using` and alpha passed explicitly (never implicit double → Scalar temporaries): see AdamKernel.Step.
            using Scalar sScale = scale, one = 1;
            for (int i = 0; i < _params.Count; i++)
            {
                var p = _params[i];
                var g = p.grad;
                if (g is null) continue;
                var e = Adaptive ? p.mul(p).mul_(g).mul_(sScale) : g.mul(sScale);
                p.add_(e, alpha: one);
                _perturbation[i] = e.DetachFromDisposeScope();
            }
        }
        _perturbed = true;
        _base.zero_grad();
    }

    /// <summary>Pass-2 half: restores w and lets the base optimiser step with the gradient taken at w + ε̂.</summary>
    /// <exception cref="InvalidOperationException"><see cref="FirstStep"/> was not called.</exception>
    public void SecondStep()
    {
        if (!_perturbed) throw new InvalidOperationException("Call FirstStep (and a second backward pass) before SecondStep.");
        using (torch.no_grad())
        {
            for (int i = 0; i < _params.Count; i++)
            {
                var e = _perturbation[i];
                if (e is null) continue;
                _params[i].sub_(e);
                e.Dispose();
                _perturbation[i] = null;
            }
        }
        _perturbed = false;
        using (torch.no_grad())
        using (torch.NewDisposeScope()) CheckFinite();
        _base.step();
    }

    private void CheckFinite()
    {
        for (int i = 0; i < _params.Count; i++)
        {
            var g = _params[i].grad;
            if (g is null) continue;
            TensorChecks.RequireFinite(g, Name(i));
        }
    }

    private string Name(int i) => _base is ManagedOptimizer m ? m.GetParameterName(_params[i]) : $"parameter {i} (shape {TensorChecks.ShapeText(_params[i])})";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            for (int i = 0; i < _perturbation.Length; i++)
            {
                _perturbation[i]?.Dispose();
                _perturbation[i] = null;
            }
        base.Dispose(disposing);
    }
}
