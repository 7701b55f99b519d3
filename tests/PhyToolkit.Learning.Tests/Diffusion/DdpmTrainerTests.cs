using PhyToolkit.Learning.Diffusion;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Diffusion;

public class DdpmTrainerTests
{
    // A CI-sized recipe: width 128, 2 blocks, batch 16, 100 steps (a few seconds on one core).
    private static readonly DdpmTrainingRecipe Small = new() { Width = 128, Blocks = 2, BatchSize = 16, Steps = 100, WarmupSteps = 20 };

    [Fact]
    public void TrainingLossFallsAndIsReproducible()
    {
        // The loss of ε-prediction starts near E‖ε‖²/n = 1 (an untrained net outputs ~0-mean noise-independent values);
        // learning the x₀ manifold lowers it. The gate: the mean loss of the last 30 steps lies below that of the first 30 by
        // more than 4 standard errors of the difference (estimated from the per-step losses themselves), i.e. the fall is
        // not batch-to-batch noise.
        var a = DdpmTrainer.Train(Small, threads: 1);
        var first = a.LossCurve.Take(30).ToArray();
        var last = a.LossCurve.Skip(a.LossCurve.Count - 30).ToArray();
        double se = Math.Sqrt(Variance(first) / 30 + Variance(last) / 30);
        Assert.True(first.Average() - last.Average() > 4 * se, $"first {first.Average()}, last {last.Average()}, se {se}");
        Assert.True(a.ParameterCount > 0);
        var shortRecipe = Small with { Steps = 8 };
        Assert.Equal(DdpmTrainer.Train(shortRecipe).FinalLoss, DdpmTrainer.Train(shortRecipe).FinalLoss);
    }

    private static double Variance(double[] v)
    {
        double m = v.Average();
        return v.Sum(x => (x - m) * (x - m)) / (v.Length - 1);
    }

    [Fact]
    public void CheckpointRoundTripsAndRefusesAnotherRecipeOrCorruptWeights()
    {
        var dir = Directory.CreateTempSubdirectory("phytk-prior-").FullName;
        try
        {
            var recipe = Small with { Steps = 5 };
            var trained = DdpmTrainer.Train(recipe);
            PriorCheckpoint.Save(dir, trained);
            var loaded = PriorCheckpoint.Load(dir, recipe);
            Assert.NotNull(loaded);
            Assert.True(loaded!.FromCheckpoint);
            using (var scope = NewDisposeScope())
            {
                var x = randn(new long[] { 2, recipe.Shape.Length }, generator: new Generator(1));
                var t = tensor(new float[] { 10, 900 });
                using var g1 = no_grad();
                Assert.True(trained.Network.forward(x, t).allclose(loaded.Network.forward(x, t), 0, 0));
            }

            // Another recipe's files put under this recipe's name: refused, naming both recipes.
            var other = recipe with { InitSeed = 7 };
            string src = PriorCheckpoint.BasePath(dir, recipe), dst = PriorCheckpoint.BasePath(dir, other);
            File.Copy(src + ".pt", dst + ".pt");
            File.Copy(src + ".json", dst + ".json");
            var e = Assert.Throws<InvalidDataException>(() => PriorCheckpoint.Load(dir, other));
            Assert.Contains("another recipe", e.Message);

            // Corrupt weights: refused; LoadOrTrain retrains and says why.
            var bytes = File.ReadAllBytes(src + ".pt");
            bytes[^10] ^= 0xFF;
            File.WriteAllBytes(src + ".pt", bytes);
            Assert.Contains("corrupt", Assert.Throws<InvalidDataException>(() => PriorCheckpoint.Load(dir, recipe)).Message);
            string? refused = null;
            var retrained = PriorCheckpoint.LoadOrTrain(dir, recipe, onRefused: m => refused = m);
            Assert.False(retrained.FromCheckpoint);
            Assert.Contains("corrupt", refused);
            Assert.NotNull(PriorCheckpoint.Load(dir, recipe));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RecipeHashChangesWithEveryFieldAndBadFieldsAreNamed()
    {
        Assert.NotEqual(Small.Hash(), (Small with { EmaDecay = 0.99 }).Hash());
        Assert.NotEqual(Small.Hash(), (Small with { DataSeed = 1 }).Hash());
        Assert.Equal(Small.Hash(), (Small with { }).Hash());
        Assert.Contains("Steps", Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { Steps = 0 }).Validate()).Message);
        Assert.Contains("EmaDecay", Assert.Throws<ArgumentOutOfRangeException>(() => (Small with { EmaDecay = 1 }).Validate()).Message);
    }
}
