using System.Diagnostics;
using PhyToolkit.Channels.Imaging.Sources;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// Trains the TinyMLP ε-prediction prior on freshly generated StrokeDigits (docs/inverse-imaging.md
/// [proposal]; objective of Ho et al. 2020, eq. (14)): <c>L = E‖ε − ε_θ(sqrt(ᾱ_t)x₀ + sqrt(1−ᾱ_t)ε, t)‖²</c>, t uniform
/// in {0..999}, with the <see cref="DdpmTrainingRecipe"/> optimizer settings. Deterministic for a fixed recipe and
/// thread count.
/// </summary>
public static class DdpmTrainer
{
    /// <summary>Trains from scratch.</summary>
    /// <param name="recipe">Recipe (validated).</param>
    /// <param name="threads">Torch intra-op threads (≥ 1).</param>
    /// <param name="progress">Optional progress: (step done, loss).</param>
    public static TrainedPrior Train(DdpmTrainingRecipe recipe, int threads = 1, IProgress<(int Step, double Loss)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        TorchRuntime.EnsureLoaded(threads);
        var watch = Stopwatch.StartNew();
        int n = recipe.Shape.Length, b = recipe.BatchSize;
        manual_seed(recipe.InitSeed);
        var model = new TinyMlp(n, recipe.Width, recipe.Blocks);
        var ema = new TinyMlp(n, recipe.Width, recipe.Blocks);
        var modelParams = model.parameters().ToArray();
        var emaParams = ema.parameters().ToArray();
        using (no_grad())
            for (int k = 0; k < modelParams.Length; k++) emaParams[k].copy_(modelParams[k]);
        ema.eval();
        model.train();
        // ManagedAdam with λ > 0 is AdamW with TorchSharp's operation order, its Scalars held (torch.optim.AdamW's step passes
        // unheld Scalar temporaries that the GC can finalise during the native call; see ScalarLifetimeTests).
        var optimizer = new ManagedAdam(modelParams, recipe.LearningRate, 0.9, 0.999, 1e-8, recipe.WeightDecay);
        var generator = new Generator(recipe.DataSeed);
        var schedule = LinearBetaSchedule.Default;
        var alphaBar = new float[schedule.TrainingSteps];
        for (int t = 0; t < alphaBar.Length; t++) alphaBar[t] = (float)schedule.AlphaBar(t);
        using var alphaBarTable = tensor(alphaBar);
        var source = new StrokeDigits(recipe.Shape, recipe.DataSeed);
        var image = new double[n];
        var batch = new float[b * n];
        var losses = new List<double>(recipe.Steps);
        using Scalar one = 1, emaDecay = recipe.EmaDecay, emaRest = 1 - recipe.EmaDecay;
        for (int step = 0; step < recipe.Steps; step++)
        {
            using var scope = NewDisposeScope();
            double lr = recipe.LearningRateAt(step);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            for (int i = 0; i < b; i++)
            {
                source.Render((long)step * b + i, image);
                for (int p = 0; p < n; p++) batch[i * n + p] = (float)image[p];
            }
            var x0 = tensor(batch, new long[] { b, n });
            var t = randint(0, schedule.TrainingSteps, new long[] { b }, dtype: ScalarType.Int64, generator: generator);
            var eps = randn(new long[] { b, n }, generator: generator);
            var ab = alphaBarTable.index_select(0, t).unsqueeze(1);
            var xt = (ab.sqrt() * x0).add(ab.neg().add(one, one).sqrt() * eps, one);
            var loss = nn.functional.mse_loss(model.forward(xt, t.to_type(ScalarType.Float32)), eps);
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(modelParams, recipe.GradientClip);
            optimizer.step();
            using (no_grad())
                for (int k = 0; k < modelParams.Length; k++) emaParams[k].mul_(emaDecay).add_(modelParams[k], emaRest);
            double value = loss.item<float>();
            losses.Add(value);
            progress?.Report((step + 1, value));
        }
        int window = Math.Min(50, losses.Count);
        return new TrainedPrior(ema, recipe, ema.ParameterCount(), recipe.Steps,
            losses.Take(window).Average(), losses.Skip(losses.Count - window).Average(), watch.Elapsed.TotalSeconds, FromCheckpoint: false, losses);
    }
}
