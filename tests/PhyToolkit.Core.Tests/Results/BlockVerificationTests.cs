using System.Text;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Tests.MonteCarlo;
using PhyToolkit.Core.Tests.Reports;

namespace PhyToolkit.Core.Tests.Results;

/// <summary>Stored blocks are refused, naming the file, when edited, truncated, from another run, seed or version.</summary>
public sealed class BlockVerificationTests : IDisposable
{
    private static readonly StoppingRule Fixed = new() { Kind = StopKind.FixedTrials, MinBlocks = 3, MaxBlocks = 3 };
    private static readonly BlockProvenance Run1 = new("aa11", 42, "toy");
    private readonly TempDirectories _dirs = new();

    public void Dispose() => _dirs.Dispose();

    private string RunInto(BlockProvenance provenance)
    {
        string dir = Path.Combine(_dirs.New(), "blocks");
        var run = new ToyRun(Fixed, points: 2, trialsPerBlock: 10);
        MonteCarloEngine.Run(run, provenance.MasterSeed, provenance.Scenario, new BlockStore(dir, provenance, run.Plan), new EngineOptions { Threads = 2 });
        return dir;
    }

    private static string File0(string dir) => Path.Combine(dir, BlockRecord.FileName(0, 1));

    private static ConfigException Reopen(string dir, BlockProvenance? provenance = null) =>
        Assert.Throws<ConfigException>(() => new BlockStore(dir, provenance ?? Run1, new ToyRun(Fixed, points: 2, trialsPerBlock: 10).Plan));

    [Fact]
    public void SoundBlocksReopenAndCarryTheirRun()
    {
        string dir = RunInto(Run1);
        var store = new BlockStore(dir, Run1, new ToyRun(Fixed, points: 2, trialsPerBlock: 10).Plan);
        Assert.Equal(6, store.Count);
        string text = File.ReadAllText(File0(dir));
        Assert.Contains("\"configHash\":\"aa11\"", text);
        Assert.Contains("\"masterSeed\":42", text);
        Assert.Contains("\"checksum\":\"", text);
    }

    [Fact]
    public void AnEditedValueIsRefusedNamingTheFile()
    {
        string dir = RunInto(Run1);
        string text = File.ReadAllText(File0(dir));
        int at = text.IndexOf("\"count\":10", StringComparison.Ordinal);
        Assert.True(at > 0, text);
        File.WriteAllText(File0(dir), text.Remove(at, "\"count\":10".Length).Insert(at, "\"count\":20"));
        var e = Reopen(dir);
        Assert.Contains(File0(dir), e.Message);
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void ATruncatedFileIsRefusedNamingTheFile()
    {
        string dir = RunInto(Run1);
        byte[] bytes = File.ReadAllBytes(File0(dir));
        File.WriteAllBytes(File0(dir), bytes[..(bytes.Length / 2)]);
        var e = Reopen(dir);
        Assert.Contains(File0(dir), e.Message);
        Assert.Contains("not a readable block", e.Message);
    }

    [Fact]
    public void ABlockOfAnotherSeedIsRefused()
    {
        string mine = RunInto(Run1);
        string foreign = RunInto(Run1 with { MasterSeed = 43 });
        File.Copy(File0(foreign), File0(mine), overwrite: true);
        var e = Reopen(mine);
        Assert.Contains(File0(mine), e.Message);
        Assert.Contains("master seed 43, this run's seed is 42", e.Message);
    }

    [Fact]
    public void ABlockOfAnotherScenarioFileIsRefused()
    {
        string mine = RunInto(Run1);
        string foreign = RunInto(Run1 with { ConfigHash = "bb22" });
        File.Copy(File0(foreign), File0(mine), overwrite: true);
        var e = Reopen(mine);
        Assert.Contains("another scenario file", e.Message);
    }

    [Fact]
    public void ABlockMovedToAnotherIndexIsRefused()
    {
        string dir = RunInto(Run1);
        File.Copy(Path.Combine(dir, BlockRecord.FileName(0, 2)), File0(dir), overwrite: true);
        var e = Reopen(dir);
        Assert.Contains(File0(dir), e.Message);
        Assert.Contains("belongs in", e.Message);
    }

    [Fact]
    public void ABlockOfAnotherToolkitVersionIsRefused()
    {
        string dir = RunInto(Run1);
        var rec = BlockRecord.Parse(File.ReadAllBytes(File0(dir))) with { Version = "0.0.1+other" };
        File.WriteAllBytes(File0(dir), rec.ToJson()); // a sound block, checksum included, but of another build
        var e = Reopen(dir);
        Assert.Contains(File0(dir), e.Message);
        Assert.Contains("PhyToolkit 0.0.1+other", e.Message);
    }

    [Fact]
    public void ABlockWhoseSeedIsNotItsWorkUnitsSeedIsRefused()
    {
        string dir = RunInto(Run1);
        var rec = BlockRecord.Parse(File.ReadAllBytes(File0(dir))) with { Seed = 7 };
        File.WriteAllBytes(File0(dir), rec.ToJson());
        var e = Reopen(dir);
        Assert.Contains("block seed 7", e.Message);
    }

    [Fact]
    public void InspectListsEveryProblemWithoutStopping()
    {
        string dir = RunInto(Run1);
        File.WriteAllText(Path.Combine(dir, BlockRecord.FileName(1, 0)), "{");
        File.WriteAllText(File0(dir), Encoding.UTF8.GetString(File.ReadAllBytes(File0(dir))).Replace("\"masterSeed\":42", "\"masterSeed\":41", StringComparison.Ordinal));
        var found = BlockStore.Inspect(dir, Run1, null).ToList();
        Assert.Equal(6, found.Count);
        Assert.Equal(2, found.Count(f => f.Problem != null));
    }
}
