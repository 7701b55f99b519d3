using System.Diagnostics;
using PhyToolkit.Channels.Imaging.Sources;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// Trains the ε-prediction prior (TinyMLP or TinyUNet, <see cref="DdpmTrainingRecipe.Architecture"/>) on freshly generated StrokeDigits (docs/inverse-imaging.md
/// [proposal]; objective of Ho et al. 2020, eq. (14)): <c>L = E‖ε − ε_θ(sqrt(ᾱ_t)x₀ + sqrt(1−ᾱ_t)ε, t)‖²</c>, t uniform
/// in {0..999}, with the <see cref="DdpmTrainingRecipe"/> optimizer settings. Deterministic for a fixed recipe and
/// thread count.
/// </summary>
public static class DdpmTrainer
{
    /// <summary>Trains, resuming from the recipe's training checkpoint when <paramref name="checkpoints"/> names one.</summary>
    /// <param name="recipe">Recipe (validated).</param>
    /// <param name="threads">Torch intra-op threads (≥ 1).</param>
    /// <param name="progress">Optional progress: (step done, loss), reported synchronously after every step.</param>
    /// <param name="checkpoints">
    /// Optional resumable state (<see cref="TrainingCheckpointOptions"/>): written every K steps and after the last step;
    /// on start the recipe's checkpoint is resumed, so an interrupted training continued this way ends with the same
    /// weights as an uninterrupted one. A checkpoint of another recipe or a corrupt one is refused (the reason goes to
    /// <paramref name="onRefused"/>) and training starts from step 0.
    /// </param>
    /// <param name="onRefused">Receives the reason a training checkpoint was refused.</param>
    /// <param name="cancellation">Checked before every step; cancelling throws <see cref="OperationCanceledException"/>
    /// and writes nothing (as a killed process would).</param>
    public static TrainedPrior Train(DdpmTrainingRecipe recipe, int threads = 1, IProgress<(int Step, double Loss)>? progress = null,
        TrainingCheckpointOptions? checkpoints = null, Action<string>? onRefused = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        checkpoints?.Validate();
        TorchRuntime.EnsureLoaded(threads);
        var watch = Stopwatch.StartNew();
        int n = recipe.Shape.Length, b = recipe.BatchSize;
        var state = TrainingState.Fresh(recipe);
        int start = 0;
        double wallBefore = 0;
        var losses = new List<double>(recipe.Steps);
        string? checkpointPath = checkpoints is null ? null : TrainingCheckpoint.PathFor(checkpoints.Directory, recipe);
        if (checkpointPath is not null && File.Exists(checkpointPath))
        {
            try
            {
                var header = TrainingCheckpoint.Read(checkpointPath, recipe);
                try
                {
                    TrainingCheckpoint.Restore(header, state.Generator, state.Model, state.Ema, state.Optimizer);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidDataException($"Training checkpoint {checkpointPath} could not be loaded into the network: {e.Message}", e);
                }
                start = header.Step;
                wallBefore = header.WallSeconds;
                losses.AddRange(header.Losses);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                onRefused?.Invoke(e.Message + " Training restarts from step 0.");
                state.Dispose();
                state = TrainingState.Fresh(recipe);
            }
        }
        var (model, ema, optimizer, generator) = (state.Model, state.Ema, state.Optimizer, state.Generator);
        var modelParams = model.parameters().ToArray();
        var emaParams = ema.parameters().ToArray();
        ema.eval();
        model.train();
        var schedule = LinearBetaSchedule.Default;
        var alphaBar = new float[schedule.TrainingSteps];
        for (int t = 0; t < alphaBar.Length; t++) alphaBar[t] = (float)schedule.AlphaBar(t);
        using var alphaBarTable = tensor(alphaBar);
        var source = new StrokeDigits(recipe.Shape, recipe.DataSeed);
        var image = new double[n];
        var batch = new float[b * n];
        using Scalar one = 1, emaDecay = recipe.EmaDecay, emaRest = 1 - recipe.EmaDecay;
        for (int step = start; step < recipe.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using (var scope = NewDisposeScope())
            {
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
                losses.Add(loss.item<float>());
            }
            if (checkpointPath is not null && ((step + 1) % checkpoints!.Every == 0 || step + 1 == recipe.Steps))
                TrainingCheckpoint.Save(checkpointPath, recipe, step + 1, wallBefore + watch.Elapsed.TotalSeconds, losses, generator, model, ema, optimizer);
            progress?.Report((step + 1, losses[^1]));
        }
        int window = Math.Min(50, losses.Count);
        state.DisposeAllButEma();
        return new TrainedPrior(ema, recipe, ema.ParameterCount(), recipe.Steps,
            losses.Take(window).Average(), losses.Skip(losses.Count - window).Average(), wallBefore + watch.Elapsed.TotalSeconds, FromCheckpoint: false, losses);
    }

    /// <summary>Model, EMA copy, AdamW and the data generator as they are before step 0.</summary>
    private sealed class TrainingState : IDisposable
    {
        public required DenoiserNetwork Model { get; init; }
        public required DenoiserNetwork Ema { get; init; }
        public required ManagedAdam Optimizer { get; init; }
        public required Generator Generator { get; init; }

        public static TrainingState Fresh(DdpmTrainingRecipe recipe)
        {
            manual_seed(recipe.InitSeed);
            var model = DenoiserNetwork.Create(recipe);
            var ema = DenoiserNetwork.Create(recipe);
            var modelParams = model.parameters().ToArray();
            var emaParams = ema.parameters().ToArray();
            using (no_grad())
                for (int k = 0; k < modelParams.Length; k++) emaParams[k].copy_(modelParams[k]);
            // ManagedAdam with λ > 0 is AdamW with TorchSharp's operation order, its Scalars held (torch.optim.AdamW's step passes
            // unheld Scalar temporaries that the GC can finalise during the native call; see ScalarLifetimeTests).
            var optimizer = new ManagedAdam(modelParams, recipe.LearningRate, 0.9, 0.999, 1e-8, recipe.WeightDecay);
            return new TrainingState { Model = model, Ema = ema, Optimizer = optimizer, Generator = new Generator(recipe.DataSeed) };
        }

        public void DisposeAllButEma()
        {
            Optimizer.Dispose();
            Model.Dispose();
            Generator.Dispose();
        }

        public void Dispose()
        {
            DisposeAllButEma();
            Ema.Dispose();
        }
    }
}
