using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Core.Tests.MonteCarlo;
using PhyToolkit.Core.Tests.Reports;

namespace PhyToolkit.Core.Tests.Results;

/// <summary>
/// Which shards a resume must rerun: a shard is finished only with every unit it owns stored soundly, its manifest of
/// the same shard and configuration, and no live owner; anything else is reported with the reason, and a shard
/// directory of another run is an error rather than a silent rerun.
/// </summary>
public sealed class ShardCompletionTests : IDisposable
{
    // 3 points × 5 blocks = 15 units over 4 shards: shard 0 owns units 0,4,8,12 (4 units), shard 3 owns 3,7,11 (3 units).
    private static readonly StoppingRule Fixed = new() { Kind = StopKind.FixedTrials, MinBlocks = 5, MaxBlocks = 5 };
    private const string Text = "{ \"scenario\": \"toy\" }\n";
    private static readonly ScenarioConfig Config = new() { Scenario = "toy", Seed = 7, Run = RunSettings.Fixed(5, 10), Parameters = new JsonObject() };
    private readonly TempDirectories _dirs = new();
    private readonly string _root;

    public ShardCompletionTests() => _root = _dirs.New();

    public void Dispose() => _dirs.Dispose();

    private static ToyRun Run() => new(Fixed, points: 3, trialsPerBlock: 10);

    private string Dir(int i) => Path.Combine(_root, "shards", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>What phytk run --shard i/n leaves: the scenario file, the shard's blocks and its manifest.</summary>
    private void RunShard(int i, int n, bool manifest = true)
    {
        string dir = Dir(i);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, RunDirectory.ScenarioFile), Text);
        var run = Run();
        var provenance = new BlockProvenance(RunDirectory.Hash(Text), Config.Seed, Config.Scenario);
        MonteCarloEngine.Run(run, Config.Seed, Config.Scenario, new BlockStore(Path.Combine(dir, RunDirectory.BlocksFolder), provenance, run.Plan),
            new EngineOptions { Threads = 1, Shard = new ShardSpec(i, n) });
        if (manifest)
            File.WriteAllText(Path.Combine(dir, RunDirectory.ManifestFile),
                new RunManifest { Scenario = "toy", ConfigHash = RunDirectory.Hash(Text), Seed = Config.Seed, Shard = $"{i}/{n}" }.ToJson());
    }

    private IReadOnlyList<ShardCompletion.ShardState> Inspect(int n) => ShardCompletion.Inspect(Run().Plan, Text, Config, n, Dir);

    [Fact]
    public void FinishedMissingPartialAndManifestlessShardsAreTold()
    {
        RunShard(0, 4);
        RunShard(1, 4);
        RunShard(2, 4, manifest: false); // killed after its last block, before the manifest
        RunShard(3, 4);
        File.Delete(Path.Combine(Dir(3), RunDirectory.BlocksFolder, BlockRecord.FileName(2, 1))); // unit 11 of shard 3
        Directory.Delete(Dir(1), recursive: true); // never started

        var s = Inspect(4);
        Assert.Equal([4, 4, 4, 3], s.Select(x => x.UnitsOwned));
        Assert.True(s[0].Finished, s[0].Reason);
        Assert.Equal(4, s[0].UnitsStored);
        Assert.Equal("not started (no directory)", s[1].Reason);
        Assert.Contains("no manifest.json", s[2].Reason);
        Assert.Equal("2 of 3 blocks stored", s[3].Reason);
        Assert.Equal([1, 2, 3], s.Where(x => !x.Finished).Select(x => x.Index));
    }

    [Fact]
    public void AShardStillBeingWrittenIsUnfinished()
    {
        RunShard(0, 2);
        RunShard(1, 2);
        Assert.All(Inspect(2), x => Assert.True(x.Finished, x.Reason));
        using var held = RunLock.Acquire(Dir(1));
        var s = Inspect(2);
        Assert.True(s[0].Finished);
        Assert.StartsWith($"still being written by pid {Environment.ProcessId}", s[1].Reason);
    }

    [Fact]
    public void AShardOfAnotherCountConfigurationOrAnEditedBlockIsAnError()
    {
        RunShard(0, 2);
        // Inspected as shard 0 of 3: its manifest says 0/2 (it also lacks units of 0/3, but the manifest is checked first
        // only once every owned unit is there, so make that so by running 0/3's units into it too).
        var wrongCount = Assert.Throws<ConfigException>(() =>
        {
            RunShard(0, 3, manifest: false);
            return Inspect(3);
        });
        Assert.Contains("belongs to shard 0/2", wrongCount.Message);

        string block = Path.Combine(Dir(0), RunDirectory.BlocksFolder, BlockRecord.FileName(0, 0));
        File.WriteAllText(block, File.ReadAllText(block).Replace("\"count\":10", "\"count\":11", StringComparison.Ordinal));
        var edited = Assert.Throws<ConfigException>(() => Inspect(2));
        Assert.StartsWith(block + ": checksum mismatch", edited.Message);

        File.WriteAllText(Path.Combine(Dir(0), RunDirectory.ScenarioFile), "{ \"scenario\": \"other\" }\n");
        File.Delete(block);
        var other = Assert.Throws<ConfigException>(() => Inspect(2));
        Assert.Contains("another configuration ran in this shard directory", other.Message);
    }
}
