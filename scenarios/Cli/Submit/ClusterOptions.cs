using System.Globalization;
using System.Text.RegularExpressions;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Cli.Submit;

/// <summary>
/// The validated scheduler options of <c>phytk submit</c>: every value is checked here, before anything is written or
/// submitted, and a bad one is a <see cref="ConfigException"/> naming the option, the value and what is allowed (exit 2).
/// </summary>
/// <param name="Shards">Number of shards n (array tasks or Job completions), 1 ≤ n ≤ the sweep's work units.</param>
/// <param name="Partition">Slurm partition (sbatch --partition), or null for the cluster's default.</param>
/// <param name="Time">Wall-clock limit in Slurm's notation (sbatch --time), or null.</param>
/// <param name="TimeSeconds">The same limit in seconds (a Kubernetes pod's activeDeadlineSeconds), or null.</param>
/// <param name="CpusPerTask">CPUs per task (sbatch --cpus-per-task; the task runs that many threads), or null (one).</param>
/// <param name="Mem">Memory per task in Slurm's notation (sbatch --mem; a bare number is megabytes), or null.</param>
/// <param name="Account">Slurm account (sbatch --account), or null.</param>
internal sealed record ClusterOptions(int Shards, string? Partition, string? Time, long? TimeSeconds, int? CpusPerTask, string? Mem, string? Account)
{
    /// <summary>Largest --cpus-per-task accepted (the same bound as phytk run --threads).</summary>
    public const int MaxCpus = 4096;

    /// <summary>Parses --shards: an integer in [1, <paramref name="units"/>].</summary>
    /// <param name="text">The value given.</param>
    /// <param name="units">Work units of the sweep (points × run.maxBlocks): a shard with no unit would do nothing.</param>
    /// <param name="unitsDescription">How the units come about, e.g. "24 points × 2 blocks".</param>
    public static int ParseShards(string? text, int units, string unitsDescription)
    {
        if (text is null) throw new ConfigException("--shards", $"is required: the number of array tasks, an integer in [1, {units}] ({unitsDescription})");
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > units)
            throw new ConfigException("--shards", $"got '{text}'; allowed: an integer in [1, {units}] (the sweep has {units} work units: {unitsDescription}; a shard takes every n-th unit)");
        return n;
    }

    /// <summary>Parses --cpus-per-task: an integer in [1, 4096].</summary>
    public static int ParseCpus(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c >= 1 && c <= MaxCpus ? c
        : throw new ConfigException("--cpus-per-task", $"got '{text}'; allowed: an integer in [1, {MaxCpus}]");

    private static readonly Regex SlurmName = new("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant);

    /// <summary>Parses a Slurm partition or account name: letters, digits, '_', '.', '-' (1 to 64 characters).</summary>
    public static string ParseName(string text, string option) =>
        SlurmName.IsMatch(text) ? text
        : throw new ConfigException(option, $"got '{text}'; allowed: a name of 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");

    private static readonly Regex SlurmTime = new(@"^(?:(?<d>\d{1,4})-(?<h>\d{1,2})(?::(?<m>\d{1,2})(?::(?<s>\d{1,2}))?)?|(?<a>\d{1,6})(?::(?<b>\d{1,2})(?::(?<c>\d{1,2}))?)?)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Parses --time in Slurm's notation (sbatch(1)): "minutes", "minutes:seconds", "hours:minutes:seconds", "days-hours",
    /// "days-hours:minutes" or "days-hours:minutes:seconds"; positive.
    /// </summary>
    /// <returns>The text as given and the limit in seconds.</returns>
    public static (string Text, long Seconds) ParseTime(string text)
    {
        var m = SlurmTime.Match(text.Trim());
        long seconds = -1;
        if (m.Success)
        {
            static long N(Group g) => g.Success ? long.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
            if (m.Groups["d"].Success) seconds = ((N(m.Groups["d"]) * 24 + N(m.Groups["h"])) * 60 + N(m.Groups["m"])) * 60 + N(m.Groups["s"]);
            else if (m.Groups["c"].Success) seconds = (N(m.Groups["a"]) * 60 + N(m.Groups["b"])) * 60 + N(m.Groups["c"]);
            else seconds = N(m.Groups["a"]) * 60 + N(m.Groups["b"]);
        }
        if (seconds <= 0)
            throw new ConfigException("--time", $"got '{text}'; allowed: a positive limit in Slurm's notation: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes or days-hours:minutes:seconds (e.g. 30, 2:00:00, 1-12)");
        return (text.Trim(), seconds);
    }

    private static readonly Regex SlurmMem = new("^(?<n>[0-9]{1,9})(?<u>[KMGTkmgt]?)$", RegexOptions.CultureInvariant);

    /// <summary>Parses --mem in Slurm's notation: a positive integer with an optional unit K, M, G or T (bare: megabytes).</summary>
    public static string ParseMem(string text)
    {
        var m = SlurmMem.Match(text.Trim());
        if (!m.Success || long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) < 1)
            throw new ConfigException("--mem", $"got '{text}'; allowed: a positive integer with an optional unit K, M, G or T (a bare number is megabytes), e.g. 4G or 500M");
        return m.Groups["n"].Value + m.Groups["u"].Value.ToUpperInvariant();
    }

    /// <summary>A Slurm --mem value as a Kubernetes quantity (binary units: 4G → 4Gi; a bare number is Mi).</summary>
    public static string KubernetesMemory(string slurmMem)
    {
        char last = slurmMem[^1];
        return char.IsDigit(last) ? slurmMem + "Mi" : slurmMem[..^1] + last + "i";
    }
}
