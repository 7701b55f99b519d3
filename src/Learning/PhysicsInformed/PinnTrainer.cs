using System.Diagnostics;
using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.Torch;
using PhyToolkit.Optimization.NaturalGradient;
using TorchSharp;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Trains a <see cref="PinnResidualModel"/> with the ENGD family (<see cref="NaturalGradientOptimizer"/>: dense ENGD, ENGD-W,
/// SPRING, Nyström) or with Adam (<see cref="ManagedAdam"/> on one float64 parameter tensor, gradient Jᵀr from the closed
/// form), redrawing the collocation points before every step (as in the runs of arXiv 2505.12149), and records a
/// <see cref="PinnTrace"/>.
/// </summary>
/// <remarks>Both trainers draw the collocation points from the stream of their <c>pointsSeed</c> in the same order, so two
/// methods started with the same seed see the same batches at the same step. The Nyström test matrices come from a separate
/// stream. Flop model: Jacobian (N·P-proportional per row, <see cref="ShallowTanhNetwork.RowGradientFlops"/>) + the optimizer's
/// linear algebra + line-search evaluations; Adam: one gradient pass + 10P for the update.</remarks>
public static class PinnTrainer
{
    /// <summary>Runs <paramref name="steps"/> natural-gradient steps from <paramref name="theta"/> (updated in place).</summary>
    /// <param name="model">The PINN model.</param>
    /// <param name="theta">θ₀ in, θ_K out.</param>
    /// <param name="options">ENGD / ENGD-W / SPRING / Nyström options.</param>
    /// <param name="steps">K ≥ 0.</param>
    /// <param name="pointsSeed">Seed of the collocation stream.</param>
    /// <param name="checkpointEvery">Record every this many steps (≥ 1), and at the last step.</param>
    /// <param name="testPoints">Held-out points (count × m) for the relative L² error.</param>
    /// <param name="stopBelow">Stop early once the error is ≤ this (0 = never).</param>
    public static PinnTrace NaturalGradient(PinnResidualModel model, double[] theta, NaturalGradientOptions options, int steps, ulong pointsSeed,
        int checkpointEvery, ReadOnlySpan<double> testPoints, double stopBelow = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(theta);
        Guard.AtLeast(checkpointEvery, 1, nameof(checkpointEvery));
        var points = new Xoshiro256StarStar(pointsSeed);
        var sketch = new Xoshiro256StarStar(SeedMixer.Mix(pointsSeed, 0x5EED));
        var opt = new NaturalGradientOptimizer(model, options);
        var trace = new PinnTrace();
        trace.Add(0, model.RelativeL2Error(theta, testPoints), 0, 0, double.NaN);
        double flops = 0, seconds = 0;
        var sw = new Stopwatch();
        for (int k = 1; k <= steps; k++)
        {
            sw.Restart();
            model.Resample(ref points);
            var s = opt.Step(theta, ref sketch);
            sw.Stop();
            seconds += sw.Elapsed.TotalSeconds;
            flops += model.JacobianFlops + s.LinearAlgebraFlops + s.LossEvaluations * model.ResidualFlops;
            if (k % checkpointEvery == 0 || k == steps)
            {
                double e = model.RelativeL2Error(theta, testPoints);
                trace.Add(k, e, flops, seconds, s.LossAfter);
                if (e <= stopBelow) break;
            }
        }
        return trace;
    }

    /// <summary>Runs <paramref name="steps"/> Adam steps (β = (0.9, 0.999), ε = 1e-8) at learning rate <paramref name="learningRate"/>.</summary>
    /// <param name="model">The PINN model.</param>
    /// <param name="theta">θ₀ in, θ_K out.</param>
    /// <param name="learningRate">Adam's lr &gt; 0.</param>
    /// <param name="steps">K ≥ 0.</param>
    /// <param name="pointsSeed">Seed of the collocation stream.</param>
    /// <param name="checkpointEvery">Record every this many steps (≥ 1), and at the last step.</param>
    /// <param name="testPoints">Held-out points (count × m).</param>
    /// <param name="maxSeconds">Stop once the measured training time exceeds this (a cost-matched budget).</param>
    /// <param name="maxFlops">Stop once the flop model exceeds this.</param>
    public static PinnTrace Adam(PinnResidualModel model, double[] theta, double learningRate, int steps, ulong pointsSeed, int checkpointEvery, ReadOnlySpan<double> testPoints,
        double maxSeconds = double.PositiveInfinity, double maxFlops = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(theta);
        Guard.Positive(learningRate, nameof(learningRate));
        Guard.AtLeast(checkpointEvery, 1, nameof(checkpointEvery));
        TorchRuntime.EnsureLoaded();
        int p = model.ParameterCount;
        var points = new Xoshiro256StarStar(pointsSeed);
        var trace = new PinnTrace();
        trace.Add(0, model.RelativeL2Error(theta, testPoints), 0, 0, double.NaN);
        var grad = new double[p];
        var row = new double[p];
        double flops = 0, seconds = 0, perStep = model.JacobianFlops + 2.0 * model.ResidualCount * p + 10.0 * p;
        var sw = new Stopwatch();
        using var scope = torch.NewDisposeScope();
        var param = new TorchSharp.Modules.Parameter(torch.tensor(theta, dtype: torch.float64));
        using var opt = new ManagedAdam([param], learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        for (int k = 1; k <= steps; k++)
        {
            sw.Restart();
            model.Resample(ref points);
            double loss = model.LossAndGradient(theta, grad, row);
            using (var inner = torch.NewDisposeScope())
            {
                opt.zero_grad();
                // ∂/∂θ (θ·g) = g: puts the closed-form gradient Jᵀr into param.grad for the shared Adam update.
                using var g = torch.tensor(grad, dtype: torch.float64);
                using var dot = (param * g).sum();
                dot.backward();
                opt.step();
                var updated = param.detach().data<double>().ToArray();
                updated.CopyTo(theta, 0);
            }
            sw.Stop();
            seconds += sw.Elapsed.TotalSeconds;
            flops += perStep;
            bool over = seconds > maxSeconds || flops > maxFlops;
            if (k % checkpointEvery == 0 || k == steps || over)
                trace.Add(k, model.RelativeL2Error(theta, testPoints), flops, seconds, loss);
            if (over) break;
        }
        return trace;
    }
}
