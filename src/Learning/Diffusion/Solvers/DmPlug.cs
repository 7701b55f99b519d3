using PhyToolkit.Channels.Imaging;
using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>
/// DMPlug (Wang et al., NeurIPS 2024, arXiv:2405.16749; loop as in the official code [code], docs/inverse-imaging.md): the few-step sampler G is a fixed differentiable map and the seed is fitted,
/// <c>min_z mean((A(clamp(G(z), −1, 1)) − y)²)</c>, with Adam on z; back-propagation runs through all N network
/// calls. Returns the last iterate and the ES-WMV-selected iterate (never the oracle-best one).
/// </summary>
public static class DmPlug
{
    /// <summary>Solves a batch of measurements with one prior (images are independent: Adam is element-wise).</summary>
    public static DiffusionSolveResult Solve(IDiffusionPrior prior, IReadOnlyList<Measurement> measurements, DmPlugOptions options, DiffusionCallback? callback = null)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var batch = new BatchMeasurements(measurements, prior.Shape);
        int b = batch.Count, n = prior.Shape.Length, N = prior.Steps;
        double scale = options.ScaleEsWmv ? Math.Min(1.0, options.Iterations / 5000.0) : 1.0;
        var stoppers = new EsWmv[b];
        for (int i = 0; i < b; i++)
            stoppers[i] = new EsWmv(n, Math.Max(2, (int)Math.Round(options.EsWmvWindow * scale)), Math.Max(1, (int)Math.Round(options.EsWmvPatience * scale)));
        var curves = new List<double>[b];
        for (int i = 0; i < b; i++) curves[i] = new List<double>(options.Iterations);
        var z = new TorchSharp.Modules.Parameter(randn(new long[] { b, n }, generator: new Generator(options.Seed)));
        // ManagedAdam reproduces torch.optim.Adam's operations with its Scalars held (torch's step passes unheld Scalar
        // temporaries, see ScalarLifetimeTests); torch.optim.Adam defaults (β2 = 0.999 in TorchSharp 0.107) kept.
        var adam = new ManagedAdam([z], options.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8);
        using Scalar lo = -1.0, hi = 1.0;
        var residuals = new double[b];
        double[][] last = new double[b][];
        int it = 0;
        while (it < options.Iterations)
        {
            using var scope = NewDisposeScope();
            Tensor x = z;
            for (int i = N; i >= 1; i--) x = prior.Step(i, x);
            var xhat = x.clamp(lo, hi);
            last = BatchMeasurements.ToArrays(xhat);
            var grad = BatchMeasurements.FromArrays(batch.DataGradient(last, null, 1, residuals));
            adam.zero_grad();
            xhat.backward([grad]);
            adam.step();
            it++;
            for (int i = 0; i < b; i++) { curves[i].Add(residuals[i]); stoppers[i].Add(it, last[i]); }
            if (callback != null && !callback(it, (long)it * N, last)) break;
        }
        var selected = new double[b][];
        var selectedIt = new int[b];
        for (int i = 0; i < b; i++) { selected[i] = stoppers[i].Selected; selectedIt[i] = stoppers[i].SelectedIteration; }
        adam.Dispose();
        z.Dispose();
        return new DiffusionSolveResult(last, selected, selectedIt, it, (long)it * N, 0, curves, null);
    }
}
