using System.Diagnostics;

namespace PhyToolkit.Scenarios.Tests.Cli;

/// <summary>A run directory is owned by one process at a time, and what it holds is verified before it is used.</summary>
public class RunDirectoryIntegrityTests
{
    private static readonly string[] Work =
        ["run", "ber-awgn-rayleigh", "--quick", "--no-progress", "--set", "run.stop=fixed", "--set", "run.maxBlocks=12", "--set", "parameters.symbolsPerTrial=2000"];

    // Long enough to be still running while another process tries the same directory (it is killed, never finished).
    private static readonly string[] LongWork =
        ["run", "ber-awgn-rayleigh", "--quick", "--no-progress", "--threads", "1", "--set", "run.stop=fixed", "--set", "run.maxBlocks=20000", "--set", "parameters.symbolsPerTrial=2000"];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void ASecondRunIntoABusyDirectoryIsRefusedAndALockLeftByAKilledRunIsTakenOver()
    {
        string dir = Phytk.TempDir("busy");
        using (var first = Process.Start(Phytk.StartInfo([.. LongWork, "--out", dir]))!)
        {
            var sw = Stopwatch.StartNew();
            string blocks = Path.Combine(dir, "blocks");
            while (!first.HasExited && sw.Elapsed < TimeSpan.FromMinutes(2)
                   && !(Directory.Exists(blocks) && Directory.EnumerateFiles(blocks, "p*.json").Any()))
                Thread.Sleep(20);
            Assert.False(first.HasExited, "the first run ended before the test could race it");

            // Another seed, and the very same configuration: both refused while the first runs, naming it.
            foreach (string[] args in new string[][] { [.. LongWork, "--seed", "2", "--out", dir], [.. LongWork, "--out", dir] })
            {
                var second = Phytk.Run(args);
                Assert.Equal(2, second.Exit);
                Assert.Single(Lines(second.Err));
                Assert.Contains($"is in use by pid {first.Id} on host", second.Err);
            }
            first.Kill(entireProcessTree: true); // SIGKILL: no chance to release anything
            first.WaitForExit();
        }
        // The dead run's lock is detected, taken over with a message, and the run resumes.
        var resumed = Phytk.Run([.. LongWork, "--out", dir, "--max-time", "1s"]);
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("no longer running; lock taken over", resumed.Err);
        var verify = Phytk.Run("verify", dir);
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task TwoRunsStartedTogetherIntoOneDirectoryNeverMixTheirOutputs()
    {
        for (int rep = 0; rep < 3; rep++)
        {
            string dir = Phytk.TempDir("race");
            using var a = Process.Start(Phytk.StartInfo([.. Work, "--seed", "1", "--out", dir]))!;
            using var b = Process.Start(Phytk.StartInfo([.. Work, "--seed", "2", "--out", dir]))!;
            var outs = new[] { a, b }.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToArray();
            Assert.True(a.WaitForExit(TimeSpan.FromMinutes(3)) && b.WaitForExit(TimeSpan.FromMinutes(3)));
            int[] exits = [a.ExitCode, b.ExitCode];
            // One of them owns the directory; the other is refused (in use, or a run of another seed is already there).
            Assert.Equal([0, 2], exits.Order().ToArray());
            string err = await outs[Array.IndexOf(exits, 2)].Err;
            Assert.Single(Lines(err));
            Assert.True(err.Contains("is in use by", StringComparison.Ordinal) || err.Contains("different configuration", StringComparison.Ordinal), err);
            var verify = Phytk.Run("verify", dir);
            Assert.True(verify.Exit == 0, verify.Out + verify.Err);
            Assert.Contains("results.csv matches the blocks", verify.Out);
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void VerifyFindsEditedResultsAndForeignBlocks()
    {
        string root = Phytk.TempDir("verify");
        string one = Path.Combine(root, "one"), two = Path.Combine(root, "two");
        Assert.Equal(0, Phytk.Run([.. Work, "--out", one]).Exit);
        Assert.Equal(0, Phytk.Run([.. Work, "--seed", "2", "--out", two]).Exit);
        var ok = Phytk.Run("verify", one);
        Assert.True(ok.Exit == 0, ok.Err);
        Assert.Contains("results.csv matches the blocks", ok.Out);

        // A block of the seed-2 run copied into the seed-1 run: refused by resume and by verify, naming the file.
        string name = "p00001-b0000003.json";
        string target = Path.Combine(one, "blocks", name);
        File.Copy(Path.Combine(two, "blocks", name), target, overwrite: true);
        var resume = Phytk.Run([.. Work, "--out", one]);
        Assert.Equal(2, resume.Exit);
        Assert.Contains(target + ": was written with master seed 2, this run's seed is 1", resume.Err);
        var bad = Phytk.Run("verify", one);
        Assert.Equal(2, bad.Exit);
        Assert.Contains(target, bad.Out);
        Assert.Single(Lines(bad.Err));

        // results.csv edited by hand: the blocks say otherwise.
        string csv = Path.Combine(two, "results.csv");
        var rows = File.ReadAllLines(csv);
        rows[1] = rows[1].Replace(",rate,", ",rate,1", StringComparison.Ordinal);
        File.WriteAllLines(csv, rows);
        var edited = Phytk.Run("verify", two);
        Assert.Equal(2, edited.Exit);
        Assert.Contains("results.csv: differs from the table recomputed from blocks/", edited.Out);
        Directory.Delete(root, true);
    }

    [Fact]
    public void MergeRefusesAShardStillBeingWrittenAndAnOutputInUse()
    {
        string root = Phytk.TempDir("merge-lock");
        string s0 = Path.Combine(root, "s0"), s1 = Path.Combine(root, "s1"), merged = Path.Combine(root, "merged");
        Assert.Equal(0, Phytk.Run([.. Work, "--shard", "0/2", "--out", s0]).Exit);
        Assert.Equal(0, Phytk.Run([.. Work, "--shard", "1/2", "--out", s1]).Exit);
        using (PhyToolkit.Core.Results.RunLock.Acquire(s1))
        {
            var busy = Phytk.Run("merge", s0, s1, "--out", merged);
            Assert.Equal(2, busy.Exit);
            Assert.Contains($"{s1}: is still being written by pid {Environment.ProcessId}", busy.Err);
        }
        using (PhyToolkit.Core.Results.RunLock.Acquire(merged))
        {
            var busy = Phytk.Run("merge", s0, s1, "--out", merged);
            Assert.Equal(2, busy.Exit);
            Assert.Contains("is in use by", busy.Err);
        }
        var ok = Phytk.Run("merge", s0, s1, "--out", merged);
        Assert.True(ok.Exit == 0, ok.Err);
        var verify = Phytk.Run("verify", merged);
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Directory.Delete(root, true);
    }

    [Fact]
    public void MaxTimeStopsARunWhoseBlocksAreLongerThanTheLimit()
    {
        // One block of 2,000,000 trials of 1,000 symbols takes minutes; --max-time 2s must not wait for it.
        string dir = Phytk.TempDir("maxtime");
        var r = Phytk.Run("run", "ber-awgn-rayleigh", "--quick", "--no-progress", "--set", "run.trialsPerBlock=2000000", "--max-time", "2s", "--out", dir);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("time limit reached", r.Out);
        Assert.Contains("\"TimeLimit\"", File.ReadAllText(Path.Combine(dir, "manifest.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "blocks"), "p*.json")); // nothing half-computed was stored
        Directory.Delete(dir, true);
    }
}
