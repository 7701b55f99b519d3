using System.Diagnostics;
using System.Text.RegularExpressions;
using PhyToolkit.Scenarios.Cli.Submit;

namespace PhyToolkit.Scenarios.Tests.Cli.Submit;

/// <summary>
/// phytk submit against a real Slurm: the single-node cluster of <c>scripts/slurm-local</c> (which runs this test with
/// <c>--filter Category=SlurmLocal</c>). Submits a sweep as 4 array tasks and a dependent merge job, waits, and compares
/// the merged results.csv with a single-process run byte for byte; then cancels one array task mid-run
/// (scancel of one index), resumes with <c>phytk submit --resume</c>, and compares again. Slow, and never run by CI
/// (it needs slurmctld and slurmd). It is skipped (reported as such) unless PHYTK_SLURM_LOCAL=1, which the script sets,
/// and with it fails naming the command to start the cluster when sinfo cannot reach a controller.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "SlurmLocal")]
public class SlurmLocalTests
{
    private static (int Exit, string Out, string Err) Tool(string name, params string[] args) =>
        SchedulerTools.Run(SchedulerTools.FindOnPath(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not on PATH; run scripts/slurm-local test"), args);

    private static void RequireCluster()
    {
        var info = Tool("sinfo", "--noheader", "--format=%T");
        if (info.Exit != 0 || !Regex.IsMatch(info.Out, "idle|mixed|allocated"))
            throw new Xunit.Sdk.XunitException($"no usable Slurm controller (sinfo: exit {info.Exit}, '{info.Out.Trim()} {info.Err.Trim()}'); start one with 'scripts/slurm-local up' and export SLURM_CONF as 'scripts/slurm-local env' prints, or run 'scripts/slurm-local test'");
    }

    private static (string Array, string Merge) Ids(string submitOutput)
    {
        var m = Regex.Match(submitOutput, @"array job (\d+) .*merge job (\d+)");
        Assert.True(m.Success, submitOutput);
        return (m.Groups[1].Value, m.Groups[2].Value);
    }

    /// <summary>Waits until none of the jobs is pending, running or completing (squeue lists none of them).</summary>
    private static void WaitGone(params string[] ids)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            var q = Tool("squeue", "--noheader", "--array", $"--jobs={string.Join(",", ids)}", "--format=%i %T");
            if (q.Exit != 0 || q.Out.Trim().Length == 0) return; // an id slurmctld no longer knows has long finished
            Thread.Sleep(500);
        }
        throw new TimeoutException($"jobs {string.Join(",", ids)} still queued after 15 minutes");
    }

    private static byte[] Single(string[] scenario, string dir)
    {
        var r = Phytk.Run(["run", .. scenario, "--out", dir, "--no-progress"]);
        Assert.True(r.Exit == 0, r.Err);
        return File.ReadAllBytes(Path.Combine(dir, "results.csv"));
    }

    /// <summary>A fact that runs only where PHYTK_SLURM_LOCAL=1 (scripts/slurm-local test), and is skipped elsewhere.</summary>
    private sealed class SlurmLocalFactAttribute : FactAttribute
    {
        public SlurmLocalFactAttribute()
        {
            if (Environment.GetEnvironmentVariable("PHYTK_SLURM_LOCAL") != "1")
                Skip = "needs the single-node Slurm of scripts/slurm-local; run 'scripts/slurm-local test' (it sets PHYTK_SLURM_LOCAL=1)";
        }
    }

    [SlurmLocalFact]
    public void ArrayAndMergeJobOnRealSlurmEqualASingleProcessRunAlsoAfterACancelledTaskIsResumed()
    {
        RequireCluster();
        string root = Phytk.TempDir("slurm-local");

        // 1. The issue's command, at the quick scale: 4 array tasks, merge after them.
        string[] quick = ["ber-awgn-rayleigh", "--quick"];
        string dir = Path.Combine(root, "quick");
        var sub = Phytk.Run(["submit", .. quick, "--slurm", "--shards", "4", "--out", dir]);
        Assert.True(sub.Exit == 0, sub.Err);
        var (array, merge) = Ids(sub.Out);
        WaitGone(array, merge);
        Assert.True(File.Exists(Path.Combine(dir, "results.csv")), "the merge job wrote no results.csv; logs: " + string.Join(" | ",
            Directory.GetFiles(Path.Combine(dir, "slurm", "logs")).Select(f => Path.GetFileName(f) + ": " + File.ReadAllText(f).Trim())));
        Assert.Equal(Single(quick, Path.Combine(root, "quick-single")), File.ReadAllBytes(Path.Combine(dir, "results.csv")));

        // 2. Ten times the work per trial, so a task can be cancelled mid-run: scancel of one index.
        string[] heavy = ["ber-awgn-rayleigh", "--quick", "--set", "parameters.symbolsPerTrial=10000"];
        dir = Path.Combine(root, "heavy");
        sub = Phytk.Run(["submit", .. heavy, "--slurm", "--shards", "4", "--out", dir]);
        Assert.True(sub.Exit == 0, sub.Err);
        (array, merge) = Ids(sub.Out);
        string blocks2 = Path.Combine(dir, "shards", "2", "blocks");
        var clock = Stopwatch.StartNew();
        while ((!Directory.Exists(blocks2) || Directory.GetFiles(blocks2, "p*-b*.json").Length == 0) && clock.Elapsed < TimeSpan.FromMinutes(10))
            Thread.Sleep(50);
        Assert.False(File.Exists(Path.Combine(dir, "shards", "2", "manifest.json")), "task 2 finished before it could be cancelled");
        var cancel = Tool("scancel", $"{array}_2");
        Assert.True(cancel.Exit == 0, cancel.Err);
        WaitGone(array, merge); // the other tasks finish; the merge job's afterok can no longer be met, so Slurm removes it
        Assert.False(File.Exists(Path.Combine(dir, "results.csv")));

        var resume = Phytk.Run(["submit", "--resume", dir]);
        Assert.True(resume.Exit == 0, resume.Err);
        Assert.Contains("1 task, shard 2 of 4", resume.Out);
        Assert.Contains("3 of 4 shards finished", resume.Out);
        (array, merge) = Ids(resume.Out);
        WaitGone(array, merge);
        Assert.Equal(Single(heavy, Path.Combine(root, "heavy-single")), File.ReadAllBytes(Path.Combine(dir, "results.csv")));
        Directory.Delete(root, true);
    }
}
