using System.Security.Cryptography;
using System.Text;
using PhyToolkit.Core.IO;
using PhyToolkit.Learning.Optimizers;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>Where and how often <see cref="DdpmTrainer"/> writes its resumable training state.</summary>
/// <param name="Directory">Folder of the checkpoint file <c>train-&lt;hash12&gt;.ckpt</c> (created when missing).</param>
/// <param name="Every">Write after every <c>Every</c> optimizer steps (≥ 1) and after the last step.</param>
public sealed record TrainingCheckpointOptions(string Directory, int Every = 250)
{
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory)) throw new ArgumentException("Directory is empty; allowed: a folder path.", nameof(Directory));
        Guard.AtLeast(Every, 1, nameof(Every));
    }
}

/// <summary>
/// The resumable state of a DDPM training run in one file, keyed by the recipe hash: the step reached, wall time so far,
/// the loss history, the torch generator state (time steps and noise), the model, its EMA and the optimizer moments
/// (the training images are rendered by index <c>step·B + i</c>, so they need no state). Layout: a magic line, format
/// version, the full recipe hash and canonical text, the state, then the SHA-256 of everything before it. Written to a
/// temporary name and renamed (<see cref="AtomicFile"/>), so a killed process leaves the previous checkpoint intact.
/// A file of another recipe, another format or failing its SHA-256 is refused (<see cref="InvalidDataException"/>).
/// </summary>
internal static class TrainingCheckpoint
{
    private const string Magic = "phytk-ddpm-training-checkpoint";
    private const int FormatVersion = 1;

    public static string PathFor(string directory, DdpmTrainingRecipe recipe) => System.IO.Path.Combine(directory, "train-" + recipe.Hash()[..12] + ".ckpt");

    public static void Save(string path, DdpmTrainingRecipe recipe, int step, double wallSeconds, IReadOnlyList<double> losses,
        Generator generator, DenoiserNetwork model, DenoiserNetwork ema, ManagedAdam optimizer)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(recipe.Hash());
            w.Write(recipe.Canonical());
            w.Write(step);
            w.Write(wallSeconds);
            w.Write(losses.Count);
            foreach (double l in losses) w.Write(l);
            using (var state = generator.get_state())
            {
                var bytes = state.data<byte>().ToArray();
                w.Write(bytes.Length);
                w.Write(bytes);
            }
            model.save(w);
            ema.save(w);
            optimizer.save_state_dict(w);
            w.Flush();
        }
        var hash = SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length));
        stream.Write(hash);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        AtomicFile.WriteAllBytes(path, stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    /// <summary>What <see cref="Read"/> found before any module is touched.</summary>
    public sealed class Header
    {
        public required int Step { get; init; }
        public required double WallSeconds { get; init; }
        public required List<double> Losses { get; init; }
        public required byte[] GeneratorState { get; init; }
        public required byte[] Bytes { get; init; }
        public required long StateOffset { get; init; }
    }

    /// <summary>Reads and checks the file (magic, version, SHA-256, recipe hash, step range); the modules are not touched.</summary>
    public static Header Read(string path, DdpmTrainingRecipe recipe)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 32 + Magic.Length)
            throw new InvalidDataException($"Training checkpoint {path} is truncated ({bytes.Length} bytes).");
        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
            throw new InvalidDataException($"Training checkpoint {path} is corrupt: its SHA-256 does not match the recorded one.");
        using var stream = new MemoryStream(bytes, 0, bytes.Length - 32, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (r.ReadString() != Magic) throw new InvalidDataException($"Training checkpoint {path} is not a DDPM training checkpoint.");
            int version = r.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"Training checkpoint {path} has format version {version}; this build reads {FormatVersion}.");
            string hash = r.ReadString(), canonical = r.ReadString();
            if (hash != recipe.Hash())
                throw new InvalidDataException($"Training checkpoint {path} belongs to another recipe (hash {hash[..Math.Min(12, hash.Length)]}…: {canonical}); requested {recipe.Hash()[..12]}…: {recipe.Canonical()}.");
            int step = r.ReadInt32();
            if (step < 1 || step > recipe.Steps) throw new InvalidDataException($"Training checkpoint {path} records step {step}; allowed: 1..{recipe.Steps}.");
            double wall = r.ReadDouble();
            int count = r.ReadInt32();
            if (count != step) throw new InvalidDataException($"Training checkpoint {path} holds {count} losses for step {step}.");
            var losses = new List<double>(recipe.Steps);
            for (int i = 0; i < count; i++) losses.Add(r.ReadDouble());
            int g = r.ReadInt32();
            if (g < 1 || g > 1 << 20) throw new InvalidDataException($"Training checkpoint {path} has a generator state of {g} bytes.");
            var generatorState = r.ReadBytes(g);
            return new Header { Step = step, WallSeconds = wall, Losses = losses, GeneratorState = generatorState, Bytes = bytes, StateOffset = stream.Position };
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Training checkpoint {path} ends early: {e.Message}", e);
        }
    }

    /// <summary>Loads the modules, the optimizer state and the generator state of a checked header.</summary>
    public static void Restore(Header header, Generator generator, DenoiserNetwork model, DenoiserNetwork ema, ManagedAdam optimizer)
    {
        using var stream = new MemoryStream(header.Bytes, (int)header.StateOffset, header.Bytes.Length - 32 - (int)header.StateOffset, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        model.load(r);
        ema.load(r);
        optimizer.load_state_dict(r);
        using var state = tensor(header.GeneratorState, dtype: ScalarType.Byte);
        generator.set_state(state);
    }
}
