using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Plain stochastic gradient descent, θ ← θ − η∇f (Robbins–Monro; the update of TorchSharp's <c>torch.optim.SGD</c> with
/// momentum, dampening and weight decay 0, applied as <c>param.add_(grad, alpha: −η)</c> so the trajectories agree bit for bit).
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
            foreach (var group in _parameter_groups)
            {
                using Scalar step = -group.Options.LearningRate!.Value;
                foreach (var p in group.Parameters)
                    if (p.grad is { } g) p.add_(g, alpha: step);
            }
        }
        return loss!;
    }
}
