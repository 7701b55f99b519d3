using PhyToolkit.Channels.Imaging;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>
/// DMILO and DMILO-PGD (Zheng, Li, Liu, ICML 2025, arXiv:2505.20789; loops as in the official code [code],
/// docs/inverse-imaging.md). Range extension with deviations <c>x_{t_{i−1}} = g_i(x_{t_i}) + ν_i</c>; each
/// outer iteration sweeps the DDIM steps from the image end (i = 1) back to the noise end, fitting
/// <c>ℓ_i(z, ν) = mean((T_i(g_i(z) + ν) − target_i)²) + λ·mean|ν| + 1e-4·mean(z²)</c> with T_1 = A, target_1 = y
/// (DMILO) or A(x̃) (DMILO-PGD), and T_i = identity, target_i = the step-(i−1) input just fitted, for i ≥ 2; fresh Adam
/// state per (step, sweep); only one network call is ever in the autograd graph. After the sweep the chain is
/// re-propagated with the deviations and <c>x^(e) = clamp(x_{t_0}, −1, 1)</c>.
/// </summary>
public static class Dmilo
{
    /// <summary>DMILO on a batch (images independent).</summary>
    public static DiffusionSolveResult Solve(IDiffusionPrior prior, IReadOnlyList<Measurement> measurements, DmiloOptions options, DiffusionCallback? callback = null) =>
        Run(prior, measurements, options, pgd: false, callback);

    /// <summary>
    /// DMILO-PGD: from <c>x^(0) = 0</c>, each outer iteration takes the gradient step
    /// <c>x̃ = clamp(x − η∇_x‖A(clamp(x)) − y‖², −1, 1)</c> (K_gd = 1) or K_gd clamped normalized steps
    /// <c>x̃ ← clamp(x̃ − η∇‖A(x̃) − y‖₂, −1, 1)</c>, then the DMILO sweep with target_1 = A(x̃): a projection onto the
    /// extended range measured through A.
    /// </summary>
    public static DiffusionSolveResult SolvePgd(IDiffusionPrior prior, IReadOnlyList<Measurement> measurements, DmiloOptions options, DiffusionCallback? callback = null) =>
        Run(prior, measurements, options, pgd: true, callback);

    private static DiffusionSolveResult Run(IDiffusionPrior prior, IReadOnlyList<Measurement> measurements, DmiloOptions options, bool pgd, DiffusionCallback? callback)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var batch = new BatchMeasurements(measurements, prior.Shape);
        int b = batch.Count, n = prior.Shape.Length, N = prior.Steps;
        // Every Scalar held by `using` and every alpha explicit (see ScalarLifetimeTests); same operations as the operators.
        using Scalar one = 1, two = 2, lo = -1.0, hi = 1.0, lambda = options.Lambda, latentPrior = options.LatentPrior;
        var curves = new List<double>[b];
        for (int i = 0; i < b; i++) curves[i] = new List<double>();
        var residuals = new double[b];

        // chain[i] = x_{t_i}, i = 0..N; nu[i] = ν_i, i = 1..N (index 0 unused)
        var chain = new Tensor[N + 1];
        var nu = new Tensor[N + 1];
        chain[N] = randn(new long[] { b, n }, generator: new Generator(options.Seed));
        for (int i = 1; i <= N; i++) nu[i] = zeros(b, n);
        long forwardOnly = Propagate(prior, chain, nu, withDeviations: false);

        double[][] x = new double[b][];
        for (int i = 0; i < b; i++) x[i] = new double[n];
        double eta = 0;
        if (pgd)
        {
            double lmax = 0;
            foreach (var m in batch.Items) lmax = Math.Max(lmax, m.Operator.LipschitzSquared);
            eta = options.GradientStep ?? 1 / (2 * lmax);
        }
        double[][] images = x;
        long fb = 0;
        int e = 0;
        while (e < options.OuterIterations)
        {
            double[][]? target1 = null;
            if (pgd)
            {
                var xt = GradientStage(batch, x, eta, options.GradientSteps);
                target1 = batch.Apply(xt);
            }
            // sweep from the image end back to the noise end
            Tensor? target = null;
            for (int i = 1; i <= N; i++)
            {
                var z = new Parameter(chain[i].clone());
                var v = new Parameter(nu[i].clone());
                // ManagedAdam: torch.optim.Adam's operations with held Scalars; torch.optim.Adam defaults (β2 = 0.999 in 0.107) kept
                var adamZ = new ManagedAdam([z], options.LearningRateZ, beta1: 0.9, beta2: 0.999, eps: 1e-8);
                var adamV = options.UseDeviations ? new ManagedAdam([v], options.LearningRateNu, beta1: 0.9, beta2: 0.999, eps: 1e-8) : null;
                for (int s = 0; s < options.InnerIterations; s++)
                {
                    using var scope = NewDisposeScope();
                    var output = prior.Step(i, z).add(v, one);
                    var reg = v.abs().mean([1L]).sum().mul(lambda).add(z.pow(two).mean([1L]).sum().mul(latentPrior), one);
                    Tensor loss;
                    if (i == 1)
                    {
                        var outArrays = BatchMeasurements.ToArrays(output);
                        var grad = BatchMeasurements.FromArrays(batch.DataGradient(outArrays, target1, 1, Span<double>.Empty));
                        loss = (output * grad).sum().add(reg, one); // surrogate: its gradient is J_outputᵀ·grad + ∇reg
                    }
                    else
                    {
                        loss = (output - target!).pow(two).mean([1L]).sum().add(reg, one);
                    }
                    adamZ.zero_grad();
                    adamV?.zero_grad();
                    loss.backward();
                    adamZ.step();
                    adamV?.step();
                    fb++;
                }
                chain[i].Dispose();
                chain[i] = z.detach().clone();
                nu[i].Dispose();
                nu[i] = v.detach().clone();
                adamZ.Dispose(); adamV?.Dispose();   // before the parameters: ManagedOptimizer.Dispose reads their handles
                z.Dispose(); v.Dispose();
                target = chain[i];
            }
            forwardOnly += Propagate(prior, chain, nu, withDeviations: true);
            using (var clamped = chain[0].clamp(lo, hi)) images = BatchMeasurements.ToArrays(clamped);
            batch.DataGradient(images, null, 1, residuals);
            for (int i = 0; i < b; i++) curves[i].Add(residuals[i]);
            x = images;
            e++;
            if (callback != null && !callback(e, fb, images)) break;
        }
        double[][] deviation;
        using (var total = zeros(b, n))
        {
            for (int i = 1; i <= N; i++)
            {
                using var magnitude = nu[i].abs();
                total.add_(magnitude, one);
            }
            deviation = BatchMeasurements.ToArrays(total);
        }
        foreach (var t in chain) t?.Dispose();
        foreach (var t in nu) t?.Dispose();
        var selectedIt = Enumerable.Repeat(e, b).ToArray();
        return new DiffusionSolveResult(images, images, selectedIt, e, fb, forwardOnly, curves, deviation);
    }

    /// <summary>Re-propagates the chain x_{t_{i−1}} = g_i(x_{t_i}) (+ ν_i) without gradients; returns the network calls.</summary>
    private static long Propagate(IDiffusionPrior prior, Tensor[] chain, Tensor[] nu, bool withDeviations)
    {
        using var noGrad = no_grad();
        using Scalar one = 1;
        int N = chain.Length - 1;
        for (int i = N; i >= 1; i--)
        {
            var next = prior.Step(i, chain[i]);
            if (withDeviations) next.add_(nu[i], one);
            chain[i - 1]?.Dispose();
            chain[i - 1] = next;
        }
        return N;
    }

    private static double[][] GradientStage(BatchMeasurements batch, double[][] x, double eta, int steps)
    {
        int b = batch.Count;
        var xt = new double[b][];
        if (steps == 1)
        {
            var clamped = new double[b][];
            for (int i = 0; i < b; i++) clamped[i] = x[i].Select(v => Math.Clamp(v, -1, 1)).ToArray();
            // ∇_x ‖A(clamp x) − y‖² (squared 2-norm, a sum as in the code) = 2 J(clamp x)ᵀ(A(clamp x) − y) inside [-1, 1]
            for (int i = 0; i < b; i++)
            {
                var op = batch.Items[i].Operator;
                var ax = new double[op.OutputShape.Length];
                op.Apply(clamped[i], ax);
                ReadOnlySpan<double> y = batch.Items[i].Y;
                for (int k = 0; k < ax.Length; k++) ax[k] = 2 * (ax[k] - y[k]);
                var g = new double[x[i].Length];
                op.JacobianAdjoint(clamped[i], ax, g);
                xt[i] = new double[x[i].Length];
                for (int k = 0; k < g.Length; k++)
                {
                    double gk = Math.Abs(x[i][k]) <= 1 ? g[k] : 0; // clamp passes the gradient only inside [-1, 1]
                    xt[i][k] = Math.Clamp(x[i][k] - eta * gk, -1, 1);
                }
            }
            return xt;
        }
        for (int i = 0; i < b; i++)
        {
            var op = batch.Items[i].Operator;
            ReadOnlySpan<double> y = batch.Items[i].Y;
            var cur = (double[])x[i].Clone();
            var r = new double[op.OutputShape.Length];
            var g = new double[cur.Length];
            for (int s = 0; s < steps; s++)
            {
                op.Apply(cur, r);
                double norm = 0;
                for (int k = 0; k < r.Length; k++) { r[k] -= y[k]; norm += r[k] * r[k]; }
                norm = Math.Sqrt(norm);
                if (norm == 0) break;
                for (int k = 0; k < r.Length; k++) r[k] /= norm; // ∇‖r‖₂ = Jᵀ r / ‖r‖
                op.JacobianAdjoint(cur, r, g);
                for (int k = 0; k < cur.Length; k++) cur[k] = Math.Clamp(cur[k] - eta * g[k], -1, 1);
            }
            xt[i] = cur;
        }
        return xt;
    }
}
