using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using PhyToolkit.Core.IO;
using PhyToolkit.Learning.Torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// Checkpoint files of a trained prior in a folder, keyed by the recipe hash: <c>prior-&lt;hash12&gt;.pt</c> (TorchSharp
/// weights) and <c>prior-&lt;hash12&gt;.json</c> (the full recipe hash, its canonical text, the SHA-256 of the weights
/// file, parameter count, steps, losses, wall time). A checkpoint whose recipe hash differs from the requested recipe,
/// or whose weights do not match their recorded SHA-256, is refused with a message saying which.
/// </summary>
public static class PriorCheckpoint
{
    private sealed record Manifest(string RecipeHash, string Recipe, string WeightsSha256, long ParameterCount, int Steps,
        double InitialLoss, double FinalLoss, double WallSeconds);

    /// <summary>Base path (without extension) for a recipe in <paramref name="directory"/>.</summary>
    public static string BasePath(string directory, DdpmTrainingRecipe recipe) => Path.Combine(directory, "prior-" + recipe.Hash()[..12]);

    /// <summary>Writes the EMA weights and the manifest (each to a temporary name, then renamed).</summary>
    public static void Save(string directory, TrainedPrior prior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        Directory.CreateDirectory(directory);
        string basePath = BasePath(directory, prior.Recipe);
        string tmp = basePath + ".pt.tmp";
        prior.Network.save(tmp);
        File.Move(tmp, basePath + ".pt", overwrite: true);
        var manifest = new Manifest(prior.Recipe.Hash(), prior.Recipe.Canonical(), Sha256(basePath + ".pt"), prior.ParameterCount, prior.StepsDone,
            prior.InitialLoss, prior.FinalLoss, prior.WallSeconds);
        AtomicFile.WriteAllText(basePath + ".json", JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Loads the checkpoint of <paramref name="recipe"/> from <paramref name="directory"/>, or returns null when there is
    /// none. Throws <see cref="InvalidDataException"/> for a manifest of another recipe or weights that fail their hash.
    /// </summary>
    public static TrainedPrior? Load(string directory, DdpmTrainingRecipe recipe, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        string basePath = BasePath(directory, recipe);
        if (!File.Exists(basePath + ".json") || !File.Exists(basePath + ".pt")) return null;
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(basePath + ".json")) ?? throw new InvalidDataException("empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Prior checkpoint {basePath}.json is not a valid manifest: {e.Message}", e);
        }
        if (manifest.RecipeHash != recipe.Hash())
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Prior checkpoint {basePath}.pt was trained with another recipe (hash {manifest.RecipeHash[..12]}…: {manifest.Recipe}); requested {recipe.Hash()[..12]}…: {recipe.Canonical()}."));
        string sha = Sha256(basePath + ".pt");
        if (sha != manifest.WeightsSha256)
            throw new InvalidDataException($"Prior checkpoint {basePath}.pt is corrupt: its SHA-256 {sha[..12]}… differs from the recorded {manifest.WeightsSha256[..12]}….");
        TorchRuntime.EnsureLoaded(threads);
        var network = DenoiserNetwork.Create(recipe);
        network.load(basePath + ".pt");
        network.eval();
        return new TrainedPrior(network, recipe, network.ParameterCount(), manifest.Steps, manifest.InitialLoss, manifest.FinalLoss, manifest.WallSeconds, FromCheckpoint: true, []);
    }

    /// <summary>
    /// Loads the recipe's checkpoint, or trains and saves one when there is none or it is refused (the refusal message is
    /// passed to <paramref name="onRefused"/>; a refused checkpoint is never used). Training writes its resumable state to
    /// <c>train-&lt;hash12&gt;.ckpt</c> in the same folder every <paramref name="checkpointEvery"/> steps, resumes from it
    /// when a previous training of the same recipe was interrupted, and deletes it once the prior is saved.
    /// </summary>
    public static TrainedPrior LoadOrTrain(string directory, DdpmTrainingRecipe recipe, int threads = 1,
        Action<string>? onRefused = null, IProgress<(int Step, double Loss)>? progress = null, int checkpointEvery = 250)
    {
        try
        {
            if (Load(directory, recipe, threads) is { } loaded) return loaded;
        }
        catch (InvalidDataException e)
        {
            onRefused?.Invoke(e.Message);
        }
        var trained = DdpmTrainer.Train(recipe, threads, progress, new TrainingCheckpointOptions(directory, checkpointEvery), onRefused);
        Save(directory, trained);
        File.Delete(TrainingCheckpoint.PathFor(directory, recipe));
        return trained;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
