using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using Spectre.Console;

namespace PhyToolkit.Scenarios.Cli;

/// <summary>
/// The <c>phytk</c> command line (System.CommandLine 2.0): list, show, run, merge, report.
/// Exit codes: 0 success, 1 failure, 2 bad input (one clear line, no stack trace).
/// </summary>
public static class PhytkCommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;
    /// <summary>Exit code for a failure while running.</summary>
    public const int Failure = 1;
    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Parses and executes <paramref name="args"/>.</summary>
    public static int Invoke(string[] args)
    {
        var root = Build();
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"phytk: error: {e.Message}");
            Console.Error.WriteLine("phytk: see 'phytk --help'");
            return BadInput;
        }
        try
        {
            return parsed.Invoke();
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"phytk: error: {e.Message}");
            return BadInput;
        }
    }

    private static RootCommand Build()
    {
        var root = new RootCommand("PhyToolkit: wireless physical-layer simulation and optimisation scenarios (phytk).");

        var list = new Command("list", "List the scenarios, one line each.");
        list.SetAction(_ =>
        {
            foreach (var s in ScenarioCatalog.All) Console.Out.WriteLine($"{s.Name,-22} {s.Summary}");
            return Ok;
        });
        root.Subcommands.Add(list);

        var showName = new Argument<string>("scenario") { Description = "Scenario name (see 'phytk list')." };
        var showQuick = new Option<bool>("--quick") { Description = "Show the reduced (--quick) scale instead of the report scale." };
        var show = new Command("show", "Print the fully resolved default scenario file (JSON), to copy and edit.") { showName, showQuick };
        show.SetAction(pr => Guard(() =>
        {
            var s = ScenarioCatalog.Find(pr.GetValue(showName)!);
            var (_, json) = ScenarioConfigResolver.Resolve(s.DefaultConfig(pr.GetValue(showQuick)), null, [], null);
            s.Create(ConfigBinder.Bind<ScenarioConfig>(json, ""));
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
        root.Subcommands.Add(PhyToolkit.Scenarios.Bench.FaPlkgBenchmark.BuildCommand());
        return root;
    }

    private static Command BuildRun()
    {
        var target = new Argument<string>("scenario") { Description = "A scenario name or a scenario file (.json)." };
        var set = new Option<string[]>("--set") { Description = "Override a field by path: --set parameters.snrDb=[0,10] (repeatable).", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<ulong?>("--seed") { Description = "Master seed (overrides the file)." };
        var outDir = new Option<string?>("--out") { Description = "Run directory (default: runs/<scenario>). Running again into the same directory resumes." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var shard = new Option<string?>("--shard") { Description = "Run shard i of n (i/n); also from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX." };
        var maxTime = new Option<string?>("--max-time") { Description = "Wall-clock limit, e.g. 90s, 20m, 2h; unfinished points can be resumed." };
        var quick = new Option<bool>("--quick") { Description = "Reduced scale (tests and CI)." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress output." };
        var backend = new Option<string?>("--backend") { Description = "Compute back-end for batched kernels: managed, ilgpu-cpu, cuda or auto (default; PHYTK_BACKEND overrides). Back-ends agree to round-off (1e-10 relative; the same optimiser decisions)." };
        var run = new Command("run", "Run a scenario, write its run directory (results, figures, report) and print a summary.")
            { target, set, seed, outDir, threads, shard, maxTime, quick, noProgress, backend };
        run.SetAction(pr => Guard(() =>
        {
            string what = pr.GetValue(target)!;
            JsonObject? file = null;
            IScenario scenario;
            if (what.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(what))
            {
                if (!File.Exists(what)) throw new ConfigException("scenario", $"file '{what}' does not exist");
                file = ScenarioConfigResolver.ParseFile(File.ReadAllText(what), what);
                string name = ScenarioConfigResolver.ScenarioName(file) ?? throw new ConfigException($"{what}: scenario", "is missing; it names the scenario to run");
                scenario = ScenarioCatalog.Find(name);
            }
            else scenario = ScenarioCatalog.Find(what);

            var (config, json) = ScenarioConfigResolver.Resolve(scenario.DefaultConfig(pr.GetValue(quick)), file, pr.GetValue(set) ?? [], pr.GetValue(seed));
            int nThreads = pr.GetValue(threads) ?? Environment.ProcessorCount;
            if (nThreads < 1 || nThreads > 4096) throw new ConfigException("--threads", $"got {nThreads}; allowed: an integer in [1, 4096]");
            var shardSpec = pr.GetValue(shard) is { } sh ? ShardSpec.Parse(sh) : ShardSpec.FromEnvironment(Environment.GetEnvironmentVariable);
            TimeSpan? limit = pr.GetValue(maxTime) is { } mt ? ParseDuration(mt) : null;
            string dir = pr.GetValue(outDir) ?? Path.Combine("runs", scenario.Name);
            if (pr.GetValue(backend) is { } be)
            {
                if (!PhyToolkit.Channels.KeyGeneration.Batched.ComputeBackend.TryParse(be, out var kind))
                    throw new ConfigException("--backend", $"got '{be}'; allowed: managed, ilgpu-cpu, cuda, auto");
                if (!PhyToolkit.Channels.KeyGeneration.Batched.ComputeBackend.TryUse(kind))
                    throw new ConfigException("--backend", $"'{be}' is not available on this machine; allowed here: managed, ilgpu-cpu, auto");
            }

            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
            var (results, manifest) = ConsoleProgress.Run(!pr.GetValue(noProgress), progress =>
                RunDirectory.Execute(scenario, config, json, dir, new EngineOptions
                {
                    Threads = nThreads, Shard = shardSpec, MaxTime = limit, Progress = progress, Cancellation = cts.Token,
                }));
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

    private static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"phytk: error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"phytk: failed: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("PHYTK_DEBUG") == "1") Console.Error.WriteLine(e);
            return Failure;
        }
    }

    private static void PrintSummary(RunResults results, string dir)
    {
        var table = new Spectre.Console.Table().Border(TableBorder.Simple);
        table.AddColumn("point"); table.AddColumn("metric"); table.AddColumn(new TableColumn("mean").RightAligned());
        table.AddColumn(new TableColumn("95% CI").RightAligned()); table.AddColumn(new TableColumn("trials").RightAligned()); table.AddColumn("stopped by");
        int rows = 0;
        foreach (var p in results.Points)
            foreach (var name in p.Metrics.Keys.Order(StringComparer.Ordinal))
            {
                if (rows++ >= 60) break;
                var m = p.Metrics[name];
                table.AddRow(Markup.Escape(p.Point.Label), Markup.Escape(name), G(m.Mean), Markup.Escape($"[{G(m.CiLow)}, {G(m.CiHigh)}]"),
                    p.Trials.ToString(CultureInfo.InvariantCulture), p.Status.ToString());
            }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out), Interactive = InteractionSupport.No });
        console.Profile.Width = Math.Max(console.Profile.Width, 110);
        console.Write(table);
        if (rows > 60) Console.Out.WriteLine($"... {rows - 60} more rows in results.csv");
        Console.Out.WriteLine($"run directory: {dir} (results.csv, manifest.json, figures/, report.html)");
        static string G(double v) => double.IsFinite(v) ? v.ToString("G5", CultureInfo.InvariantCulture) : "–";
    }
}
