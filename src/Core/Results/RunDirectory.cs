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

    /// <summary>Runs (or resumes) a scenario into <paramref name="outDirectory"/> and writes every output.</summary>
    /// <exception cref="ConfigException">The directory is unwritable, or holds a run of another configuration or shard.</exception>
    public static (RunResults Results, RunManifest Manifest) Execute(IScenario scenario, ScenarioConfig config, JsonObject resolved,
        string outDirectory, EngineOptions engine)
    {
        var run = scenario.Create(config);
        string text = ScenarioText(resolved);
        string hash = Hash(text);
        string? shard = engine.Shard?.ToString();
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
                var old = RunManifest.Parse(File.ReadAllText(manifestPath));
                if (old.Shard != shard)
                    throw new ConfigException("--shard", $"'{outDirectory}' holds shard {old.Shard ?? "none"}, not {shard ?? "none"}");
                started = old.StartedUtc ?? started;
            }
        }
        else
        {
            AtomicFile.WriteAllText(scenarioPath, text);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var store = new BlockStore(Path.Combine(outDirectory, BlocksFolder));
        foreach (var rec in store.Records.OrderBy(r => r.Point).ThenBy(r => r.Block))
            if (rec.IncompatibilityWith(run.Plan) is { } why)
                throw new ConfigException("--out", $"'{outDirectory}' cannot be resumed: {why}; start a fresh run with another --out");
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
            var m = RunManifest.Parse(File.ReadAllText(mp));
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
        var run = scenario.Create(config);
        var plan = run.Plan;
        PrepareDirectory(outDirectory);
        if (Directory.Exists(Path.Combine(outDirectory, BlocksFolder)) && Directory.EnumerateFileSystemEntries(Path.Combine(outDirectory, BlocksFolder)).Any())
            throw new ConfigException("--out", $"'{outDirectory}' already holds blocks; merge into a new directory");
        var store = new BlockStore(Path.Combine(outDirectory, BlocksFolder));
        var seen = new Dictionary<(int, int), string>();
        foreach (var dir in shardDirectories)
        {
            var src = new BlockStore(Path.Combine(dir, BlocksFolder));
            foreach (var rec in src.Records.OrderBy(r => r.Point).ThenBy(r => r.Block))
            {
                if (rec.IncompatibilityWith(plan) is { } why)
                    throw new ConfigException(dir, $"cannot be merged: {why}");
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

    /// <summary>Rebuilds figures and report.html from scenario.json and results.csv alone.</summary>
    public static IReadOnlyList<string> Report(string directory, Func<string, IScenario> findScenario)
    {
        string sp = Path.Combine(directory, ScenarioFile), rp = Path.Combine(directory, ResultsFile), mp = Path.Combine(directory, ManifestFile);
        if (!File.Exists(sp) || !File.Exists(rp)) throw new ConfigException(directory, "is not a finished run directory (needs scenario.json and results.csv)");
        string text = File.ReadAllText(sp);
        var config = ConfigBinder.Bind<ScenarioConfig>(ScenarioConfigResolver.ParseFile(text, sp), "");
        var scenario = findScenario(config.Scenario);
        var run = scenario.Create(config);
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
