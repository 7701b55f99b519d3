namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// Everything a block needs: which point and block it is, how many trials to run, and its own seed
/// <c>Mix(masterSeed, scenarioHash, pointIndex, blockIndex)</c> (never derived from a thread, worker or shard).
/// </summary>
public readonly struct BlockContext
{
    /// <summary>Creates a block context.</summary>
    public BlockContext(int pointIndex, int blockIndex, int trials, ulong seed, CancellationToken cancellation)
        : this(pointIndex, blockIndex, trials, seed, cancellation, Compute.ComputeBackendKind.Auto) { }

    /// <summary>Creates a block context with the run's compute back-end.</summary>
    public BlockContext(int pointIndex, int blockIndex, int trials, ulong seed, CancellationToken cancellation, Compute.ComputeBackendKind backend)
    {
        Backend = backend;
        PointIndex = pointIndex;
        BlockIndex = blockIndex;
        Trials = trials;
        Seed = seed;
        Cancellation = cancellation;
    }

    /// <summary>Index of the sweep point.</summary>
    public int PointIndex { get; }
    /// <summary>Index of the block within the point.</summary>
    public int BlockIndex { get; }
    /// <summary>Number of trials this block must run.</summary>
    public int Trials { get; }
    /// <summary>The block's seed. Derive sub-streams with <see cref="PhyToolkit.Core.Random.SeedMixer"/>.</summary>
    public ulong Seed { get; }
    /// <summary>Cancellation (Ctrl-C); a cancelled block is discarded, never half-recorded.</summary>
    public CancellationToken Cancellation { get; }
    /// <summary>The run's compute back-end request for batched kernels (<see cref="EngineOptions.Backend"/>).</summary>
    public Compute.ComputeBackendKind Backend { get; }
}
