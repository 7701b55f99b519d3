using PhyToolkit.Scenarios.Cli.Submit;
using static PhyToolkit.Scenarios.Tests.Cli.Submit.SubmitTestKit;

namespace PhyToolkit.Scenarios.Tests.Cli.Submit;

/// <summary>
/// phytk submit --slurm: the scripts a dry run writes, option validation, and real submission through a fake sbatch
/// whose array tasks and merge job are then run here as Slurm would run them (SLURM_ARRAY_TASK_ID set), including a
/// resume of the shards left unfinished; the merged results.csv must equal a single-process run byte for byte.
/// </summary>
public class SubmitCommandTests
{
    private static readonly Dictionary<string, string?> NoEnv = [];

    [Fact]
    public void DryRunWritesAnArrayOfTheResolvedFileWithRequeueAndADependentMerge()
    {
        string root = Cli.Phytk.TempDir("submit-dry");
        string dir = Path.Combine(root, "run");
        string empty = Path.Combine(root, "empty-path");
        Directory.CreateDirectory(empty);
        // No sbatch anywhere on PATH: a dry run must not need it.
        var r = Phytk(new Dictionary<string, string?> { ["PATH"] = empty },
            ["submit", .. Small, "--slurm", "--shards", "5", "--dry-run", "--out", dir,
             "--partition", "short", "--time", "1:30:00", "--cpus-per-task", "2", "--mem", "2g", "--account", "phy-lab"]);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("dry run: nothing submitted", r.Out);
        Assert.Contains("--array=0-4", r.Out);

        // The file every task runs is the resolved scenario (what 'phytk show' prints for the same arguments).
        var show = Cli.Phytk.Run(["show", .. Small]);
        Assert.Equal(0, show.Exit);
        Assert.Equal(show.Out, File.ReadAllText(Path.Combine(dir, "scenario.json")));

        string array = File.ReadAllText(Path.Combine(dir, "slurm", "array.sbatch"));
        Assert.StartsWith("#!/bin/bash\n", array);
        foreach (var line in new[]
        {
            "#SBATCH --array=0-4\n", "#SBATCH --requeue\n", "#SBATCH --partition=short\n", "#SBATCH --time=1:30:00\n",
            "#SBATCH --cpus-per-task=2\n", "#SBATCH --mem=2G\n", "#SBATCH --account=phy-lab\n",
            $"#SBATCH --output={dir}/slurm/logs/shard-%a.out\n",
            "run \"$RUN/scenario.json\" --out \"$RUN/shards/$i\" --shard \"$i/5\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"",
        })
            Assert.Contains(line, array);
        // The overrides went into the file once; the tasks do not repeat them.
        Assert.DoesNotContain("--set", array);
        Assert.DoesNotContain("--quick", array);
        Assert.DoesNotContain("symbolsPerTrial", array);

        string merge = File.ReadAllText(Path.Combine(dir, "slurm", "merge.sbatch"));
        Assert.Contains("#SBATCH --kill-on-invalid-dep=yes\n", merge);
        Assert.Contains("for ((i = 0; i < 5; i++))", merge);
        Assert.Contains("merge \"${shards[@]}\" --out \"$RUN\"\n", merge);
        Assert.Contains("verify \"$RUN\"\n", merge);
        Assert.DoesNotContain("--cpus-per-task", merge);
        string submit = File.ReadAllText(Path.Combine(dir, "slurm", "submit.sh"));
        Assert.Contains($"sbatch --parsable --array=0-4 {dir}/slurm/array.sbatch", submit);
        Assert.Contains($"sbatch --parsable --dependency=afterok:$array {dir}/slurm/merge.sbatch", submit);
        Assert.Contains("\"shards\": 5", File.ReadAllText(Path.Combine(dir, "submit.json")));

        // A scenario file is submitted as it resolves: the same file, hence the same configuration as the name + overrides.
        string file = Path.Combine(root, "ber.json");
        File.WriteAllText(file, show.Out);
        var fromFile = Cli.Phytk.Run(["submit", file, "--slurm", "--shards", "5", "--dry-run", "--out", Path.Combine(root, "fromfile")]);
        Assert.True(fromFile.Exit == 0, fromFile.Err);
        Assert.Equal(show.Out, File.ReadAllText(Path.Combine(root, "fromfile", "scenario.json")));
        Directory.Delete(root, true);
    }

    public static TheoryData<string[], string> BadOptions() => new()
    {
        { ["submit", .. Small, "--slurm", "--shards", "0"], "--shards: got '0'; allowed: an integer in [1, 96] (the sweep has 96 work units: 24 points × run.maxBlocks 4" },
        { ["submit", .. Small, "--slurm", "--shards", "97"], "--shards: got '97'; allowed: an integer in [1, 96]" },
        { ["submit", .. Small, "--slurm"], "--shards: is required" },
        { ["submit", .. Small, "--shards", "2"], "--slurm: or --k8s is required" },
        { ["submit", .. Small, "--slurm", "--k8s", "--shards", "2"], "--k8s: cannot be combined with --slurm" },
        { ["submit", "--slurm", "--shards", "2"], "scenario: is required" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--time", "soon"], "--time: got 'soon'; allowed: a positive limit in Slurm's notation" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--time", "0"], "--time: got '0'" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--mem", "0"], "--mem: got '0'; allowed: a positive integer with an optional unit K, M, G or T" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--mem", "4GB"], "--mem: got '4GB'" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--cpus-per-task", "0"], "--cpus-per-task: got '0'; allowed: an integer in [1, 4096]" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--partition", "a b"], "--partition: got 'a b'; allowed: a name of 1 to 64 letters" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--account", "-x"], "--account: got '-x'" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--image", "x"], "--image: applies to --k8s only" },
        { ["submit", .. Small, "--k8s", "--shards", "2"], "--image: is required with --k8s" },
        { ["submit", .. Small, "--k8s", "--shards", "2", "--image", "x", "--partition", "p"], "--partition: applies to --slurm only" },
        { ["submit", .. Small, "--k8s", "--shards", "2", "--image", "x", "--pvc", "Runs_PVC"], "--pvc: got 'Runs_PVC'; allowed: a Kubernetes name" },
        { ["submit", .. Small, "--slurm", "--shards", "2", "--set", "parameters.ebN0Db=[99]"], "parameters.ebN0Db[0]: got 99" },
        { ["submit", "ber-awgn-rayleigh", "--resume", "/tmp"], "scenario: cannot be combined with --resume" },
        { ["submit", "--resume", "/proc/phytk-no-such-run"], "--resume: '/proc/phytk-no-such-run' has no submit.json" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptionsExitWithCode2NamingTheOptionAndWriteNothing(string[] args, string expected)
    {
        string dir = Cli.Phytk.TempDir("submit-bad");
        string[] withOut = args.Contains("--resume") ? args : [.. args, "--out", dir, "--dry-run"];
        var (exit, _, err) = Cli.Phytk.Run(withOut);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", err);
        Assert.False(Directory.Exists(dir), "nothing is written on bad input");
    }

    [Fact]
    public void WithoutSbatchOnPathNothingIsWrittenAndDryRunIsSuggested()
    {
        string root = Cli.Phytk.TempDir("submit-nosbatch");
        string empty = Path.Combine(root, "empty-path");
        Directory.CreateDirectory(empty);
        string dir = Path.Combine(root, "run");
        var r = Phytk(new Dictionary<string, string?> { ["PATH"] = empty }, ["submit", .. Small, "--slurm", "--shards", "2", "--out", dir]);
        Assert.Equal(2, r.Exit);
        Assert.Contains("--slurm: 'sbatch' was not found on PATH", r.Err);
        Assert.Contains("--dry-run", r.Err);
        Assert.False(Directory.Exists(dir));
        Directory.Delete(root, true);
    }

    [Fact]
    public void ADirectoryOfAnotherConfigurationOrAlreadySubmittedIsRefused()
    {
        string root = Cli.Phytk.TempDir("submit-clash");
        string dir = Path.Combine(root, "run");
        Assert.Equal(0, Cli.Phytk.Run(["submit", .. Small, "--slurm", "--shards", "2", "--out", dir, "--dry-run"]).Exit);
        var other = Cli.Phytk.Run(["submit", .. Small, "--seed", "5", "--slurm", "--shards", "2", "--out", dir, "--dry-run"]);
        Assert.Equal(2, other.Exit);
        Assert.Contains("--out: '" + dir + "' holds a run of a different configuration", other.Err);

        string bin = FakeScheduler(root);
        var env = new Dictionary<string, string?> { ["PATH"] = PathWith(bin) };
        var first = Phytk(env, ["submit", .. Small, "--slurm", "--shards", "2", "--out", dir]);
        Assert.True(first.Exit == 0, first.Err);
        var again = Phytk(env, ["submit", .. Small, "--slurm", "--shards", "2", "--out", dir]);
        Assert.Equal(2, again.Exit);
        Assert.Contains("was already submitted (job 101); to rerun its unfinished shards use 'phytk submit --resume", again.Err);
        Assert.Equal(2, SbatchCalls(bin).Length); // the refused submission called nothing
        // While the scheduler still runs a task of the last submission, a resume would run a shard twice: refused.
        File.WriteAllText(Path.Combine(bin, "queued"), "");
        var busy = Phytk(env, ["submit", "--resume", dir]);
        Assert.Equal(2, busy.Exit);
        Assert.Contains("--resume: jobs of '" + dir + "' are still queued or running (101_1 RUNNING); wait for them, or cancel them (scancel 101 102)", busy.Err);
        Assert.Equal(2, SbatchCalls(bin).Length);
        Directory.Delete(root, true);
    }

    [Fact]
    public void SubmittedTasksRunByTheSchedulerAndResumedMergeToTheSingleProcessResults()
    {
        string root = Cli.Phytk.TempDir("submit-e2e");
        string dir = Path.Combine(root, "run");
        string bin = FakeScheduler(root);
        var env = new Dictionary<string, string?> { ["PATH"] = PathWith(bin) };

        var sub = Phytk(env, ["submit", .. Small, "--slurm", "--shards", "3", "--out", dir]);
        Assert.True(sub.Exit == 0, sub.Err);
        Assert.Contains("array job 101 (3 tasks, shards 0-2 of 3), merge job 102", sub.Out);
        Assert.Contains("squeue -j 101,102", sub.Out);
        string arrayScript = Path.Combine(dir, "slurm", "array.sbatch"), mergeScript = Path.Combine(dir, "slurm", "merge.sbatch");
        Assert.Equal([$"--parsable --array=0-2 {arrayScript}", $"--parsable --dependency=afterok:101 {mergeScript}"], SbatchCalls(bin));

        // The scheduler runs tasks 0 and 2; task 1 never runs (say it was cancelled).
        foreach (var i in new[] { "0", "2" })
        {
            var t = Bash(arrayScript, new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = i, ["SLURM_ARRAY_TASK_COUNT"] = "3" });
            Assert.True(t.Exit == 0, t.Err);
        }
        // Task 2 lost one block (pre-empted before it was stored): it is unfinished too.
        string lost = Directory.GetFiles(Path.Combine(dir, "shards", "2", "blocks"), "p*-b*.json").Order(StringComparer.Ordinal).First();
        File.Delete(lost);

        var dry = Phytk(env, ["submit", "--resume", dir, "--dry-run"]);
        Assert.True(dry.Exit == 0, dry.Err);
        Assert.Contains($"dry run: would submit --array=1-2 {arrayScript}", dry.Out);
        Assert.Equal(2, SbatchCalls(bin).Length);
        // What a merge job killed mid-way leaves: copies of shard blocks in the run directory, which merge would refuse.
        Directory.CreateDirectory(Path.Combine(dir, "blocks"));
        File.Copy(Directory.GetFiles(Path.Combine(dir, "shards", "0", "blocks"), "p*-b*.json")[0], Path.Combine(dir, "blocks", "p00000-b0000000.json"));

        var resume = Phytk(env, ["submit", "--resume", dir]);
        Assert.True(resume.Exit == 0, resume.Err);
        Assert.Contains("shard 1: not started (no directory)", resume.Out);
        Assert.Contains("shard 2: 31 of 32 blocks stored", resume.Out);
        Assert.Contains("1 of 3 shards finished", resume.Out);
        Assert.Contains("(copies left by a merge that did not finish; the shards keep the originals)", resume.Out);
        Assert.Contains("array job 103 (2 tasks, shards 1-2 of 3), merge job 104", resume.Out);
        Assert.Equal([$"--parsable --array=1-2 {arrayScript}", $"--parsable --dependency=afterok:103 {mergeScript}"], SbatchCalls(bin)[2..]);

        // The resubmitted array has 2 tasks (SLURM_ARRAY_TASK_COUNT=2), yet each is still shard i of 3.
        foreach (var i in new[] { "1", "2" })
        {
            var t = Bash(arrayScript, new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = i, ["SLURM_ARRAY_TASK_COUNT"] = "2" });
            Assert.True(t.Exit == 0, t.Err);
        }
        var m = Bash(mergeScript, new Dictionary<string, string?> { ["SLURM_JOB_ID"] = "104" });
        Assert.True(m.Exit == 0, m.Err);
        Assert.Contains("results.csv matches the blocks", m.Out);
        Assert.Equal(SingleProcessResults, File.ReadAllBytes(Path.Combine(dir, "results.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));

        var done = Phytk(env, ["submit", "--resume", dir]);
        Assert.True(done.Exit == 0, done.Err);
        Assert.Contains("is complete: merged and verified", done.Out);
        Assert.Equal(4, SbatchCalls(bin).Length);
        Directory.Delete(root, true);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 7, 1, 4 }, "1,4,7")]
    [InlineData(new[] { 9, 10, 0, 1, 2, 5, 5 }, "0-2,5,9-10")]
    [InlineData(new[] { 3 }, "3")]
    public void ArraySpecListsIndicesAsSlurmRanges(int[] indices, string expected) =>
        Assert.Equal(expected, SlurmJobScripts.ArraySpec(indices));

    [Theory]
    [InlineData("30", 1800)]
    [InlineData("1:30", 90)]
    [InlineData("2:00:00", 7200)]
    [InlineData("1-12", 129600)]
    [InlineData("1-0:30", 88200)]
    [InlineData("1-2:3:4", 93784)]
    public void SlurmTimeNotationsAreRead(string text, long seconds) =>
        Assert.Equal(seconds, ClusterOptions.ParseTime(text).Seconds);

    [Theory]
    [InlineData("4g", "4G", "4Gi")]
    [InlineData("500", "500", "500Mi")]
    [InlineData("512M", "512M", "512Mi")]
    public void MemoryIsNormalisedForSlurmAndKubernetes(string text, string slurm, string k8s)
    {
        Assert.Equal(slurm, ClusterOptions.ParseMem(text));
        Assert.Equal(k8s, ClusterOptions.KubernetesMemory(ClusterOptions.ParseMem(text)));
    }
}
