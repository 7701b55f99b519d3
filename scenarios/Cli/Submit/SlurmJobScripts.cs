using System.Globalization;
using System.Text;

namespace PhyToolkit.Scenarios.Cli.Submit;

/// <summary>
/// The batch scripts <c>phytk submit --slurm</c> writes into <c>DIR/slurm/</c>: a job array whose task i runs shard i of n
/// (<c>phytk run DIR/scenario.json --out DIR/shards/i --shard i/n</c>, the resolved file, so every task runs the identical
/// configuration), a merge job that merges the shards into DIR and verifies it, and <c>submit.sh</c> with the sbatch
/// commands (what submit runs; for a dry run, to run by hand).
/// </summary>
/// <remarks>
/// The shard is passed as <c>--shard $SLURM_ARRAY_TASK_ID/n</c> rather than read from SLURM_ARRAY_TASK_COUNT: a
/// resubmission of some indices (<c>--array=1,4,7</c>) has a task count of 3, but each task is still shard i of n.
/// The array is <c>--requeue</c>able, so a pre-empted task is requeued and, its finished blocks being stored, resumes
/// where it stopped; logs are opened in append mode for the same reason. The merge job carries
/// <c>--kill-on-invalid-dep=yes</c>: when a task fails its dependency can never be met and Slurm removes it, and
/// <c>phytk submit --resume DIR</c> submits a new one.
/// </remarks>
internal static class SlurmJobScripts
{
    /// <summary>Folder (inside the run directory) of the scripts, and its files.</summary>
    public const string Folder = "slurm", ArrayFile = "array.sbatch", MergeFile = "merge.sbatch", SubmitFile = "submit.sh", LogsFolder = "logs";

    /// <summary>Folder (inside the run directory) holding one run directory per shard, named by its index.</summary>
    public const string ShardsFolder = "shards";

    /// <summary>The job-array script.</summary>
    /// <param name="runDirectory">Absolute run directory.</param>
    /// <param name="scenario">Scenario name (job name).</param>
    /// <param name="options">Validated options.</param>
    /// <param name="phytk">The command that runs phytk on the compute nodes (words).</param>
    public static string ArrayScript(string runDirectory, string scenario, ClusterOptions options, IReadOnlyList<string> phytk)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"# phytk submit: task i of this array runs shard i of {options.Shards} of '{scenario}' from the resolved scenario file.\n");
        sb.Append("# A rerun of a task (requeue, or 'phytk submit --resume') skips the blocks its shard has already stored.\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=phytk-{scenario}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --array={ArraySpec(Enumerable.Range(0, options.Shards))}\n");
        sb.Append("#SBATCH --requeue\n");
        sb.Append("#SBATCH --open-mode=append\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(runDirectory, Folder, LogsFolder)}/shard-%a.out\n");
        Resources(sb, options, perTaskCpus: true);
        sb.Append("set -euo pipefail\n");
        sb.Append(CultureInfo.InvariantCulture, $"RUN={Quote(runDirectory)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"PHYTK=({string.Join(' ', phytk.Select(Quote))})\n");
        sb.Append("i=\"${SLURM_ARRAY_TASK_ID:?runs as a task of a Slurm job array (sbatch --array)}\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"exec \"${{PHYTK[@]}}\" run \"$RUN/scenario.json\" --out \"$RUN/{ShardsFolder}/$i\" --shard \"$i/{options.Shards}\" --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" --no-progress\n");
        return sb.ToString();
    }

    /// <summary>The merge-and-report job: merges every shard into the run directory (results.csv, figures, report.html)
    /// and verifies the result.</summary>
    public static string MergeScript(string runDirectory, string scenario, ClusterOptions options, IReadOnlyList<string> phytk)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"# phytk submit: merges the {options.Shards} shards of '{scenario}' into the run directory, writes results.csv,\n");
        sb.Append("# figures/ and report.html, and verifies them. Submitted with --dependency=afterok:<array job>.\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=phytk-{scenario}-merge\n");
        sb.Append("#SBATCH --kill-on-invalid-dep=yes\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(runDirectory, Folder, LogsFolder)}/merge-%j.out\n");
        Resources(sb, options, perTaskCpus: false);
        sb.Append("set -euo pipefail\n");
        sb.Append(CultureInfo.InvariantCulture, $"RUN={Quote(runDirectory)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"PHYTK=({string.Join(' ', phytk.Select(Quote))})\n");
        sb.Append("shards=()\n");
        sb.Append(CultureInfo.InvariantCulture, $"for ((i = 0; i < {options.Shards}; i++)); do shards+=(\"$RUN/{ShardsFolder}/$i\"); done\n");
        sb.Append("\"${PHYTK[@]}\" merge \"${shards[@]}\" --out \"$RUN\"\n");
        sb.Append("\"${PHYTK[@]}\" verify \"$RUN\"\n");
        return sb.ToString();
    }

    /// <summary>submit.sh: the two sbatch calls (array, then the merge job after every task succeeded).</summary>
    public static string SubmitScript(string runDirectory, int shards)
    {
        string array = Quote(Path.Combine(runDirectory, Folder, ArrayFile)), merge = Quote(Path.Combine(runDirectory, Folder, MergeFile));
        return "#!/bin/bash\n"
            + "# The submission 'phytk submit' makes (or would make, with --dry-run). To rerun unfinished shards only, use\n"
            + "# 'phytk submit --resume <run directory>' instead of running this again.\n"
            + "set -euo pipefail\n"
            + $"array=$(sbatch --parsable --array={ArraySpec(Enumerable.Range(0, shards))} {array})\n"
            + "array=${array%%;*}\n"
            + $"merge=$(sbatch --parsable --dependency=afterok:$array {merge})\n"
            + "echo \"array job $array, merge job ${merge%%;*}\"\n";
    }

    private static void Resources(StringBuilder sb, ClusterOptions o, bool perTaskCpus)
    {
        if (o.Partition is { } p) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={p}\n");
        if (o.Account is { } a) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --account={a}\n");
        if (o.Time is { } t) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={t}\n");
        if (perTaskCpus && o.CpusPerTask is { } c) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={c}\n");
        if (o.Mem is { } m) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={m}\n");
    }

    /// <summary>
    /// Slurm's compact index list for <c>sbatch --array</c>: ascending, runs of consecutive indices as ranges
    /// ("0-3", "1,4,7", "0-2,5,9-10").
    /// </summary>
    /// <param name="indices">Non-negative indices (any order; repeats are dropped); at least one.</param>
    public static string ArraySpec(IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var sorted = indices.Distinct().Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("no indices", nameof(indices));
        if (sorted[0] < 0) throw new ArgumentOutOfRangeException(nameof(indices), "indices must be non-negative");
        var parts = new List<string>();
        int start = sorted[0], prev = sorted[0];
        foreach (int i in sorted.Skip(1))
        {
            if (i == prev + 1) { prev = i; continue; }
            parts.Add(Range(start, prev));
            start = prev = i;
        }
        parts.Add(Range(start, prev));
        return string.Join(",", parts);

        static string Range(int a, int b) => a == b ? a.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{a}-{b}");
    }

    /// <summary>A word for bash: as is when it holds only safe characters, else single-quoted.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '=' or ',' or '@')
            ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
