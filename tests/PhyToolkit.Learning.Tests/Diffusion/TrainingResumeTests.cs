using PhyToolkit.Channels.Imaging;
using PhyToolkit.Learning.Diffusion;

namespace PhyToolkit.Learning.Tests.Diffusion;

public class TrainingResumeTests
{
    // Tiny recipes: 12 steps, checkpoints every 3; both architectures.
    public static TheoryData<PriorArchitecture> Architectures => new() { PriorArchitecture.TinyMlp, PriorArchitecture.TinyUNet };

    private static DdpmTrainingRecipe Recipe(PriorArchitecture arch) => new()
    {
        Architecture = arch, Shape = new ImageShape(8, 8), Width = 32, Blocks = 1, BatchSize = 8, Steps = 12, WarmupSteps = 4,
    };

    /// <summary>Calls back synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class Hook(Action<int> onStep) : IProgress<(int Step, double Loss)>
    {
        public void Report((int Step, double Loss) value) => onStep(value.Step);
    }

    private static float[] Weights(TrainedPrior p) => p.Network.parameters().SelectMany(x => x.data<float>().ToArray()).ToArray();

    [Theory]
    [MemberData(nameof(Architectures))]
    public void InterruptedAndResumedTrainingEndsWithTheSameWeights(PriorArchitecture arch)
    {
        var recipe = Recipe(arch);
        var dir = Directory.CreateTempSubdirectory("phytk-train-").FullName;
        try
        {
            var straight = DdpmTrainer.Train(recipe);
            // Killed after step 7: the last checkpoint is the one of step 6, so steps 7.. are redone after the resume.
            using var cts = new CancellationTokenSource();
            var options = new TrainingCheckpointOptions(dir, Every: 3);
            Assert.Throws<OperationCanceledException>(() => DdpmTrainer.Train(recipe, progress: new Hook(s => { if (s == 7) cts.Cancel(); }), checkpoints: options, cancellation: cts.Token));
            int first = 0;
            string? refused = null;
            var resumed = DdpmTrainer.Train(recipe, progress: new Hook(s => { if (first == 0) first = s; }), checkpoints: options, onRefused: m => refused = m);
            Assert.Null(refused);
            Assert.Equal(7, first); // resumed after step 6
            Assert.Equal(straight.LossCurve, resumed.LossCurve);
            Assert.Equal(Weights(straight), Weights(resumed)); // bit-exact EMA weights
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CorruptOrForeignTrainingCheckpointIsRefusedAndTrainingRestarts()
    {
        var recipe = Recipe(PriorArchitecture.TinyMlp) with { Steps = 6 };
        var dir = Directory.CreateTempSubdirectory("phytk-train-").FullName;
        try
        {
            var options = new TrainingCheckpointOptions(dir, Every: 3);
            var straight = DdpmTrainer.Train(recipe);
            using (var cts = new CancellationTokenSource())
                Assert.Throws<OperationCanceledException>(() => DdpmTrainer.Train(recipe, progress: new Hook(s => { if (s == 4) cts.Cancel(); }), checkpoints: options, cancellation: cts.Token));
            string path = Path.Combine(dir, "train-" + recipe.Hash()[..12] + ".ckpt");
            Assert.True(File.Exists(path));

            // Another recipe's checkpoint under this recipe's name: refused, naming both; training starts from step 0.
            var other = recipe with { InitSeed = 9 };
            string otherPath = Path.Combine(dir, "train-" + other.Hash()[..12] + ".ckpt");
            File.Copy(path, otherPath);
            string? refused = null;
            int first = 0;
            var fromScratch = DdpmTrainer.Train(other, progress: new Hook(s => { if (first == 0) first = s; }), checkpoints: options, onRefused: m => refused = m);
            Assert.Contains("another recipe", refused);
            Assert.Contains("restarts from step 0", refused);
            Assert.Equal(1, first);
            Assert.Equal(Weights(DdpmTrainer.Train(other)), Weights(fromScratch));

            // A flipped byte: refused as corrupt; the result equals an uninterrupted training.
            var bytes = File.ReadAllBytes(path);
            bytes[bytes.Length / 2] ^= 0x5A;
            File.WriteAllBytes(path, bytes);
            refused = null;
            var retrained = DdpmTrainer.Train(recipe, checkpoints: options, onRefused: m => refused = m);
            Assert.Contains("corrupt", refused);
            Assert.Equal(Weights(straight), Weights(retrained));

            // A truncated file: refused too.
            File.WriteAllBytes(path, bytes.AsSpan(0, 20).ToArray());
            refused = null;
            DdpmTrainer.Train(recipe, checkpoints: options, onRefused: m => refused = m);
            Assert.Contains("truncated", refused);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
