using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PhyToolkit.Channels.Imaging;
using PhyToolkit.Channels.Imaging.Sources;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Diffusion;
using PhyToolkit.Learning.Diffusion.Solvers;
using PhyToolkit.Learning.Torch;
using PhyToolkit.Scenarios.Cli;
using static TorchSharp.torch;

namespace PhyToolkit.Scenarios.InverseImaging;

/// <summary>One peak-memory reading of a fresh process (<c>phytk probe diffusion-memory</c>), as one JSON line.</summary>
/// <param name="Arch">tinymlp or tinyunet.</param>
/// <param name="Method">none (network and inputs only: the baseline), dmplug or dmilo.</param>
/// <param name="Steps">N, DDIM steps.</param>
/// <param name="Batch">Images solved together.</param>
/// <param name="Side">Image side.</param>
/// <param name="Threads">Torch intra-op threads.</param>
/// <param name="VmHwmKb">Peak resident set (Linux /proc/self/status VmHWM, kB; −1 where unavailable).</param>
/// <param name="PeakWorkingSetBytes"><c>Process.PeakWorkingSet64</c> (bytes).</param>
/// <param name="VmRssBeforeKb">Resident set just before the solver call (kB; −1 where unavailable).</param>
/// <param name="Seconds">Wall time of the solver call.</param>
public sealed record MemoryReading(string Arch, string Method, int Steps, int Batch, int Side, int Threads, long VmHwmKb, long PeakWorkingSetBytes,
    long VmRssBeforeKb, double Seconds)
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Peak resident memory in MB (VmHWM where available, else the peak working set).</summary>
    public double PeakMb => VmHwmKb > 0 ? VmHwmKb / 1024.0 : PeakWorkingSetBytes / (1024.0 * 1024.0);

    /// <summary>The JSON line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses the last line of <paramref name="output"/> that is a JSON object; throws <see cref="FormatException"/> naming what is missing.</summary>
    public static MemoryReading Parse(string output)
    {
        string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{') && l.EndsWith('}'));
        if (line is null) throw new FormatException($"no JSON line in the probe output: '{PhytkCommandLine.OneLine(output.Length > 300 ? output[..300] : output)}'");
        MemoryReading? r;
        try { r = JsonSerializer.Deserialize<MemoryReading>(line, Json); }
        catch (JsonException e) { throw new FormatException($"the probe's JSON line is not a memory reading: {e.Message}", e); }
        if (r is null || r.Method is null || r.Arch is null) throw new FormatException($"the probe's JSON line lacks fields: {line}");
        if (r.VmHwmKb <= 0 && r.PeakWorkingSetBytes <= 0) throw new FormatException($"the probe's JSON line has no peak memory: {line}");
        return r;
    }
}

/// <summary>
/// Hidden <c>phytk probe</c> commands for the diffusion prior's costs (docs/inverse-imaging.md): <c>diffusion-memory</c>
/// runs one solver iteration in this (fresh) process and prints its peak resident memory — DMPlug back-propagates through
/// all N network calls at once, DMILO through one call at a time — and <c>diffusion-cost</c> times one network
/// forward+backward and the prior's training steps.
/// </summary>
public static class DiffusionProbe
{
    /// <summary>Methods the memory probe knows.</summary>
    public static readonly string[] Methods = ["none", "dmplug", "dmilo"];

    /// <summary>
    /// Builds a seeded untrained network of <paramref name="arch"/>, <paramref name="batch"/> inpainting measurements (70 %
    /// mask, σ = 0.01) of StrokeDigits images, and runs (dmplug) one DMPlug iteration — G through N DDIM steps and its
    /// backward, every call in one graph — or (dmilo) one DMILO outer iteration with one inner step per DDIM step — N
    /// single-call forward+backward passes plus two gradient-free propagations — or (none) nothing. Returns the
    /// process's peak resident memory.
    /// </summary>
    public static MemoryReading MeasureMemory(PriorArchitecture arch, string method, int steps, int batch, int side, int threads = 1, ulong seed = 1)
    {
        TorchRuntime.EnsureLoaded(threads);
        var shape = new ImageShape(side, side);
        var recipe = new DdpmTrainingRecipe { Architecture = arch, Shape = shape };
        recipe.Validate();
        manual_seed((long)(seed & long.MaxValue));
        using var network = DenoiserNetwork.Create(recipe);
        var prior = new DdimPrior(network, shape, DdimTimeGrid.Dmilo(steps));
        var source = new StrokeDigits(shape, seed);
        var measurements = new List<Measurement>(batch);
        var truth = new double[shape.Length];
        for (int k = 0; k < batch; k++)
        {
            source.Render(k, truth);
            ulong imageSeed = SeedMixer.Mix(seed, (ulong)k);
            var rng = new Xoshiro256StarStar(imageSeed);
            measurements.Add(Measurement.Create(PixelMask.Random(shape, 0.7, ref rng), truth, new GaussianNoise(0.01), imageSeed));
        }
        long before = StatusKb("VmRSS");
        var watch = Stopwatch.StartNew();
        switch (method)
        {
            case "none": break;
            case "dmplug": DmPlug.Solve(prior, measurements, new DmPlugOptions { Iterations = 1 }); break;
            case "dmilo": Dmilo.Solve(prior, measurements, new DmiloOptions { OuterIterations = 1, InnerIterations = 1 }); break;
            default: throw new ConfigException("--method", $"got '{method}'; allowed: {string.Join(", ", Methods)}");
        }
        double seconds = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new MemoryReading(ArchName(arch), method, steps, batch, side, threads, StatusKb("VmHWM"), self.PeakWorkingSet64, before, seconds);
    }

    /// <summary>Single-call cost: median wall time of one network forward+backward (gradient to the input only, as the
    /// solvers use it) over <paramref name="calls"/> calls after two warm-up calls, in milliseconds.</summary>
    public static double ForwardBackwardMs(PriorArchitecture arch, int batch, int side, int calls, int threads = 1)
    {
        TorchRuntime.EnsureLoaded(threads);
        var shape = new ImageShape(side, side);
        manual_seed(1);
        using var network = DenoiserNetwork.Create(new DdpmTrainingRecipe { Architecture = arch, Shape = shape });
        var prior = new DdimPrior(network, shape, DdimTimeGrid.Dmilo(3));
        var times = new List<double>(calls);
        using TorchSharp.Scalar two = 2; // held: an unheld Scalar temporary can be finalised during the native call (ScalarLifetimeTests)
        for (int c = 0; c < calls + 2; c++)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator((ulong)c);
            var z = randn(new long[] { batch, shape.Length }, generator: generator).requires_grad_(true);
            var watch = Stopwatch.StartNew();
            prior.Step(2, z).pow(two).sum().backward();
            if (c >= 2) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static string ArchName(PriorArchitecture arch) => arch == PriorArchitecture.TinyUNet ? "tinyunet" : "tinymlp";

    /// <summary>"tinymlp" or "tinyunet" (case-insensitive) → the architecture; else a <see cref="ConfigException"/> naming <paramref name="field"/>.</summary>
    public static PriorArchitecture ParseArchitecture(string text, string field) => text.Trim().ToLowerInvariant() switch
    {
        "tinymlp" => PriorArchitecture.TinyMlp,
        "tinyunet" => PriorArchitecture.TinyUNet,
        _ => throw new ConfigException(field, $"got '{text}'; allowed: tinymlp, tinyunet"),
    };

    /// <summary>A field of /proc/self/status in kB, or −1 (not Linux, or absent).</summary>
    internal static long StatusKb(string field)
    {
        try
        {
            if (!File.Exists("/proc/self/status")) return -1;
            foreach (string line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return -1;
    }

    /// <summary>The hidden <c>probe</c> command.</summary>
    public static Command BuildCommand()
    {
        var probe = new Command("probe", "Measurement probes run in a fresh process (internal).") { Hidden = true };
        var arch = new Option<string>("--arch") { Description = "tinymlp or tinyunet.", DefaultValueFactory = _ => "tinyunet" };
        var method = new Option<string>("--method") { Description = "none, dmplug or dmilo.", DefaultValueFactory = _ => "dmplug" };
        var steps = new Option<int>("--steps") { Description = "DDIM steps N in [1, 64].", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Images per batch in [1, 4096].", DefaultValueFactory = _ => 32 };
        var side = new Option<int>("--side") { Description = "Image side, even, in [4, 256].", DefaultValueFactory = _ => 28 };
        var threads = new Option<int>("--threads") { Description = "Torch threads in [1, 64].", DefaultValueFactory = _ => 1 };
        var memory = new Command("diffusion-memory", "One DMPlug or DMILO iteration on an untrained network; prints the peak resident memory as one JSON line.")
            { arch, method, steps, batch, side, threads };
        memory.SetAction(pr => PhytkCommandLine.Guard(() =>
        {
            var (a, n, b, s, t) = Validated(pr, arch, steps, batch, side, threads);
            string m = pr.GetValue(method)!.Trim().ToLowerInvariant();
            if (!Methods.Contains(m)) throw new ConfigException("--method", $"got '{m}'; allowed: {string.Join(", ", Methods)}");
            Console.Out.WriteLine(MeasureMemory(a, m, n, b, s, t).ToJson());
            return PhytkCommandLine.Ok;
        }));
        probe.Subcommands.Add(memory);

        var cArch = new Option<string>("--arch") { Description = "tinymlp or tinyunet.", DefaultValueFactory = _ => "tinyunet" };
        var cBatch = new Option<int>("--batch") { Description = "Images per network call in [1, 4096].", DefaultValueFactory = _ => 32 };
        var cSide = new Option<int>("--side") { Description = "Image side, even, in [4, 256].", DefaultValueFactory = _ => 16 };
        var cThreads = new Option<int>("--threads") { Description = "Torch threads in [1, 64].", DefaultValueFactory = _ => 1 };
        var calls = new Option<int>("--calls") { Description = "Timed forward+backward calls in [1, 10000].", DefaultValueFactory = _ => 20 };
        var trainSteps = new Option<int>("--train-steps") { Description = "Timed training steps (batch 64) in [0, 100000]; 0 skips.", DefaultValueFactory = _ => 30 };
        var cost = new Command("diffusion-cost", "Median ms per network forward+backward, and training steps/s (batch 64); one JSON line.")
            { cArch, cBatch, cSide, cThreads, calls, trainSteps };
        cost.SetAction(pr => PhytkCommandLine.Guard(() =>
        {
            var (a, _, b, s, t) = Validated(pr, cArch, null, cBatch, cSide, cThreads);
            int c = pr.GetValue(calls), k = pr.GetValue(trainSteps);
            if (c < 1 || c > 10_000) throw new ConfigException("--calls", $"got {c}; allowed: an integer in [1, 10000]");
            if (k < 0 || k > 100_000) throw new ConfigException("--train-steps", $"got {k}; allowed: an integer in [0, 100000]");
            double ms = ForwardBackwardMs(a, b, s, c, t);
            double stepsPerSecond = double.NaN;
            if (k > 0)
            {
                var trained = DdpmTrainer.Train(new DdpmTrainingRecipe { Architecture = a, Shape = new ImageShape(s, s), Steps = k }, t);
                stepsPerSecond = k / trained.WallSeconds;
            }
            Console.Out.WriteLine(JsonSerializer.Serialize(new { arch = ArchName(a), batch = b, side = s, threads = t, forwardBackwardMs = ms, trainBatch = 64, trainSteps = k, trainStepsPerSecond = stepsPerSecond },
                new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
            return PhytkCommandLine.Ok;
        }));
        probe.Subcommands.Add(cost);

        var maxSteps = new Option<int>("--max-steps") { Description = "Largest N in [3, 12].", DefaultValueFactory = _ => 8 };
        var study = new Command("diffusion-memory-study", "The C1 study of the inverse-imaging scenario alone: child processes for N = 1..max, fits and verdict.") { maxSteps };
        study.SetAction(pr => PhytkCommandLine.Guard(() =>
        {
            int m = pr.GetValue(maxSteps);
            if (m < 3 || m > 12) throw new ConfigException("--max-steps", $"got {m}; allowed: an integer in [3, 12]");
            var r = InverseImagingMemoryStudy.Measure(m);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline {r.BaselineMb:0.0} MB"));
            for (int n = 1; n <= m; n++)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N = {n}: DMPlug {r.DmPlugMb[n - 1]:0.0} MB, DMILO {r.DmiloMb[n - 1]:0.0} MB"));
            var (verdict, evidence) = InverseImagingMemoryStudy.Decide(r);
            Console.Out.WriteLine($"C1 {PhyToolkit.Core.Reports.Verdicts.Text(verdict)}: {evidence}");
            return PhytkCommandLine.Ok;
        }));
        probe.Subcommands.Add(study);
        return probe;
    }

    private static (PriorArchitecture, int, int, int, int) Validated(ParseResult pr, Option<string> arch, Option<int>? steps, Option<int> batch, Option<int> side, Option<int> threads)
    {
        var a = ParseArchitecture(pr.GetValue(arch)!, "--arch");
        int n = steps is null ? 3 : pr.GetValue(steps), b = pr.GetValue(batch), s = pr.GetValue(side), t = pr.GetValue(threads);
        if (n < 1 || n > 64) throw new ConfigException("--steps", $"got {n}; allowed: an integer in [1, 64]");
        if (b < 1 || b > 4096) throw new ConfigException("--batch", $"got {b}; allowed: an integer in [1, 4096]");
        if (s < 4 || s > 256 || s % 2 != 0) throw new ConfigException("--side", $"got {s}; allowed: an even integer in [4, 256]");
        if (t < 1 || t > 64) throw new ConfigException("--threads", $"got {t}; allowed: an integer in [1, 64]");
        return (a, n, b, s, t);
    }
}
