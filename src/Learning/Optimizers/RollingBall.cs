using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Rolling Ball Optimizer (Belgoumri et al., arXiv:2505.19527): a ball of radius ρ rolls on the loss graph; each step moves
/// its centre along the descent tangent and projects back onto the graph's ρ-offset. Closure-style, like LBFGS.
/// </summary>
/// <remarks>
/// <para>Step (docs/optim-rolling-ball.md, the discretisation of the authors' code), θ = all parameters jointly:
/// f, g = L(θ), ∇L(θ); n = (−g, 1)/sqrt(‖g‖² + 1); c = (θ, f) + ρ·n; c′ = c − η·(g, ‖g‖²);
/// then K foot-point iterations from x = θ: x ← x − s·[(x − c′_x) + ∇L(x)·(L(x) − c′_y)]; θ_new = x.
/// Cost K + 1 closure evaluations per step; the closure must use the same minibatch every time (gradients are zeroed by
/// the optimiser before each call). ρ → 0 recovers gradient descent.</para>
/// <para>No per-parameter state. The learning rate η is the group's <c>LearningRate</c> (schedulers work); ρ can be
/// changed between steps through <see cref="Options"/>.</para>
/// </remarks>
public sealed class RollingBall : OptimizerHelper
{
    private readonly List<Parameter> _params;
    private readonly List<string> _names;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">Parameters θ.</param>
    /// <param name="lr">Learning rate η ≥ 0.</param>
    /// <param name="radius">Ball radius ρ ≥ 0.</param>
    /// <param name="projectionStep">Projection step s &gt; 0.</param>
    /// <param name="projectionSteps">Projection iterations K in [1, 100000].</param>
    public RollingBall(IEnumerable<Parameter> parameters, double lr = 0.1, double radius = 0.1, double projectionStep = 0.01, int projectionSteps = 10)
        : this(Named(parameters), lr, radius, projectionStep, projectionSteps)
    {
    }

    /// <summary>Creates the optimiser from named parameters (names appear in error messages).</summary>
    /// <param name="parameters">Named parameters θ.</param>
    /// <param name="lr">Learning rate η ≥ 0.</param>
    /// <param name="radius">Ball radius ρ ≥ 0.</param>
    /// <param name="projectionStep">Projection step s &gt; 0.</param>
    /// <param name="projectionSteps">Projection iterations K in [1, 100000].</param>
    public RollingBall(IEnumerable<(string name, Parameter parameter)> parameters, double lr = 0.1, double radius = 0.1, double projectionStep = 0.01, int projectionSteps = 10)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Guard.NonNegative(lr, "lr");
        Guard.NonNegative(radius, nameof(radius));
        Guard.Positive(projectionStep, nameof(projectionStep));
        Guard.InRange(projectionSteps, 1, 100000, nameof(projectionSteps));
        var list = parameters.ToList();
        if (list.Count == 0) throw new ArgumentException("No parameters given.", nameof(parameters));
        _params = list.Select(x => x.parameter).ToList();
        _names = list.Select(x => x.name).ToList();
        Options = new RollingBallOptions { LearningRate = lr, InitialLearningRate = lr, Radius = radius, ProjectionStep = projectionStep, ProjectionSteps = projectionSteps };
        _defaults = Options;
        _parameter_groups = new List<ParamGroup> { new ParamGroup<RollingBallOptions>(_params, Options) };
        foreach (var p in _params) _state[p.Handle] = new ParameterState(p);
    }

    private static IEnumerable<(string, Parameter)> Named(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Select((p, i) => ($"parameter {i} (shape {TensorChecks.ShapeText(p)})", p)).ToList();
    }

    /// <summary>The hyper-parameters (shared with the single parameter group).</summary>
    public RollingBallOptions Options { get; }

    /// <summary>‖θ_new − θ‖₂ of the last step.</summary>
    public double LastUpdateNorm { get; private set; }

    /// <summary>Total closure (loss and gradient) evaluations so far.</summary>
    public long GradientEvaluations { get; private set; }

    /// <summary>One RBO step. Returns the loss at the starting point θ.</summary>
    /// <param name="closure">Computes the loss on a fixed minibatch and calls backward (required).</param>
    /// <exception cref="ArgumentNullException">No closure.</exception>
    /// <exception cref="NonFiniteGradientException">A loss or gradient is NaN/Inf; the parameters are restored to θ.</exception>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is null) throw new ArgumentNullException(nameof(closure), "RollingBall needs a closure that recomputes the loss and calls backward.");
        double eta = Options.LearningRate!.Value, rho = Options.Radius, s = Options.ProjectionStep;
        int k = Options.ProjectionSteps;
        Guard.NonNegative(rho, "Radius");

        using var stepScope = torch.NewDisposeScope();
        var (loss, f) = Evaluate(closure);
        var theta = new Tensor[_params.Count];
        var cx = new Tensor[_params.Count];
        try
        {
            using (torch.no_grad())
            {
                double gsq = 0;
                foreach (var p in _params)
                    if (p.grad is { } g)
                    {
                        using var g64 = g.to_type(ScalarType.Float64);
                        using var gg = g64.mul(g64).sum();   // not square(): see AdamKernel.Step on implicit Scalars
                        gsq += gg.item<double>();
                    }
                double nrm = Math.Sqrt(gsq + 1);
                double cy = f + rho / nrm - eta * gsq;                                    // c′_y = f + ρ/√(‖g‖²+1) − η‖g‖²
                for (int i = 0; i < _params.Count; i++)
                {
                    var p = _params[i];
                    theta[i] = p.detach().clone().DetachFromDisposeScope();
                    var g = p.grad;
                    // c′_x = θ − ρ g/√(‖g‖²+1) − η g
                    using Scalar shift = -(rho / nrm + eta);   // explicit scalar and alpha (see AdamKernel.Step)
                    cx[i] = g is null ? p.detach().clone().DetachFromDisposeScope() : p.add(g, alpha: shift).DetachFromDisposeScope();
                }

                for (int it = 0; it < k; it++)
                {
                    double fx;
                    using (torch.enable_grad()) (_, fx) = Evaluate(closure, disposeLoss: true);
                    using Scalar residual = fx - cy, step = -s, minusOne = -1;
                    for (int i = 0; i < _params.Count; i++)
                    {
                        using var scope = torch.NewDisposeScope();
                        var p = _params[i];
                        var dir = p.add(cx[i], alpha: minusOne);
                        if (p.grad is { } gx) dir.add_(gx, alpha: residual);            // ∇φ = (x − c′_x) + ∇L(x)(L(x) − c′_y)
                        p.add_(dir, alpha: step);
                    }
                }

                double sq = 0;
                for (int i = 0; i < _params.Count; i++)
                {
                    using var scope = torch.NewDisposeScope();
                    using Scalar minusOne = -1;
                    var diff = _params[i].add(theta[i], alpha: minusOne).to_type(ScalarType.Float64);
                    sq += diff.mul(diff).sum().item<double>();
                }
                LastUpdateNorm = Math.Sqrt(sq);
            }
        }
        catch (NonFiniteGradientException)
        {
            using (torch.no_grad())
                for (int i = 0; i < _params.Count; i++)
                    if (theta[i] is not null) _params[i].copy_(theta[i]);
            throw;
        }
        finally
        {
            foreach (var t in theta) t?.Dispose();
            foreach (var t in cx) t?.Dispose();
        }
        return loss.MoveToOuterDisposeScope();
    }

    private (Tensor loss, double value) Evaluate(Func<Tensor> closure, bool disposeLoss = false)
    {
        zero_grad();
        Tensor loss;
        using (torch.enable_grad()) loss = closure();
        GradientEvaluations++;
        double value = loss.to_type(ScalarType.Float64).item<double>();
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            for (int i = 0; i < _params.Count; i++)
                if (_params[i].grad is { } g) TensorChecks.RequireFinite(g, _names[i]);
        }
        if (!double.IsFinite(value)) throw new NonFiniteGradientException("loss", "The closure returned a NaN/Inf loss; the step was refused and the parameters restored.");
        if (disposeLoss) loss.Dispose();
        return (loss, value);
    }
}
