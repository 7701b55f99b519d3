using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.IO;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Results;

/// <summary>
/// A run directory: scenario.json (the resolved file), manifest.json, results.csv, blocks/ (per-block raw data),
/// figures/ and report.html. Runs, resumes (same command, same directory), merges shards and rebuilds reports.
/// </summary>
public static class RunDirectory
{
    /// <summary>File names inside a run directory.</summary>
    public const string ScenarioFile = "scenario.json", ManifestFile = "manifest.json", ResultsFile = "results.csv", BlocksFolder = "blocks", ReportFile = "report.html";

    /// <summary>Text of the resolved scenario file (stable formatting).</summary>
    public static string ScenarioText(JsonObject resolved) => resolved.ToJsonString(ConfigBinder.Options) + "\n";

    /// <summary>SHA-256 (hex) of a resolved scenario text.</summary>
    public static string Hash(string scenarioText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scenarioText)));

    /// <summary>
    /// Prepares a scenario's run: validates the configuration, builds the sweep plan and checks it against
    /// <see cref="RunLimits"/> (before anything is written or allocated).
    /// </summary>
    /// <exception cref="ConfigException">Invalid parameters, repeated sweep entries (two points with one label), or a limit exceeded.</exception>
    public static IScenarioRun Prepare(IScenario scenario, ScenarioConfig config)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            var run = scenario.Create(config);
            RunLimits.Check(run.Plan);
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var p in run.Plan.Points)
                if (!first.TryAdd(p.Label, p.Index))
                    throw new ConfigException("parameters", $"sweep points {first[p.Label]} and {p.Index} are both '{p.Label}': a sweep list repeats an entry; allowed: distinct entries");
            return run;
        }
        catch (ArgumentException e) when (e is not ConfigException)
        {
            // the sweep builder refuses repeated labels (repeated list entries) and non-finite coordinates
            throw new ConfigException("parameters", OneLine(e.Message));
        }
    }

    /// <summary>Runs (or resumes) a scenario into <paramref name="outDirectory"/> and writes every output.</summary>
    /// <remarks>
    /// The directory's lock (<see cref="RunLock"/>) is taken before anything is written there and held to the end, so a
    /// second process is refused rather than mixing its blocks, scenario file or results with this one's. Every stored block
    /// is verified (<see cref="BlockStore"/>) before it is reused.
    /// </remarks>
    /// <param name="scenario">The scenario.</param>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="resolved">The resolved configuration's JSON (written as scenario.json).</param>
    /// <param name="outDirectory">The run directory.</param>
    /// <param name="engine">Engine options.</param>
    /// <param name="notice">Receives one-line notices (e.g. a stale lock taken over), or null.</param>
    /// <exception cref="ConfigException">The directory is unwritable, in use by another process, holds a run of another
    /// configuration or shard, or holds a block that does not belong to this run.</exception>
    public static (RunResults Results, RunManifest Manifest) Execute(IScenario scenario, ScenarioConfig config, JsonObject resolved,
        string outDirectory, EngineOptions engine, Action<string>? notice = null)
    {
        var run = Prepare(scenario, config);
        string text = ScenarioText(resolved);
        string hash = Hash(text);
        string? shard = engine.Shard?.ToString();
        using var dirLock = RunLock.Acquire(outDirectory);
        if (dirLock.TookOverFrom is { } stale)
            notice?.Invoke($"'{outDirectory}' was locked by {stale}, which is no longer running; lock taken over");
        PrepareDirectory(outDirectory);
        string started = DateTime.UtcNow.ToString("O");
        string manifestPath = Path.Combine(outDirectory, ManifestFile);
        string scenarioPath = Path.Combine(outDirectory, ScenarioFile);
        if (File.Exists(scenarioPath))
        {
            string existing = File.ReadAllText(scenarioPath);
            if (Hash(existing) != hash)
                throw new ConfigException("--out", $"'{outDirectory}' holds a run of a different configuration; resume needs the same scenario, settings and seed (use another --out)");
            if (File.Exists(manifestPath))
            {
                var old = ReadManifest(manifestPath);
                if (old.Shard != shard)
                    throw new ConfigException("--shard", $"'{outDirectory}' holds shard {old.Shard ?? "none"}, not {shard ?? "none"}");
                started = old.StartedUtc ?? started;
            }
        }
        else if (Directory.Exists(Path.Combine(outDirectory, BlocksFolder)) && Directory.EnumerateFiles(Path.Combine(outDirectory, BlocksFolder), "p*-b*.json").Any())
        {
            throw new ConfigException("--out", $"'{outDirectory}' holds blocks but no {ScenarioFile}; it is not a run directory this run can resume (use another --out)");
        }
        else
        {
            AtomicFile.WriteAllText(scenarioPath, text);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var store = new BlockStore(Path.Combine(outDirectory, BlocksFolder), new BlockProvenance(hash, config.Seed, config.Scenario), run.Plan);
        var results = MonteCarloEngine.Run(run, config.Seed, config.Scenario, store, engine);
        var manifest = new RunManifest
        {
            Scenario = config.Scenario, ConfigHash = hash, Seed = config.Seed, Shard = shard, Threads = engine.Threads,
            Backend = Compute.ComputeBackendChoice.Name(engine.Backend),
            StartedUtc = started, EndedUtc = DateTime.UtcNow.ToString("O"), ElapsedSeconds = clock.Elapsed.TotalSeconds,
            Points = results.Points.Select(p => new PointManifest(p.Point.Index, p.Point.Label, engine.Shard != null ? "Shard" : p.Status.ToString(), p.Blocks, p.Trials)).ToList(),
        };
        AtomicFile.WriteAllText(manifestPath, manifest.ToJson());
        if (engine.Shard == null) WriteResultsAndReport(outDirectory, scenario, run, results, text, manifest);
        return (results, manifest);
    }

    private static RunManifest ReadManifest(string path)
    {
        try { return RunManifest.Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            throw new ConfigException(path, "is not a readable manifest (edited or damaged): " + OneLine(e.Message));
        }
    }

    /// <summary>The message on one line (control characters replaced by spaces).</summary>
    internal static string OneLine(string message)
    {
        var sb = new StringBuilder(message.Length);
        foreach (char c in message) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }

    /// <summary>Merges shard directories into <paramref name="outDirectory"/> and applies the stopping rules.</summary>
    /// <exception cref="ConfigException">Different scenarios, configurations or seeds; missing or duplicated work units.</exception>
    public static (RunResults Results, RunManifest Manifest) Merge(IReadOnlyList<string> shardDirectories, string outDirectory, Func<string, IScenario> findScenario)
    {
        if (shardDirectories.Count == 0) throw new ConfigException("DIR", "give at least one run directory to merge");
        string? text = null, hash = null;
        var manifests = new List<RunManifest>();
        foreach (var dir in shardDirectories)
        {
            string sp = Path.Combine(dir, ScenarioFile), mp = Path.Combine(dir, ManifestFile);
            if (!File.Exists(sp) || !File.Exists(mp)) throw new ConfigException(dir, "is not a run directory (no scenario.json or manifest.json)");
            string t = File.ReadAllText(sp);
            var m = ReadManifest(mp);
            if (text == null) { text = t; hash = Hash(t); }
            else if (Hash(t) != hash)
            {
                var first = manifests[0];
                string what = m.Scenario != first.Scenario ? $"scenario '{m.Scenario}' vs '{first.Scenario}'"
                    : m.Seed != first.Seed ? $"seed {m.Seed} vs {first.Seed}" : "configuration (scenario.json differs)";
                throw new ConfigException(dir, $"cannot be merged with {shardDirectories[0]}: different {what}");
            }
            manifests.Add(m);
        }
        var json = ScenarioConfigResolver.ParseFile(text!, ScenarioFile);
        var config = ConfigBinder.Bind<ScenarioConfig>(json, "");
        var scenario = findScenario(config.Scenario);
        var run = Prepare(scenario, config);
        var plan = run.Plan;
        var provenance = new BlockProvenance(hash!, config.Seed, config.Scenario);
        foreach (var dir in shardDirectories)
            if (Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(outDirectory).TrimEnd(Path.DirectorySeparatorChar))
                throw new ConfigException("--out", $"'{outDirectory}' is also one of the directories to merge; merge into a new directory");
        using var dirLock = RunLock.Acquire(outDirectory);
        foreach (var dir in shardDirectories)
            if (RunLock.Owner(dir) is { } owner)
                throw new ConfigException(dir, $"is still being written by {owner}; merge when the shard has finished");
        PrepareDirectory(outDirectory);
        if (Directory.Exists(Path.Combine(outDirectory, BlocksFolder)) && Directory.EnumerateFileSystemEntries(Path.Combine(outDirectory, BlocksFolder)).Any())
            throw new ConfigException("--out", $"'{outDirectory}' already holds blocks; merge into a new directory");
        var store = new BlockStore(Path.Combine(outDirectory, BlocksFolder), provenance, plan);
        var seen = new Dictionary<(int, int), string>();
        foreach (var dir in shardDirectories)
        {
            var src = new BlockStore(Path.Combine(dir, BlocksFolder), provenance, plan, readOnly: true);
            foreach (var rec in src.Records.OrderBy(r => r.Point).ThenBy(r => r.Block))
            {
                if (seen.TryGetValue((rec.Point, rec.Block), out var other))
                    throw new ConfigException(dir, $"duplicates work unit (point {rec.Point}, block {rec.Block}) already in {other}");
                seen[(rec.Point, rec.Block)] = dir;
                store.Add(rec);
            }
        }
        RunResults results;
        try { results = MonteCarloEngine.ReduceStored(plan, config.Scenario, store); }
        catch (InvalidDataException e) { throw new ConfigException("merge", "missing work unit: " + e.Message + "; are all shards present and finished?"); }
        AtomicFile.WriteAllText(Path.Combine(outDirectory, ScenarioFile), text!);
        var manifest = new RunManifest
        {
            Scenario = config.Scenario, ConfigHash = hash!, Seed = config.Seed, Shard = null, Threads = manifests.Max(m => m.Threads),
            StartedUtc = manifests.Select(m => m.StartedUtc).Min(), EndedUtc = manifests.Select(m => m.EndedUtc).Max(),
            ElapsedSeconds = manifests.Sum(m => m.ElapsedSeconds), MergedFrom = shardDirectories.ToList(),
            Backend = string.Join(",", manifests.Select(m => m.Backend ?? "auto").Distinct()),
            Points = results.Points.Select(p => new PointManifest(p.Point.Index, p.Point.Label, p.Status.ToString(), p.Blocks, p.Trials)).ToList(),
        };
        AtomicFile.WriteAllText(Path.Combine(outDirectory, ManifestFile), manifest.ToJson());
        WriteResultsAndReport(outDirectory, scenario, run, results, text!, manifest);
        return (results, manifest);
    }

    /// <summary>
    /// Checks a run directory without running anything: scenario.json binds and validates, manifest.json belongs to it
    /// (scenario, seed, hash), every block file is readable, unedited (checksum) and belongs to this run (scenario hash,
    /// master seed, block seed, point label, toolkit version), and, for a finished unsharded run, results.csv equals the
    /// table recomputed from the blocks byte for byte.
    /// </summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="findScenario">Scenario lookup by name.</param>
    /// <exception cref="ConfigException">The directory has no readable scenario.json (nothing else can be checked).</exception>
    public static RunVerification Verify(string directory, Func<string, IScenario> findScenario)
    {
        ArgumentNullException.ThrowIfNull(findScenario);
        string sp = Path.Combine(directory, ScenarioFile), mp = Path.Combine(directory, ManifestFile), rp = Path.Combine(directory, ResultsFile);
        if (!File.Exists(sp)) throw new ConfigException(directory, $"is not a run directory (no {ScenarioFile})");
        string text = File.ReadAllText(sp);
        var config = ConfigBinder.Bind<ScenarioConfig>(ScenarioConfigResolver.ParseFile(text, sp), "");
        var scenario = findScenario(config.Scenario);
        var run = Prepare(scenario, config);
        string hash = Hash(text);
        var problems = new List<string>();
        var notes = new List<string>();
        if (RunLock.Owner(directory) is { } owner) notes.Add($"the directory is in use by {owner}; it may be incomplete");
        RunManifest? manifest = null;
        if (!File.Exists(mp)) problems.Add($"{mp}: missing");
        else
        {
            try
            {
                manifest = RunManifest.Parse(File.ReadAllText(mp));
                if (manifest.ConfigHash != hash) problems.Add($"{mp}: configHash {manifest.ConfigHash} is not the SHA-256 of {ScenarioFile} ({hash})");
                if (manifest.Seed != config.Seed) problems.Add($"{mp}: seed {manifest.Seed} differs from {ScenarioFile}'s {config.Seed}");
                if (manifest.Scenario != config.Scenario) problems.Add($"{mp}: scenario '{manifest.Scenario}' differs from {ScenarioFile}'s '{config.Scenario}'");
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                problems.Add($"{mp}: not a readable manifest: {OneLine(e.Message)}");
            }
        }
        var provenance = new BlockProvenance(hash, config.Seed, config.Scenario);
        var store = new Dictionary<(int, int), BlockRecord>();
        int blocks = 0;
        foreach (var (file, record, problem) in BlockStore.Inspect(Path.Combine(directory, BlocksFolder), provenance, run.Plan))
        {
            blocks++;
            if (problem != null) problems.Add($"{file}: {problem}");
            else store[(record!.Point, record.Block)] = record;
        }
        bool resultsChecked = false;
        bool finished = manifest is { Shard: null } && manifest.Points.Count == run.Plan.Points.Count
            && manifest.Points.All(p => p.Status is not (nameof(PointStatus.Running) or nameof(PointStatus.TimeLimit)));
        if (manifest is { Shard: not null }) notes.Add($"shard {manifest.Shard}: results.csv is written by 'phytk merge'");
        else if (!finished) notes.Add("the run is unfinished (time limit or interrupted): results.csv was not recomputed; run the same command again to finish it");
        else if (problems.Count == 0)
        {
            var tmp = new BlockStore(Path.Combine(directory, BlocksFolder), provenance, run.Plan, readOnly: true);
            try
            {
                string csv = ResultsCsv.Write(MonteCarloEngine.ReduceStored(run.Plan, config.Scenario, tmp));
                if (!File.Exists(rp)) problems.Add($"{rp}: missing");
                else if (File.ReadAllText(rp) != csv) problems.Add($"{rp}: differs from the table recomputed from blocks/ (edited, or written by another run)");
                else resultsChecked = true;
            }
            catch (InvalidDataException e) { problems.Add($"{Path.Combine(directory, BlocksFolder)}: {e.Message}"); }
        }
        return new RunVerification(directory, config.Scenario, blocks, resultsChecked, problems, notes);
    }

    /// <summary>Rebuilds figures and report.html from scenario.json and results.csv alone.</summary>
    public static IReadOnlyList<string> Report(string directory, Func<string, IScenario> findScenario)
    {
        string sp = Path.Combine(directory, ScenarioFile), rp = Path.Combine(directory, ResultsFile), mp = Path.Combine(directory, ManifestFile);
        if (!File.Exists(sp) || !File.Exists(rp)) throw new ConfigException(directory, "is not a finished run directory (needs scenario.json and results.csv)");
        string text = File.ReadAllText(sp);
        var config = ConfigBinder.Bind<ScenarioConfig>(ScenarioConfigResolver.ParseFile(text, sp), "");
        var scenario = findScenario(config.Scenario);
        var run = Prepare(scenario, config);
        using var dirLock = RunLock.Acquire(directory, "DIR");
        string csv = File.ReadAllText(rp);
        var results = ResultsCsvReader.Read(config.Scenario, csv, run.Plan);
        string manifest = File.Exists(mp) ? File.ReadAllText(mp) : "{}";
        return BuildReport(directory, scenario, run, results, text, manifest, csv);
    }

    private static void WriteResultsAndReport(string dir, IScenario scenario, IScenarioRun run, RunResults results, string text, RunManifest manifest)
    {
        string csv = ResultsCsv.Write(results);
        AtomicFile.WriteAllText(Path.Combine(dir, ResultsFile), csv);
        BuildReport(dir, scenario, run, results, text, manifest.ToJson(), csv);
    }

    private static IReadOnlyList<string> BuildReport(string dir, IScenario scenario, IScenarioRun run, RunResults results, string text, string manifest, string csv)
    {
        var report = new ReportBuilder();
        run.BuildReport(results, report);
        return report.Write(dir, new ReportMetadata($"{scenario.Name}: {scenario.Summary}", text, manifest, csv)
        {
            ReproduceCommand = ReproduceCommand(dir),
            DocsPage = scenario.DocsPage,
        });
    }

    /// <summary>
    /// The command that reproduces a run directory bit for bit: the resolved scenario file holds every parameter, the engine
    /// settings and the seed, and results do not depend on threads or sharding.
    /// </summary>
    public static string ReproduceCommand(string directory) =>
        $"phytk run {Quote(Path.Combine(directory, ScenarioFile))} --out {Quote(directory + "-reproduced")}";

    private static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`') ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;

    private static void PrepareDirectory(string outDirectory)
    {
        try
        {
            Directory.CreateDirectory(outDirectory);
            string probe = Path.Combine(outDirectory, ".phytk-write-probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            AtomicFile.RemoveStaleTemporaries(outDirectory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ConfigException("--out", $"'{outDirectory}' is not a writable directory: {e.Message}");
        }
    }
}
