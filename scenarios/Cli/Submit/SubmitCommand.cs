using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.IO;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;

namespace PhyToolkit.Scenarios.Cli.Submit;

/// <summary>
/// <c>phytk submit</c>: runs a scenario as n shards on a cluster scheduler — a Slurm job array plus a dependent
/// merge-and-report job (<c>--slurm</c>, submitted with sbatch unless <c>--dry-run</c>), or a Kubernetes Indexed Job plus
/// a merge Job (<c>--k8s</c>, written only) — and <c>phytk submit --resume DIR</c>, which resubmits only the shards a
/// failed, cancelled or pre-empted task left unfinished. The numerics are those of <c>phytk run --shard i/n</c> and
/// <c>phytk merge</c>: the merged results.csv equals a single-process run's byte for byte.
/// </summary>
/// <remarks>
/// The run directory DIR holds the resolved scenario file (scenario.json, which every task runs, so command-line
/// overrides are applied once, here), submit.json (the submission record), slurm/ or k8s/ (scripts or manifests, and the
/// tasks' logs), shards/&lt;i&gt;/ (one run directory per shard) and, once merged, results.csv, figures/ and report.html.
/// </remarks>
internal static class SubmitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var target = new Argument<string?>("scenario") { Description = "A scenario name or a scenario file (.json); not with --resume.", Arity = ArgumentArity.ZeroOrOne };
        var slurm = new Option<bool>("--slurm") { Description = "Submit a Slurm job array (sbatch) and a dependent merge-and-report job." };
        var k8s = new Option<bool>("--k8s") { Description = "Write a Kubernetes Indexed Job and a merge Job (YAML, never applied)." };
        var shards = new Option<string?>("--shards") { Description = "Number of shards (array tasks), an integer in [1, work units of the sweep]." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (sbatch --partition)." };
        var time = new Option<string?>("--time") { Description = "Wall-clock limit per task in Slurm's notation, e.g. 30, 2:00:00, 1-12 (sbatch --time; a pod's activeDeadlineSeconds)." };
        var cpus = new Option<string?>("--cpus-per-task") { Description = "CPUs per task, an integer in [1, 4096]; each task runs that many threads (default 1)." };
        var mem = new Option<string?>("--mem") { Description = "Memory per task, e.g. 4G or 500M (sbatch --mem; the pod's memory request and limit)." };
        var account = new Option<string?>("--account") { Description = "Slurm account (sbatch --account)." };
        var outDir = new Option<string?>("--out") { Description = "Run directory (default: runs/<scenario>); shards go to DIR/shards/<i>, merged results to DIR." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the scripts and print the sbatch commands without submitting." };
        var resume = new Option<string?>("--resume") { Description = "Resubmit only the unfinished shards of run directory DIR, and its merge job." };
        var quick = new Option<bool>("--quick") { Description = "Reduced scale; with a scenario name only." };
        var set = new Option<string[]>("--set") { Description = "Override a field by path (repeatable); applied once, into the resolved scenario file every task runs.", AllowMultipleArgumentsPerToken = false };
        var seed = new Option<string?>("--seed") { Description = "Master seed, an integer in [0, 18446744073709551615]." };
        var image = new Option<string?>("--image") { Description = "With --k8s: container image with phytk on its PATH (required)." };
        var pvc = new Option<string?>("--pvc") { Description = "With --k8s: PersistentVolumeClaim (ReadWriteMany) holding the run directory (default phytk-runs)." };
        var phytk = new Option<string?>("--phytk") { Description = "With --slurm: the command the compute nodes run for phytk (default: this phytk, by absolute path)." };
        var cmd = new Command("submit", "Run a scenario as shards on a cluster: a Slurm job array with a dependent merge job, or a Kubernetes Indexed Job; --resume DIR reruns unfinished shards.")
            { target, slurm, k8s, shards, partition, time, cpus, mem, account, outDir, dryRun, resume, quick, set, seed, image, pvc, phytk };
        cmd.SetAction(pr => PhytkCommandLine.Guard(() =>
        {
            if (pr.GetValue(resume) is { } resumeDir)
            {
                // Everything but --dry-run (and --slurm, which it is) is fixed by the run directory.
                var fixedByDir = new (string Name, bool Given)[]
                {
                    ("scenario", pr.GetValue(target) != null), ("--k8s", pr.GetValue(k8s)), ("--shards", pr.GetValue(shards) != null),
                    ("--partition", pr.GetValue(partition) != null), ("--time", pr.GetValue(time) != null), ("--cpus-per-task", pr.GetValue(cpus) != null),
                    ("--mem", pr.GetValue(mem) != null), ("--account", pr.GetValue(account) != null), ("--out", pr.GetValue(outDir) != null),
                    ("--quick", pr.GetValue(quick)), ("--set", (pr.GetValue(set) ?? []).Length > 0), ("--seed", pr.GetValue(seed) != null),
                    ("--image", pr.GetValue(image) != null), ("--pvc", pr.GetValue(pvc) != null), ("--phytk", pr.GetValue(phytk) != null),
                };
                if (fixedByDir.FirstOrDefault(o => o.Given) is { Name: not null } extra)
                    throw new ConfigException(extra.Name, $"cannot be combined with --resume: the run directory fixes the scenario, the shards and the job scripts (resubmit with 'phytk submit --resume {resumeDir}' alone, or --dry-run)");
                return Resume(resumeDir, pr.GetValue(dryRun));
            }
            bool isSlurm = pr.GetValue(slurm), isK8s = pr.GetValue(k8s);
            if (isSlurm == isK8s)
                throw new ConfigException(isSlurm ? "--k8s" : "--slurm", isSlurm ? "cannot be combined with --slurm; choose one scheduler" : "or --k8s is required: the scheduler to write the jobs for (or --resume DIR)");
            string what = pr.GetValue(target) ?? throw new ConfigException("scenario", "is required: a scenario name (see 'phytk list') or a scenario file (.json)");
            var (scenario, config, json) = PhytkCommandLine.ResolveTarget(what, pr.GetValue(quick), pr.GetValue(set) ?? [], pr.GetValue(seed));
            var run = RunDirectory.Prepare(scenario, config);
            int points = run.Plan.Points.Count, maxBlocks = run.Plan.Stop.MaxBlocks;
            int units = checked(points * maxBlocks);
            int n = ClusterOptions.ParseShards(pr.GetValue(shards), units,
                $"{points} point{(points == 1 ? "" : "s")} × run.maxBlocks {maxBlocks}");
            var time_ = pr.GetValue(time) is { } t ? ClusterOptions.ParseTime(t) : ((string, long)?)null;
            var options = new ClusterOptions(n,
                pr.GetValue(partition) is { } p ? ClusterOptions.ParseName(p, "--partition") : null,
                time_?.Item1, time_?.Item2,
                pr.GetValue(cpus) is { } c ? ClusterOptions.ParseCpus(c) : null,
                pr.GetValue(mem) is { } m ? ClusterOptions.ParseMem(m) : null,
                pr.GetValue(account) is { } a ? ClusterOptions.ParseName(a, "--account") : null);
            string dir = Path.GetFullPath(pr.GetValue(outDir) ?? Path.Combine("runs", scenario.Name));
            string text = RunDirectory.ScenarioText(json);
            CheckRoundTrip(scenario, text);
            if (isK8s)
            {
                foreach (var (name, given) in new[] { ("--partition", options.Partition != null), ("--account", options.Account != null), ("--phytk", pr.GetValue(phytk) != null) })
                    if (given) throw new ConfigException(name, "applies to --slurm only (Kubernetes has no such setting; the image's phytk runs)");
                string img = KubernetesManifest.ParseImage(pr.GetValue(image));
                string claim = KubernetesManifest.ParseName(pr.GetValue(pvc) ?? "phytk-runs", "--pvc");
                return WriteKubernetes(scenario.Name, text, dir, options, img, claim);
            }
            foreach (var (name, given) in new[] { ("--image", pr.GetValue(image) != null), ("--pvc", pr.GetValue(pvc) != null) })
                if (given) throw new ConfigException(name, "applies to --k8s only");
            var command = pr.GetValue(phytk) is { } pc ? ParseCommand(pc) : SelfCommand();
            return SubmitSlurm(scenario.Name, text, dir, options, command, pr.GetValue(dryRun));
        }));
        return cmd;
    }

    /// <summary>The resolved file, read back as a scenario file, must resolve to itself: every task then runs exactly it.</summary>
    private static void CheckRoundTrip(IScenario scenario, string text)
    {
        var file = ScenarioConfigResolver.ParseFile(text, RunDirectory.ScenarioFile);
        var (_, again) = ScenarioConfigResolver.Resolve(scenario.DefaultConfig(false), file, [], null);
        if (RunDirectory.ScenarioText(again) != text)
            throw new InvalidOperationException($"the resolved scenario file of '{scenario.Name}' does not read back as itself; the shards would run another configuration");
    }

    /// <summary>The command that runs this phytk: the apphost by absolute path, or "dotnet phytk.dll".</summary>
    private static IReadOnlyList<string> SelfCommand()
    {
        string? process = Environment.ProcessPath;
        string dll = typeof(SubmitCommand).Assembly.Location;
        if (process != null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase) && dll.Length > 0)
            return [process, dll];
        return [process ?? "phytk"];
    }

    private static IReadOnlyList<string> ParseCommand(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || text.Any(char.IsControl))
            throw new ConfigException("--phytk", $"got '{text}'; allowed: the command that runs phytk on the compute nodes, words separated by spaces (e.g. /opt/phytk/phytk)");
        return words;
    }

    /// <summary>
    /// Checks the run directory before anything is written: a directory of another configuration, one already submitted,
    /// or one with shards of another shard count is refused.
    /// </summary>
    private static void CheckDirectory(string dir, string text, int shards, string scheduler)
    {
        string sp = Path.Combine(dir, RunDirectory.ScenarioFile);
        if (File.Exists(sp) && RunDirectory.Hash(File.ReadAllText(sp)) != RunDirectory.Hash(text))
            throw new ConfigException("--out", $"'{dir}' holds a run of a different configuration ({RunDirectory.ScenarioFile} differs); use another --out");
        if (!File.Exists(sp) && Directory.Exists(Path.Combine(dir, RunDirectory.BlocksFolder)))
            throw new ConfigException("--out", $"'{dir}' holds blocks but no {RunDirectory.ScenarioFile}; it is not a run directory submit can use (use another --out)");
        if (SubmitRecord.Read(dir) is { } rec)
        {
            if (rec.Submissions.Count > 0)
                throw new ConfigException("--out", $"'{dir}' was already submitted (job {rec.Submissions[^1].ArrayJob ?? rec.Submissions[^1].MergeJob}); to rerun its unfinished shards use 'phytk submit --resume {dir}', or use another --out");
            string shardsDir = Path.Combine(dir, SlurmJobScripts.ShardsFolder);
            if ((rec.Shards != shards || rec.Scheduler != scheduler) && Directory.Exists(shardsDir) && Directory.EnumerateFileSystemEntries(shardsDir).Any())
                throw new ConfigException("--shards", $"'{dir}' holds shards of a {rec.Scheduler} run in {rec.Shards} shards, not {shards}; use another --out");
        }
    }

    private static int SubmitSlurm(string scenario, string text, string dir, ClusterOptions options, IReadOnlyList<string> phytk, bool dryRun)
    {
        if (dir.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '%' or '\'' or '"' or '$' or '`' or '\\'))
            throw new ConfigException("--out", $"'{dir}' holds a space, quote, '%', '$', '`' or '\\', which #SBATCH lines cannot carry; use a plain path");
        string? sbatch = dryRun ? null : SchedulerTools.Sbatch(); // before anything is written
        CheckDirectory(dir, text, options.Shards, "slurm");
        string hash = RunDirectory.Hash(text);
        string slurmDir = Path.Combine(dir, SlurmJobScripts.Folder);
        using (var dirLock = RunLock.Acquire(dir))
        {
            Directory.CreateDirectory(Path.Combine(slurmDir, SlurmJobScripts.LogsFolder));
            Directory.CreateDirectory(Path.Combine(dir, SlurmJobScripts.ShardsFolder));
            AtomicFile.WriteAllText(Path.Combine(dir, RunDirectory.ScenarioFile), text);
            WriteScript(Path.Combine(slurmDir, SlurmJobScripts.ArrayFile), SlurmJobScripts.ArrayScript(dir, scenario, options, phytk));
            WriteScript(Path.Combine(slurmDir, SlurmJobScripts.MergeFile), SlurmJobScripts.MergeScript(dir, scenario, options, phytk));
            WriteScript(Path.Combine(slurmDir, SlurmJobScripts.SubmitFile), SlurmJobScripts.SubmitScript(dir, options.Shards));
            AtomicFile.WriteAllText(Path.Combine(dir, SubmitRecord.FileName),
                new SubmitRecord { Scheduler = "slurm", Scenario = scenario, ConfigHash = hash, Shards = options.Shards }.ToJson());
        }
        string all = SlurmJobScripts.ArraySpec(Enumerable.Range(0, options.Shards));
        Console.Out.WriteLine($"wrote {Path.Combine(dir, RunDirectory.ScenarioFile)} (the resolved scenario every task runs) and {slurmDir}/{{{SlurmJobScripts.ArrayFile},{SlurmJobScripts.MergeFile},{SlurmJobScripts.SubmitFile}}}");
        if (sbatch is null)
        {
            Console.Out.WriteLine($"dry run: nothing submitted; to submit: bash {Path.Combine(slurmDir, SlurmJobScripts.SubmitFile)}");
            Console.Out.WriteLine($"  sbatch --parsable --array={all} {Path.Combine(slurmDir, SlurmJobScripts.ArrayFile)}");
            Console.Out.WriteLine($"  sbatch --parsable --dependency=afterok:<array job> {Path.Combine(slurmDir, SlurmJobScripts.MergeFile)}");
            return PhytkCommandLine.Ok;
        }
        return SubmitJobs(sbatch, dir, scenario, Enumerable.Range(0, options.Shards).ToList(), options.Shards);
    }

    /// <summary>Submits the array (the given indices) and the merge job after it; records and prints both.</summary>
    private static int SubmitJobs(string sbatch, string dir, string scenario, IReadOnlyList<int> indices, int shards)
    {
        string slurmDir = Path.Combine(dir, SlurmJobScripts.Folder);
        string? arrayJob = null, spec = null;
        if (indices.Count > 0)
        {
            spec = SlurmJobScripts.ArraySpec(indices);
            arrayJob = SchedulerTools.Submit(sbatch, [$"--array={spec}", Path.Combine(slurmDir, SlurmJobScripts.ArrayFile)]);
        }
        string mergeJob;
        try
        {
            mergeJob = SchedulerTools.Submit(sbatch, arrayJob is null ? [Path.Combine(slurmDir, SlurmJobScripts.MergeFile)]
                : [$"--dependency=afterok:{arrayJob}", Path.Combine(slurmDir, SlurmJobScripts.MergeFile)]);
        }
        catch (InvalidOperationException e) when (arrayJob != null)
        {
            Record(dir, new SubmitRecord.Submission(Now(), spec, arrayJob, null));
            throw new InvalidOperationException($"array job {arrayJob} was submitted, but the merge job was not: {e.Message}; once the array has finished, 'phytk submit --resume {dir}' submits the merge");
        }
        Record(dir, new SubmitRecord.Submission(Now(), spec, arrayJob, mergeJob));
        string jobs = arrayJob is null ? mergeJob : $"{arrayJob},{mergeJob}";
        if (arrayJob != null)
            Console.Out.WriteLine($"submitted {scenario}: array job {arrayJob} ({indices.Count} task{(indices.Count == 1 ? "" : "s")}, shard{(indices.Count == 1 ? "" : "s")} {spec} of {shards}), merge job {mergeJob} (runs when every task has succeeded)");
        else
            Console.Out.WriteLine($"submitted {scenario}: merge job {mergeJob} (every shard is finished)");
        Console.Out.WriteLine($"watch:   squeue -j {jobs}   or   sacct -j {jobs} --format=JobID,JobName,State,Elapsed,ExitCode");
        Console.Out.WriteLine($"logs:    {Path.Combine(slurmDir, SlurmJobScripts.LogsFolder)}/");
        Console.Out.WriteLine($"results: {Path.Combine(dir, RunDirectory.ResultsFile)} and {Path.Combine(dir, RunDirectory.ReportFile)} once job {mergeJob} has finished");
        Console.Out.WriteLine($"if a task fails or is cancelled: phytk submit --resume {dir}");
        return PhytkCommandLine.Ok;
    }

    private static int Resume(string dir, bool dryRun)
    {
        dir = Path.GetFullPath(dir);
        var rec = SubmitRecord.Read(dir) ?? throw new ConfigException("--resume", $"'{dir}' has no {SubmitRecord.FileName}; it is not a run directory written by 'phytk submit'");
        if (rec.Scheduler != "slurm")
            throw new ConfigException("--resume", $"'{dir}' was written for {rec.Scheduler}; there, each completion index is retried by the Job itself (re-apply {KubernetesManifest.Folder}/{KubernetesManifest.ShardsFile} after deleting the Job: finished blocks are kept)");
        string sp = Path.Combine(dir, RunDirectory.ScenarioFile);
        if (!File.Exists(sp)) throw new ConfigException("--resume", $"'{dir}' has no {RunDirectory.ScenarioFile}");
        string text = File.ReadAllText(sp);
        if (RunDirectory.Hash(text) != rec.ConfigHash)
            throw new ConfigException(sp, $"is not the file that was submitted (its SHA-256 differs from {SubmitRecord.FileName}'s configHash); it was edited");
        var config = ConfigBinder.Bind<ScenarioConfig>(ScenarioConfigResolver.ParseFile(text, sp), "");
        var scenario = ScenarioCatalog.Find(config.Scenario);
        var run = RunDirectory.Prepare(scenario, config);
        string? sbatch = dryRun ? null : SchedulerTools.Sbatch();
        CheckNothingQueued(dir, rec);

        List<int> missing;
        using (var dirLock = RunLock.Acquire(dir, "--resume"))
        {
            if (File.Exists(Path.Combine(dir, RunDirectory.ResultsFile)))
            {
                var v = RunDirectory.Verify(dir, ScenarioCatalog.Find);
                if (v.Ok && v.ResultsChecked)
                {
                    Console.Out.WriteLine($"{dir} is complete: merged and verified ({v.Blocks} blocks; results.csv matches them); nothing to resubmit");
                    return PhytkCommandLine.Ok;
                }
            }
            var states = ShardCompletion.Inspect(run.Plan, text, config, rec.Shards, i => ShardDirectory(dir, i));
            missing = states.Where(s => !s.Finished).Select(s => s.Index).ToList();
            foreach (var s in states.Where(s => !s.Finished).Take(20))
                Console.Out.WriteLine($"shard {s.Index}: {s.Reason}");
            if (missing.Count > 20) Console.Out.WriteLine($"... and {missing.Count - 20} more unfinished shards");
            Console.Out.WriteLine($"{states.Count - missing.Count} of {rec.Shards} shards finished");
            string blocks = Path.Combine(dir, RunDirectory.BlocksFolder);
            if (Directory.Exists(blocks) && !dryRun)
            {
                // A merge that did not finish leaves copies of shard blocks here, and merge refuses a directory with blocks.
                Directory.Delete(blocks, recursive: true);
                Console.Out.WriteLine($"removed {blocks} (copies left by a merge that did not finish; the shards keep the originals)");
            }
            if (dryRun)
            {
                Console.Out.WriteLine(missing.Count > 0
                    ? $"dry run: would submit --array={SlurmJobScripts.ArraySpec(missing)} {Path.Combine(dir, SlurmJobScripts.Folder, SlurmJobScripts.ArrayFile)} and the merge job after it"
                    : $"dry run: would submit the merge job {Path.Combine(dir, SlurmJobScripts.Folder, SlurmJobScripts.MergeFile)}");
                return PhytkCommandLine.Ok;
            }
        }
        return SubmitJobs(sbatch!, dir, config.Scenario, missing, rec.Shards);
    }

    /// <summary>
    /// Refuses to resume while the last submission still has jobs in the queue (a second task on the same shard would
    /// be refused by its lock, and the old merge job could run after the new one). Without squeue, or when it cannot
    /// answer, a note says so and the check is skipped.
    /// </summary>
    private static void CheckNothingQueued(string dir, SubmitRecord rec)
    {
        if (rec.Submissions.Count == 0) return;
        var last = rec.Submissions[^1];
        var ids = new[] { last.ArrayJob, last.MergeJob }.Where(i => i != null).ToList();
        if (ids.Count == 0) return;
        string? squeue = SchedulerTools.FindOnPath("squeue");
        if (squeue is null)
        {
            Console.Error.WriteLine($"phytk: note: squeue is not on PATH, so whether jobs {string.Join(",", ids)} are still queued was not checked");
            return;
        }
        var (exit, output, err) = SchedulerTools.Run(squeue, ["--noheader", "--array", $"--jobs={string.Join(",", ids)}", "--format=%i %T"]);
        if (exit != 0)
        {
            // squeue refuses job ids it no longer knows (finished long ago) as well as failing to reach the controller.
            Console.Error.WriteLine($"phytk: note: squeue could not list jobs {string.Join(",", ids)} ({PhytkCommandLine.OneLine(err.Trim())}); make sure none of them is still running");
            return;
        }
        var queued = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (queued.Count > 0)
            throw new ConfigException("--resume", $"jobs of '{dir}' are still queued or running ({string.Join(", ", queued.Take(5))}{(queued.Count > 5 ? ", ..." : "")}); wait for them, or cancel them (scancel {string.Join(" ", ids)}) and resume");
    }

    private static int WriteKubernetes(string scenario, string text, string dir, ClusterOptions options, string image, string pvc)
    {
        string runName = Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
        if (!System.Text.RegularExpressions.Regex.IsMatch(runName, "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"))
            throw new ConfigException("--out", $"the run directory's name '{runName}' becomes {KubernetesManifest.RunsMount}/{runName} on the volume; allowed: letters, digits, '_', '.' and '-'");
        CheckDirectory(dir, text, options.Shards, "kubernetes");
        string hash = RunDirectory.Hash(text);
        var inputs = new KubernetesManifest.Inputs(KubernetesManifest.JobName(scenario, hash), scenario, text, runName, options, image, pvc);
        string k8sDir = Path.Combine(dir, KubernetesManifest.Folder);
        using (var dirLock = RunLock.Acquire(dir))
        {
            Directory.CreateDirectory(k8sDir);
            AtomicFile.WriteAllText(Path.Combine(dir, RunDirectory.ScenarioFile), text);
            AtomicFile.WriteAllText(Path.Combine(k8sDir, KubernetesManifest.ShardsFile), KubernetesManifest.Shards(inputs));
            AtomicFile.WriteAllText(Path.Combine(k8sDir, KubernetesManifest.MergeFile), KubernetesManifest.Merge(inputs));
            AtomicFile.WriteAllText(Path.Combine(dir, SubmitRecord.FileName),
                new SubmitRecord { Scheduler = "kubernetes", Scenario = scenario, ConfigHash = hash, Shards = options.Shards }.ToJson());
        }
        Console.Out.WriteLine($"wrote {Path.Combine(k8sDir, KubernetesManifest.ShardsFile)} (ConfigMap + Indexed Job {inputs.JobName}, {options.Shards} completions) and {Path.Combine(k8sDir, KubernetesManifest.MergeFile)} (merge Job); nothing was applied");
        Console.Out.WriteLine($"the run directory on PersistentVolumeClaim '{pvc}' (ReadWriteMany) is {KubernetesManifest.RunsMount}/{runName}; then:");
        Console.Out.WriteLine($"  kubectl apply -f {Path.Combine(k8sDir, KubernetesManifest.ShardsFile)}");
        Console.Out.WriteLine($"  kubectl get job {inputs.JobName} -w   (kubectl logs job/{inputs.JobName} for a pod's output)");
        Console.Out.WriteLine($"  kubectl wait --for=condition=complete --timeout=-1s job/{inputs.JobName} && kubectl apply -f {Path.Combine(k8sDir, KubernetesManifest.MergeFile)}");
        return PhytkCommandLine.Ok;
    }

    /// <summary>The run directory of shard <paramref name="index"/> inside a submitted run directory.</summary>
    public static string ShardDirectory(string runDirectory, int index) =>
        Path.Combine(runDirectory, SlurmJobScripts.ShardsFolder, index.ToString(CultureInfo.InvariantCulture));

    private static void WriteScript(string path, string text)
    {
        AtomicFile.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
    }

    private static void Record(string dir, SubmitRecord.Submission submission)
    {
        var rec = SubmitRecord.Read(dir)!;
        AtomicFile.WriteAllText(Path.Combine(dir, SubmitRecord.FileName), (rec with { Submissions = [.. rec.Submissions, submission] }).ToJson());
    }

    private static string Now() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
