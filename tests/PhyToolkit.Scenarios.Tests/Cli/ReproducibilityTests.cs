using System.Diagnostics;

namespace PhyToolkit.Scenarios.Tests.Cli;

public class ReproducibilityTests
{
    // A configuration big enough to be killed mid-way but small enough for CI (about 1-3 s on one thread).
    private static readonly string[] Work =
        ["run", "ber-awgn-rayleigh", "--quick", "--no-progress", "--set", "run.stop=fixed", "--set", "run.maxBlocks=12", "--set", "parameters.symbolsPerTrial=2000"];

    private static string ResultsOf(string dir) => File.ReadAllText(Path.Combine(dir, "results.csv"));

    [Fact]
    public void ThreadCountAndShardingDoNotChangeResults()
    {
        string root = Phytk.TempDir("repro");
        var a = Phytk.Run([.. Work, "--threads", "1", "--out", Path.Combine(root, "t1")]);
        Assert.True(a.Exit == 0, a.Err);
        var b = Phytk.Run([.. Work, "--threads", "2", "--out", Path.Combine(root, "t2")]);
        Assert.True(b.Exit == 0, b.Err);
        string reference = ResultsOf(Path.Combine(root, "t1"));
        Assert.Equal(reference, ResultsOf(Path.Combine(root, "t2")));

        // Adaptive stopping too: shards run the full block budget and merge applies the rule.
        string[] adaptive = ["run", "ber-awgn-rayleigh", "--quick", "--no-progress", "--set", "run.maxBlocks=12"];
        var single = Phytk.Run([.. adaptive, "--out", Path.Combine(root, "single")]);
        Assert.True(single.Exit == 0, single.Err);
        foreach (int n in new[] { 1, 2, 3 })
        {
            var dirs = new List<string>();
            for (int i = 0; i < n; i++)
            {
                string d = Path.Combine(root, $"shard{n}-{i}");
                var s = Phytk.Run([.. adaptive, "--shard", $"{i}/{n}", "--out", d]);
                Assert.True(s.Exit == 0, s.Err);
                dirs.Add(d);
            }
            var m = Phytk.Run(["merge", .. dirs, "--out", Path.Combine(root, $"merged{n}")]);
            Assert.True(m.Exit == 0, m.Err);
            Assert.Equal(ResultsOf(Path.Combine(root, "single")), ResultsOf(Path.Combine(root, $"merged{n}")));
        }

        // Merge refuses missing shards, duplicates and incompatible runs.
        var missing = Phytk.Run(["merge", Path.Combine(root, "shard3-0"), Path.Combine(root, "shard3-1"), "--out", Path.Combine(root, "bad1")]);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("missing work unit", missing.Err);
        var dup = Phytk.Run(["merge", Path.Combine(root, "shard2-0"), Path.Combine(root, "shard2-0"), Path.Combine(root, "shard2-1"), "--out", Path.Combine(root, "bad2")]);
        Assert.Equal(2, dup.Exit);
        Assert.Contains("duplicates work unit", dup.Err);
        var other = Phytk.Run([.. adaptive, "--seed", "5", "--shard", "1/2", "--out", Path.Combine(root, "otherseed")]);
        Assert.Equal(0, other.Exit);
        var mixed = Phytk.Run(["merge", Path.Combine(root, "shard2-0"), Path.Combine(root, "otherseed"), "--out", Path.Combine(root, "bad3")]);
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("different seed", mixed.Err);
        Directory.Delete(root, true);
    }

    [Fact]
    public void KilledRunResumesToBitIdenticalResults()
    {
        string root = Phytk.TempDir("resume");
        var full = Phytk.Run([.. Work, "--threads", "2", "--out", Path.Combine(root, "full")]);
        Assert.True(full.Exit == 0, full.Err);

        string dir = Path.Combine(root, "killed");
        string blocks = Path.Combine(dir, "blocks");
        // Kill at a pseudo-random block count (fixed seed so a failure can be replayed).
        int killAt = new System.Random(20261123).Next(20, 200);
        using (var p = Process.Start(Phytk.StartInfo([.. Work, "--threads", "1", "--out", dir]))!)
        {
            var sw = Stopwatch.StartNew();
            while (!p.HasExited && sw.Elapsed < TimeSpan.FromMinutes(2))
            {
                int n = Directory.Exists(blocks) ? Directory.GetFiles(blocks, "*.json").Length : 0;
                if (n >= killAt) { p.Kill(entireProcessTree: true); break; } // SIGKILL
                Thread.Sleep(2);
            }
            p.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(dir, "results.csv")), $"the run finished before the kill at block {killAt}; make the work bigger");
        var resumed = Phytk.Run([.. Work, "--threads", "2", "--out", dir]);
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Equal(ResultsOf(Path.Combine(root, "full")), ResultsOf(dir));
        Assert.Empty(Directory.GetFiles(dir, "*.phytk-tmp", SearchOption.AllDirectories));
        // Re-running a finished run recomputes nothing and changes nothing.
        var again = Phytk.Run([.. Work, "--out", dir]);
        Assert.Equal(0, again.Exit);
        Assert.Equal(ResultsOf(Path.Combine(root, "full")), ResultsOf(dir));
        // A different configuration into the same directory is refused.
        var clash = Phytk.Run([.. Work, "--seed", "9", "--out", dir]);
        Assert.Equal(2, clash.Exit);
        Assert.Contains("different configuration", clash.Err);
        Directory.Delete(root, true);
    }
    [Fact]
    public void BlocksFromAnotherSweepOrVersionAreRefused()
    {
        string root = Phytk.TempDir("stale");
        string dir = Path.Combine(root, "run");
        var first = Phytk.Run([.. Work, "--out", dir]);
        Assert.True(first.Exit == 0, first.Err);
        string block = Directory.GetFiles(Path.Combine(dir, "blocks"), "p00000-b0000000.json").Single();
        string original = File.ReadAllText(block);
        // Every block carries its point label and the toolkit version that wrote it.
        Assert.Contains("\"label\":", original);
        Assert.Contains("\"version\":", original);
        var record = PhyToolkit.Core.MonteCarlo.BlockRecord.Parse(File.ReadAllBytes(block));
        // Same configuration, but the stored point 0 had another label: the scenario's sweep changed since (code change).
        // (Rewritten with a fresh checksum: a sound block of an older sweep, not an edited one.)
        File.WriteAllBytes(block, (record with { Label = "some/older/point" }).ToJson());
        var relabelled = Phytk.Run([.. Work, "--out", dir]);
        Assert.Equal(2, relabelled.Exit);
        Assert.Contains("sweep changed", relabelled.Err);
        // Written by another build of the toolkit.
        File.WriteAllBytes(block, (record with { Version = "0.0.1+deadbeef" }).ToJson());
        var otherVersion = Phytk.Run([.. Work, "--out", dir]);
        Assert.Equal(2, otherVersion.Exit);
        Assert.Contains("written by PhyToolkit 0.0.1+deadbeef", otherVersion.Err);
        // Edited in place (the checksum no longer matches): refused, naming the file.
        File.WriteAllText(block, System.Text.RegularExpressions.Regex.Replace(original, "\"version\":\"[^\"]*\"", "\"version\":\"0.0.1+deadbeef\""));
        var edited = Phytk.Run([.. Work, "--out", dir]);
        Assert.Equal(2, edited.Exit);
        Assert.Contains(block + ": checksum mismatch", edited.Err);
        // Restored: resumes (nothing to compute) and succeeds.
        File.WriteAllText(block, original);
        Assert.Equal(0, Phytk.Run([.. Work, "--out", dir]).Exit);
        Directory.Delete(root, true);
    }
}
