namespace PhyToolkit.Core.MonteCarlo;

/// <summary>How the engine executes a plan (never what it computes: results do not depend on these).</summary>
public sealed record EngineOptions
{
    /// <summary>Worker threads (≥ 1); default all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Shard of the work to run, or null for all of it.</summary>
    public ShardSpec? Shard { get; init; }
    /// <summary>Wall-clock limit; unfinished points end with <see cref="PointStatus.TimeLimit"/> and can be resumed.</summary>
    public TimeSpan? MaxTime { get; init; }
    /// <summary>
    /// At the time limit or on cancellation, return without waiting for blocks still running (they are discarded when they
    /// end, never stored). Bounds <see cref="MaxTime"/> for blocks that do not check <see cref="BlockContext.Cancellation"/>;
    /// meant for a process that exits after the run (the command line), since abandoned blocks keep their threads busy
    /// until they end.
    /// </summary>
    public bool AbandonBlocksAtTimeLimit { get; init; }
    /// <summary>Progress reports (one per finished block and per finished point).</summary>
    public IProgress<EngineProgress>? Progress { get; init; }
    /// <summary>Cancellation: returns the partial results; finished blocks stay stored.</summary>
    public CancellationToken Cancellation { get; init; }
    /// <summary>Compute back-end requested for batched kernels (<see cref="Compute.ComputeBackendChoice"/>), passed to every
    /// block and recorded in manifest.json; back-ends agree to round-off.</summary>
    public Compute.ComputeBackendKind Backend { get; init; } = Compute.ComputeBackendKind.Auto;
}

/// <summary>A progress report.</summary>
/// <param name="PointIndex">The point concerned.</param>
/// <param name="Label">The point's label.</param>
/// <param name="BlocksDone">Blocks of the point counted so far.</param>
/// <param name="BlocksPlanned">Upper bound on blocks for the point.</param>
/// <param name="UnitsDone">Blocks finished in the whole run.</param>
/// <param name="UnitsPlanned">Blocks planned in the whole run so far (grows under adaptive stopping).</param>
/// <param name="FinishedStatus">Set when the point has just finished.</param>
public sealed record EngineProgress(int PointIndex, string Label, int BlocksDone, int BlocksPlanned, long UnitsDone, long UnitsPlanned, PointStatus? FinishedStatus);
