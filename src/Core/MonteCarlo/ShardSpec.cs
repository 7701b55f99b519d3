using System.Globalization;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// Shard i of n: it runs the work units (point p, block b) whose index <c>p·maxBlocks + b</c> is ≡ i (mod n), with every
/// point given its full block budget; <c>phytk merge</c> then applies the stopping rules.
/// </summary>
/// <param name="Index">Zero-based shard index, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">Number of shards, ≥ 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Whether shard <see cref="Index"/> owns unit (point, block).</summary>
    public bool Owns(int point, int block, int maxBlocks) => ((long)point * maxBlocks + block) % Count == Index;

    /// <summary>Parses "i/n" (0 ≤ i &lt; n).</summary>
    /// <exception cref="ConfigException">Malformed or out of range; names <paramref name="source"/>.</exception>
    public static ShardSpec Parse(string text, string source = "--shard")
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new ConfigException(source, $"got '{text}'; allowed: i/n with integers 0 ≤ i < n, e.g. 0/4");
        if (n < 1 || i >= n)
            throw new ConfigException(source, $"got '{text}'; allowed: i/n with 0 ≤ i < n and n ≥ 1");
        return new ShardSpec(i, n);
    }

    /// <summary>
    /// The shard from the environment: SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT (or SLURM_ARRAY_TASK_MAX + 1 when
    /// the array starts at 0), or JOB_COMPLETION_INDEX with JOB_COMPLETIONS / PHYTK_SHARD_COUNT (Kubernetes indexed jobs).
    /// </summary>
    public static ShardSpec? FromEnvironment(Func<string, string?> env)
    {
        string? slurmId = env("SLURM_ARRAY_TASK_ID");
        if (!string.IsNullOrEmpty(slurmId))
        {
            string? count = env("SLURM_ARRAY_TASK_COUNT");
            if (string.IsNullOrEmpty(count))
            {
                string? max = env("SLURM_ARRAY_TASK_MAX");
                if (!string.IsNullOrEmpty(max) && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out int mx))
                    count = (mx + 1).ToString(CultureInfo.InvariantCulture);
            }
            if (string.IsNullOrEmpty(count)) throw new ConfigException("SLURM_ARRAY_TASK_COUNT", "is not set, but SLURM_ARRAY_TASK_ID is; set both or pass --shard i/n");
            return Parse(slurmId + "/" + count, "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
        }
        string? k8s = env("JOB_COMPLETION_INDEX");
        if (!string.IsNullOrEmpty(k8s))
        {
            string? count = env("PHYTK_SHARD_COUNT") ?? env("JOB_COMPLETIONS");
            if (string.IsNullOrEmpty(count)) throw new ConfigException("PHYTK_SHARD_COUNT", "is not set, but JOB_COMPLETION_INDEX is; set PHYTK_SHARD_COUNT (or JOB_COMPLETIONS) or pass --shard i/n");
            return Parse(k8s + "/" + count, "JOB_COMPLETION_INDEX/PHYTK_SHARD_COUNT");
        }
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
