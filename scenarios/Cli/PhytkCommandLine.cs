using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Cli.Submit;
using Spectre.Console;

namespace PhyToolkit.Scenarios.Cli;

/// <summary>
/// The <c>phytk</c> command line (System.CommandLine 2.0): list, show, run, merge, report, verify, submit.
/// Exit codes: 0 success; 1 the run itself failed (one line; the stack trace only with <c>--verbose</c>); 2 bad input —
/// a malformed or out-of-range argument or scenario file, a run directory in use, of another run, or with a block that
/// fails verification (one line naming the field or file, the value and what is allowed).
/// </summary>
public static class PhytkCommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;
    /// <summary>Exit code for a failure while running.</summary>
    public const int Failure = 1;
    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "On a failure, also print the stack trace.", Recursive = true };

    private static bool _verbose;

    /// <summary>Parses and executes <paramref name="args"/>.</summary>
    public static int Invoke(string[] args)
    {
        _verbose = Environment.GetEnvironmentVariable("PHYTK_DEBUG") == "1" || args.Contains("--verbose");
        try
        {
            var root = Build();
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // The most specific error first (an unrecognised word before "required command was not provided").
                var errors = parsed.Errors.Select(e => OneLine(e.Message)).OrderBy(m => m.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).Distinct();
                Console.Error.WriteLine($"phytk: error: {string.Join("; ", errors)}; see 'phytk --help'");
                return BadInput;
            }
            return Guard(() => parsed.Invoke());
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    private static RootCommand Build()
    {
        var root = new RootCommand("PhyToolkit: wireless physical-layer simulation and optimisation scenarios (phytk).");
        root.Options.Add(Verbose);

        var list = new Command("list", "List the scenarios, one line each.");
        list.SetAction(_ =>
        {
            foreach (var s in ScenarioCatalog.All) Console.Out.WriteLine($"{s.Name,-22} {s.Summary}");
            return Ok;
        });
        root.Subcommands.Add(list);

        var showName = new Argument<string>("scenario") { Description = "Scenario name (see 'phytk list')." };
        var showQuick = new Option<bool>("--quick") { Description = "Show the reduced (--quick) scale instead of the report scale." };
        var showSet = new Option<string[]>("--set") { Description = "Override a field by path before printing (as for run).", AllowMultipleArgumentsPerToken = false };
        var showSeed = new Option<string?>("--seed") { Description = "Master seed (an integer in [0, 18446744073709551615])." };
        var show = new Command("show", "Print the fully resolved default scenario file (JSON), to copy and edit.") { showName, showQuick, showSet, showSeed };
        show.SetAction(pr => Guard(() =>
        {
            var s = ScenarioCatalog.Find(pr.GetValue(showName)!);
            ulong? seed = pr.GetValue(showSeed) is { } sd ? ParseSeed(sd) : null;
            var (config, json) = ScenarioConfigResolver.Resolve(s.DefaultConfig(pr.GetValue(showQuick)), null, pr.GetValue(showSet) ?? [], seed);
            RunDirectory.Prepare(s, config);
            Console.Out.Write(RunDirectory.ScenarioText(json));
            return Ok;
        }));
        root.Subcommands.Add(show);

        root.Subcommands.Add(BuildRun());

        var mergeDirs = new Argument<string[]>("DIR") { Description = "Shard run directories.", Arity = ArgumentArity.OneOrMore };
        var mergeOut = new Option<string>("--out") { Description = "Directory for the merged run.", Required = true };
        var merge = new Command("merge", "Merge shard outputs into one run directory (applies the stopping rules).") { mergeDirs, mergeOut };
        merge.SetAction(pr => Guard(() =>
        {
            var (results, _) = RunDirectory.Merge(pr.GetValue(mergeDirs)!, pr.GetValue(mergeOut)!, ScenarioCatalog.Find);
            PrintSummary(results, pr.GetValue(mergeOut)!);
            return Ok;
        }));
        root.Subcommands.Add(merge);

        var reportDir = new Argument<string>("DIR") { Description = "A finished run directory." };
        var report = new Command("report", "Rebuild figures and report.html from a run directory's results alone.") { reportDir };
        report.SetAction(pr => Guard(() =>
        {
            var files = RunDirectory.Report(pr.GetValue(reportDir)!, ScenarioCatalog.Find);
            Console.Out.WriteLine($"wrote {files.Count} files; report: {Path.Combine(pr.GetValue(reportDir)!, RunDirectory.ReportFile)}");
            return Ok;
        }));
        root.Subcommands.Add(report);

        var verifyDir = new Argument<string>("DIR") { Description = "A run directory." };
        var verify = new Command("verify", "Check a run directory without running anything: every block's checksum, seed and scenario hash, the manifest, and results.csv against the blocks.") { verifyDir };
        verify.SetAction(pr => Guard(() =>
        {
            string dir = pr.GetValue(verifyDir)!;
            var v = RunDirectory.Verify(dir, ScenarioCatalog.Find);
            foreach (var n in v.Notes) Console.Out.WriteLine($"note: {OneLine(n)}");
            foreach (var p in v.Problems.Take(50)) Console.Out.WriteLine($"problem: {OneLine(p)}");
            if (v.Problems.Count > 50) Console.Out.WriteLine($"problem: ... {v.Problems.Count - 50} more");
            if (!v.Ok)
            {
                Console.Error.WriteLine($"phytk: error: {dir}: {v.Problems.Count} problem(s) found; first: {OneLine(v.Problems[0])}");
                return BadInput;
            }
            Console.Out.WriteLine($"verified {dir} ({v.Scenario}): {v.Blocks} blocks sound" + (v.ResultsChecked ? ", results.csv matches the blocks" : ""));
            return Ok;
        }));
        root.Subcommands.Add(verify);
        root.Subcommands.Add(SubmitCommand.Build());
        root.Subcommands.Add(PhyToolkit.Scenarios.Bench.FaPlkgBenchmark.BuildCommand());
        root.Subcommands.Add(PhyToolkit.Scenarios.InverseImaging.DiffusionProbe.BuildCommand());
        return root;
    }

    /// <summary>Parses a master seed: an integer in [0, 2^64 − 1].</summary>
    /// <exception cref="ConfigException">Anything else.</exception>
    public static ulong ParseSeed(string text) =>
        ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v
        : throw new ConfigException("--seed", $"got '{text}'; allowed: an integer in [0, 18446744073709551615]");

    internal static string OneLine(string text) => new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private static Command BuildRun()
    {
        var target = new Argument<string>("scenario") { Description = "A scenario name or a scenario file (.json)." };
        var set = new Option<string[]>("--set") { Description = "Override a field by path: --set parameters.snrDb=[0,10] (repeatable).", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<string?>("--seed") { Description = "Master seed, an integer in [0, 18446744073709551615] (overrides the file)." };
        var outDir = new Option<string?>("--out") { Description = "Run directory (default: runs/<scenario>). Running again into the same directory resumes." };
        var threads = new Option<string?>("--threads") { Description = "Worker threads, an integer in [1, 4096] (default: all cores)." };
        var shard = new Option<string?>("--shard") { Description = "Run shard i of n (i/n); also from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX." };
        var maxTime = new Option<string?>("--max-time") { Description = "Wall-clock limit, e.g. 90s, 20m, 2h; unfinished points can be resumed." };
        var quick = new Option<bool>("--quick") { Description = "Reduced scale (tests and CI); with a scenario name only (a file sets its own scale)." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress output." };
        var backend = new Option<string?>("--backend") { Description = "Compute back-end for batched kernels: managed, ilgpu-cpu, cuda or auto (default). Beats PHYTK_BACKEND; recorded in manifest.json. Back-ends agree to round-off (1e-10 relative; the same optimiser decisions)." };
        var run = new Command("run", "Run a scenario, write its run directory (results, figures, report) and print a summary.")
            { target, set, seed, outDir, threads, shard, maxTime, quick, noProgress, backend };
        run.SetAction(pr => Guard(() =>
        {
            var (scenario, config, json) = ResolveTarget(pr.GetValue(target)!, pr.GetValue(quick), pr.GetValue(set) ?? [], pr.GetValue(seed));
            int nThreads = Environment.ProcessorCount;
            if (pr.GetValue(threads) is { } th && (!int.TryParse(th.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out nThreads) || nThreads < 1 || nThreads > 4096))
                throw new ConfigException("--threads", $"got '{th}'; allowed: an integer in [1, 4096]");
            var shardSpec = pr.GetValue(shard) is { } sh ? ShardSpec.Parse(sh) : ShardSpec.FromEnvironment(Environment.GetEnvironmentVariable);
            TimeSpan? limit = pr.GetValue(maxTime) is { } mt ? ParseDuration(mt) : null;
            string dir = pr.GetValue(outDir) ?? Path.Combine("runs", scenario.Name);
            // --backend beats PHYTK_BACKEND beats auto; a bad or unavailable value is exit 2 before anything is written.
            var backendKind = PhyToolkit.Core.Compute.ComputeBackendChoice.Resolve(pr.GetValue(backend), Environment.GetEnvironmentVariable);
            if (backendKind == PhyToolkit.Core.Compute.ComputeBackendKind.Cuda && !PhyToolkit.Channels.KeyGeneration.Batched.ComputeBackend.IsCudaAvailable)
                throw new ConfigException(pr.GetValue(backend) is null ? PhyToolkit.Core.Compute.ComputeBackendChoice.EnvironmentVariable : "--backend",
                    "'cuda' is not available on this machine; allowed here: managed, ilgpu-cpu, auto");

            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
            var (results, manifest) = ConsoleProgress.Run(!pr.GetValue(noProgress), progress =>
                RunDirectory.Execute(scenario, config, json, dir, new EngineOptions
                {
                    Threads = nThreads, Shard = shardSpec, MaxTime = limit, Progress = progress, Cancellation = cts.Token, Backend = backendKind,
                    AbandonBlocksAtTimeLimit = true,
                }, notice => Console.Error.WriteLine($"phytk: note: {OneLine(notice)}")));
            if (shardSpec != null)
            {
                Console.Out.WriteLine($"shard {shardSpec} of {scenario.Name}: {results.Points.Sum(p => p.Blocks)} blocks stored in {dir}; combine the shards with 'phytk merge DIR... --out DIR'");
                return Ok;
            }
            PrintSummary(results, dir);
            Console.Out.WriteLine($"elapsed {manifest.ElapsedSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s on {nThreads} thread(s)");
            if (results.Points.Any(p => p.Status == PointStatus.TimeLimit))
                Console.Out.WriteLine("time limit reached: run the same command again to resume");
            return Ok;
        }));
        return run;
    }

    /// <summary>
    /// Resolves a scenario name or scenario file (.json) with --quick, --set and --seed into the scenario, its bound
    /// configuration and the resolved file (as run and submit read them).
    /// </summary>
    /// <exception cref="ConfigException">Unknown scenario, unreadable or invalid file, --quick with a file, a bad --set or --seed.</exception>
    internal static (IScenario Scenario, ScenarioConfig Config, JsonObject Json) ResolveTarget(string what, bool quick, IEnumerable<string> sets, string? seed)
    {
        JsonObject? file = null;
        IScenario scenario;
        if (what.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(what))
        {
            if (!File.Exists(what)) throw new ConfigException("scenario", $"file '{what}' does not exist");
            if (quick)
                throw new ConfigException("--quick", $"cannot be combined with a scenario file ('{what}' is read over the report-scale defaults and sets its own scale); for the quick scale start from 'phytk show <scenario> --quick > file.json'");
            file = ScenarioConfigResolver.ParseFile(ReadText(what), what);
            string name = ScenarioConfigResolver.ScenarioName(file) ?? throw new ConfigException($"{what}: scenario", "is missing; it names the scenario to run");
            scenario = ScenarioCatalog.Find(name);
        }
        else scenario = ScenarioCatalog.Find(what);

        ulong? seedValue = seed is { } sd ? ParseSeed(sd) : null;
        var (config, json) = ScenarioConfigResolver.Resolve(scenario.DefaultConfig(quick), file, sets, seedValue);
        return (scenario, config, json);
    }

    /// <summary>Parses "90", "90s", "20m", "2h" or a TimeSpan ("00:20:00").</summary>
    public static TimeSpan ParseDuration(string text)
    {
        string t = text.Trim();
        double factor = 1;
        if (t.EndsWith('h')) { factor = 3600; t = t[..^1]; }
        else if (t.EndsWith('m')) { factor = 60; t = t[..^1]; }
        else if (t.EndsWith('s')) { t = t[..^1]; }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v))
            return TimeSpan.FromSeconds(v * factor);
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var ts) && ts > TimeSpan.Zero) return ts;
        throw new ConfigException("--max-time", $"got '{text}'; allowed: a positive duration such as 90s, 20m, 2h or 00:20:00");
    }

    /// <summary>Largest scenario file read (bytes): far above any real file, well below what would strain memory.</summary>
    private const long MaxScenarioFileBytes = 16 << 20;

    private static string ReadText(string path)
    {
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxScenarioFileBytes)
                throw new ConfigException("scenario", $"file '{path}' has {length} bytes; allowed: at most {MaxScenarioFileBytes} (16 MiB)");
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("scenario", $"file '{path}' cannot be read: {e.Message}");
        }
    }

    internal static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (Exception e) { return Fail(e); }
    }

    /// <summary>Maps an exception to its exit code and one line on stderr (the stack trace only with --verbose).</summary>
    private static int Fail(Exception e)
    {
        if (e is AggregateException agg)
        {
            // Parallel block workers: report the most telling inner error (bad input, then memory, then the first).
            var inner = agg.Flatten().InnerExceptions;
            e = inner.FirstOrDefault(x => x is ConfigException) ?? inner.FirstOrDefault(x => x is OutOfMemoryException) ?? inner.FirstOrDefault() ?? e;
        }
        switch (e)
        {
            case ConfigException ce:
                Console.Error.WriteLine($"phytk: error: {OneLine(ce.Message)}");
                return BadInput;
            case OutOfMemoryException:
                Console.Error.WriteLine("phytk: failed: out of memory; reduce the sweep (points, list lengths) or run.maxBlocks, or run it in shards (--shard i/n)");
                break;
            case InsufficientExecutionStackException:
                Console.Error.WriteLine("phytk: failed: the input is nested too deeply");
                break;
            default:
                Console.Error.WriteLine($"phytk: failed: {e.GetType().Name}: {OneLine(e.Message)}" + (_verbose ? "" : " (--verbose prints the stack trace)"));
                break;
        }
        if (_verbose) Console.Error.WriteLine(e);
        return Failure;
    }

    private static void PrintSummary(RunResults results, string dir)
    {
        var table = new Spectre.Console.Table().Border(TableBorder.Simple);
        table.AddColumn("point"); table.AddColumn("metric"); table.AddColumn(new TableColumn("mean").RightAligned());
        table.AddColumn(new TableColumn("95% CI").RightAligned()); table.AddColumn(new TableColumn("trials").RightAligned()); table.AddColumn("stopped by");
        const int shown = 60;
        int rows = 0;
        foreach (var p in results.Points)
            foreach (var name in p.Metrics.Keys.Order(StringComparer.Ordinal))
            {
                if (rows++ >= shown) continue;
                var m = p.Metrics[name];
                table.AddRow(Markup.Escape(p.Point.Label), Markup.Escape(name), G(m.Mean), Markup.Escape($"[{G(m.CiLow)}, {G(m.CiHigh)}]"),
                    p.Trials.ToString(CultureInfo.InvariantCulture), p.Status.ToString());
            }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out), Interactive = InteractionSupport.No });
        console.Profile.Width = Math.Max(console.Profile.Width, 110);
        console.Write(table);
        int curveRows = results.Points.Sum(p => p.Curves.Values.Sum(c => c.Count));
        if (rows > shown) Console.Out.WriteLine($"... {rows - shown} more scalar rows" + (curveRows > 0 ? $" and {curveRows} curve rows" : "") + " in results.csv");
        else if (curveRows > 0) Console.Out.WriteLine($"... {curveRows} curve rows (one per metric and step) in results.csv");
        Console.Out.WriteLine($"run directory: {dir} (results.csv, manifest.json, figures/, report.html)");
        static string G(double v) => double.IsFinite(v) ? v.ToString("G5", CultureInfo.InvariantCulture) : "–";
    }
}
