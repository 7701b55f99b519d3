using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// Plain SGD, θ ← θ − η∇f: the update of TorchSharp's <c>torch.optim.SGD</c> with momentum, dampening and weight decay 0
/// (<c>param.add_(grad, alpha: −η)</c>, so trajectories agree bit for bit), with η held as an explicit Scalar.
/// TorchSharp 0.107's own optimisers pass implicit double → Scalar temporaries, which the GC can finalise while the native
/// call still reads them ("Unknown scalar type" / "Expected false to be true" under GC pressure).
/// </summary>
internal sealed class ScenarioSgd : OptimizerHelper
{
    /// <summary>One group with learning rate <paramref name="lr"/> ≥ 0.</summary>
    public ScenarioSgd(IEnumerable<Parameter> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "lr must be ≥ 0.");
        _defaults = new OptimizerOptions { LearningRate = lr, InitialLearningRate = lr };
        _parameter_groups = new List<ParamGroup> { new() { Parameters = parameters.ToList(), Options = new OptimizerOptions { LearningRate = lr, InitialLearningRate = lr } } };
    }

    /// <inheritdoc />
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
