using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// The documented maxima of a run, checked before any work so that an accepted scenario file cannot exhaust memory or
/// disk: every stored block is one file and is held in memory while the run reduces it, and every point becomes rows,
/// figure data and report text.
/// </summary>
/// <remarks>Our choice: about ten times the largest default sweep (213 points; the largest default block budget is 4,400
/// blocks), so that a run, its reduction and its report fit in a few GiB of memory.</remarks>
public static class RunLimits
{
    /// <summary>Maximum number of sweep points of a run.</summary>
    public const int MaxPoints = 2_000;
    /// <summary>Maximum <c>run.maxBlocks</c> (blocks per point).</summary>
    public const int MaxBlocksPerPoint = 1_000_000;
    /// <summary>Maximum <c>run.trialsPerBlock</c>.</summary>
    public const int MaxTrialsPerBlock = 100_000_000;
    /// <summary>Maximum total block budget, points × <c>run.maxBlocks</c> (one file and one in-memory record per block).</summary>
    public const long MaxTotalBlocks = 1_000_000;

    /// <summary>Checks a plan against the limits.</summary>
    /// <exception cref="ConfigException">A limit is exceeded (names the field, the value and the maximum).</exception>
    public static void Check(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Points.Count > MaxPoints)
            throw new ConfigException("parameters", $"the sweep has {plan.Points.Count} points; allowed: at most {MaxPoints} (shorten the sweep lists, or split the sweep into several runs)");
        Configuration.Check.InRange(plan.TrialsPerBlock, 1, MaxTrialsPerBlock, "run.trialsPerBlock");
        Configuration.Check.InRange(plan.Stop.MaxBlocks, 1, MaxBlocksPerPoint, "run.maxBlocks");
        long total = (long)plan.Points.Count * plan.Stop.MaxBlocks;
        if (total > MaxTotalBlocks)
            throw new ConfigException("run.maxBlocks", $"got {plan.Stop.MaxBlocks} for {plan.Points.Count} points, a budget of {total} blocks; allowed: points × maxBlocks ≤ {MaxTotalBlocks} (at most {MaxTotalBlocks / plan.Points.Count} blocks per point here; raise run.trialsPerBlock instead)");
    }
}
