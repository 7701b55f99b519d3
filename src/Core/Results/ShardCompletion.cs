using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Results;

/// <summary>
/// Which shards of a sharded run are finished: shard i of n is finished when its run directory holds a manifest of shard
/// "i/n" of the same configuration and a sound block (checksum, scenario hash, master seed, block seed, point label; the
/// checks of <see cref="BlockStore.Inspect"/>) for every work unit it owns (<see cref="ShardSpec.Owns"/>), and no live
/// process holds its lock (<see cref="RunLock.Owner"/>). Used by <c>phytk submit --resume</c> to resubmit only the
/// shards that a failed, cancelled or pre-empted scheduler task left unfinished; a resubmitted shard skips its stored blocks.
/// </summary>
public static class ShardCompletion
{
    /// <summary>State of one shard directory.</summary>
    /// <param name="Index">Shard index i.</param>
    /// <param name="Directory">The shard's run directory.</param>
    /// <param name="UnitsOwned">Work units (point, block) the shard owns.</param>
    /// <param name="UnitsStored">Of those, units with a sound stored block.</param>
    /// <param name="Reason">Why the shard is unfinished (one line), or null when it is finished.</param>
    public sealed record ShardState(int Index, string Directory, int UnitsOwned, int UnitsStored, string? Reason)
    {
        /// <summary>Whether the shard is finished.</summary>
        public bool Finished => Reason is null;
    }

    /// <summary>
    /// Inspects shard directories <c>shardDirectory(i)</c> for i = 0 … <paramref name="shardCount"/> − 1 of the run
    /// described by <paramref name="scenarioText"/> (the resolved scenario file every shard ran).
    /// </summary>
    /// <param name="plan">The run's sweep plan (points and the per-point block budget).</param>
    /// <param name="scenarioText">Text of the resolved scenario file (its SHA-256 identifies the run).</param>
    /// <param name="config">The bound scenario file (seed and scenario name).</param>
    /// <param name="shardCount">Number of shards n ≥ 1.</param>
    /// <param name="shardDirectory">The run directory of shard i.</param>
    /// <exception cref="ConfigException">A shard directory holds a block that is unreadable, edited or of another run
    /// (the path is the file): a rerun would refuse it too, so it is reported before anything is resubmitted.</exception>
    public static IReadOnlyList<ShardState> Inspect(SweepPlan plan, string scenarioText, ScenarioConfig config, int shardCount, Func<int, string> shardDirectory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(shardDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        string hash = RunDirectory.Hash(scenarioText);
        var provenance = new BlockProvenance(hash, config.Seed, config.Scenario);
        int maxBlocks = plan.Stop.MaxBlocks;
        var states = new List<ShardState>(shardCount);
        for (int i = 0; i < shardCount; i++)
        {
            string dir = shardDirectory(i);
            var shard = new ShardSpec(i, shardCount);
            int owned = 0;
            for (int p = 0; p < plan.Points.Count; p++)
                for (int b = 0; b < maxBlocks; b++)
                    if (shard.Owns(p, b, maxBlocks)) owned++;
            var stored = new HashSet<(int, int)>();
            foreach (var (file, record, problem) in BlockStore.Inspect(Path.Combine(dir, RunDirectory.BlocksFolder), provenance, plan))
            {
                if (problem != null)
                    throw new ConfigException(file, problem + "; delete the file so that its shard recomputes that block ('phytk verify' lists every problem)");
                if (shard.Owns(record!.Point, record.Block, maxBlocks)) stored.Add((record.Point, record.Block));
            }
            states.Add(new ShardState(i, dir, owned, stored.Count, Reason(dir, shard, hash, owned, stored.Count)));
        }
        return states;
    }

    private static string? Reason(string dir, ShardSpec shard, string hash, int owned, int stored)
    {
        if (!System.IO.Directory.Exists(dir)) return "not started (no directory)";
        if (RunLock.Owner(dir) is { } owner) return $"still being written by {owner}";
        string sp = Path.Combine(dir, RunDirectory.ScenarioFile), mp = Path.Combine(dir, RunDirectory.ManifestFile);
        if (File.Exists(sp) && RunDirectory.Hash(File.ReadAllText(sp)) != hash)
            throw new ConfigException(sp, "is not the run's scenario file (another configuration ran in this shard directory); move the directory away and resume");
        if (stored < owned) return $"{stored} of {owned} blocks stored";
        if (!File.Exists(mp)) return "all blocks stored but no manifest.json (the task ended before writing it)";
        RunManifest m;
        try { m = RunManifest.Parse(File.ReadAllText(mp)); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException) { return "manifest.json is unreadable"; }
        if (m.ConfigHash != hash || m.Shard != shard.ToString())
            throw new ConfigException(mp, $"belongs to shard {m.Shard ?? "none"} of configuration {m.ConfigHash[..Math.Min(12, m.ConfigHash.Length)]}, not shard {shard} of this run");
        return null;
    }
}
