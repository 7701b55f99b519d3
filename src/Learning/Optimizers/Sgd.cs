using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Stochastic gradient descent, θ ← θ − η∇f (Robbins–Monro; the update of TorchSharp's <c>torch.optim.SGD</c> with
/// momentum, dampening and weight decay 0, applied as <c>param.add_(grad, alpha: −η)</c> so the trajectories agree bit for bit),
/// optionally with heavy-ball momentum μ and L2 weight decay λ as torch.optim.SGD defines them (dampening 0, no Nesterov):
/// d = g + λθ; b ← d on the first step, b ← μb + d afterwards; θ ← θ − η·b (Polyak 1964; Sutskever et al., ICML 2013, eq. (1)
/// in PyTorch's form).
/// </summary>
/// <remarks>
/// <para>Why not <c>torch.optim.SGD</c>: TorchSharp 0.107's built-in optimisers pass implicit double → Scalar temporaries to
/// native calls; the GC can finalise such a temporary while the call still reads it ("Unknown scalar type" / "Expected false
/// to be true" under GC pressure). Here η is held in an explicitly disposed Scalar for the whole update.</para>
/// <para>Parameters without a gradient are skipped. The learning rate of each group may be changed between steps through
/// <c>ParamGroups</c>, as for any TorchSharp optimiser. Used as the base optimiser of <see cref="Sam"/> in the optimiser scenarios.</para>
/// </remarks>
public sealed class Sgd : OptimizerHelper
{
    /// <summary>Creates the optimiser over one group.</summary>
    /// <param name="parameters">Parameters to optimise (e.g. <c>model.parameters()</c>).</param>
    /// <param name="lr">Learning rate η, finite and ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lr"/> is negative, NaN or infinite.</exception>
    public Sgd(IEnumerable<Parameter> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lr >= 0) || double.IsInfinity(lr)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "lr must be finite and ≥ 0.");
        _defaults = new OptimizerOptions { LearningRate = lr, InitialLearningRate = lr };
        _parameter_groups = new List<ParamGroup> { new() { Parameters = parameters.ToList(), Options = new OptimizerOptions { LearningRate = lr, InitialLearningRate = lr } } };
    }

    /// <summary>Creates the optimiser with heavy-ball momentum and L2 weight decay (torch.optim.SGD's update, dampening 0, no Nesterov).</summary>
    /// <param name="parameters">Parameters to optimise.</param>
    /// <param name="lr">Learning rate η, finite and ≥ 0.</param>
    /// <param name="momentum">Momentum μ in [0, 1); 0 gives plain SGD bit for bit.</param>
    /// <param name="weightDecay">L2 weight decay λ ≥ 0 (finite), added to the gradient as λθ.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public Sgd(IEnumerable<Parameter> parameters, double lr, double momentum, double weightDecay) : this(parameters, lr)
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1).");
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "weightDecay must be finite and ≥ 0.");
        Momentum = momentum;
        WeightDecay = weightDecay;
        _momentumParameters = _parameter_groups[0].Parameters.ToList();
        _buffers = new Tensor?[_momentumParameters.Count];
    }

    private readonly Tensor?[] _buffers = [];
    private readonly List<Parameter> _momentumParameters = [];

    /// <summary>Momentum μ (0 for plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>L2 weight decay λ (0 for plain SGD).</summary>
    public double WeightDecay { get; }

    /// <summary>
    /// One step θ ← θ − η·θ.grad for every parameter that has a gradient. When <paramref name="closure"/> is given it is run first
    /// (with gradients enabled) and its loss is returned; it must compute the gradients (call <c>backward</c>).
    /// </summary>
    /// <param name="closure">Optional loss-and-gradient closure.</param>
    /// <returns>The closure's loss, or null without a closure.</returns>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        Tensor? loss = null;
        if (closure is not null)
        {
            using (torch.enable_grad()) loss = closure();
        }
        using (torch.no_grad())
        {
            if (Momentum == 0 && WeightDecay == 0)
            {
                foreach (var group in _parameter_groups)
                {
                    using Scalar step = -group.Options.LearningRate!.Value;
                    foreach (var p in group.Parameters)
                        if (p.grad is { } g) p.add_(g, alpha: step);
                }
            }
            else StepWithMomentum();
        }
        return loss!;
    }

    // d = g + λθ; b ← d (first step) or μb + d; θ ← θ − ηb (torch.optim.SGD, dampening 0, nesterov false).
    private void StepWithMomentum()
    {
        var group = _parameter_groups[0];
        using Scalar step = -group.Options.LearningRate!.Value, lambda = WeightDecay, mu = Momentum, one = 1;
        for (int i = 0; i < _momentumParameters.Count; i++)
        {
            var p = _momentumParameters[i];
            if (p.grad is not { } g) continue;
            using var d = WeightDecay != 0 ? g.add(p, alpha: lambda) : g.clone();
            if (Momentum == 0)
            {
                p.add_(d, alpha: step);
                continue;
            }
            if (_buffers[i] is { } b) b.mul_(mu).add_(d, alpha: one);
            else _buffers[i] = d.clone().DetachFromDisposeScope();
            p.add_(_buffers[i]!, alpha: step);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            for (int i = 0; i < _buffers.Length; i++)
            {
                _buffers[i]?.Dispose();
                _buffers[i] = null;
            }
        base.Dispose(disposing);
    }
}
