using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// A random single out-peer per node and iteration, drawn uniformly from the other n − 1 nodes (an option of docs/fa-plkg.md,
/// after SGP's randomised peer selection, arXiv:1811.10792). The draw is a hash of (seed, k, i) (SplitMix64 mixing), so the
/// graph is a pure function of its arguments.
/// </summary>
/// <remarks>
/// Random graphs are strongly connected only with high probability over a window; <see cref="ConnectivityWindow"/> is the
/// window (our choice: 4n, after which a random functional graph sequence on n ≤ 64 nodes is strongly connected with
/// overwhelming probability). Callers that need a guarantee check it with
/// <see cref="DirectedTopology.RequireJointlyStronglyConnected"/> over the iterations they use.
/// </remarks>
public sealed class RandomOutPeer : IDirectedTopology
{
    private readonly ulong _seed;

    /// <summary>Creates the schedule.</summary>
    /// <param name="nodeCount">n ≥ 2.</param>
    /// <param name="seed">Seed of the peer draws.</param>
    public RandomOutPeer(int nodeCount, ulong seed)
    {
        NodeCount = Guard.AtLeast(nodeCount, 2, nameof(nodeCount));
        _seed = seed;
    }

    /// <inheritdoc />
    public int NodeCount { get; }

    /// <inheritdoc />
    public int MaxOutDegree => 1;

    /// <inheritdoc />
    public int ConnectivityWindow => 4 * NodeCount;

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public int OutPeers(long iteration, int node, Span<int> peers)
    {
        Guard.InRange(node, 0, NodeCount - 1, nameof(node));
        ulong h = SeedMixer.Mix(_seed, (ulong)Guard.AtLeast(iteration, 0L, nameof(iteration)), (ulong)node, 0x0E7Bu);
        int r = (int)(h % (ulong)(NodeCount - 1));
        peers[0] = r >= node ? r + 1 : r;
        return 1;
    }
}
