namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// The static directed ring: node i pushes to (i + 1) mod n at every iteration (one message per node per iteration).
/// One of the topology options of SGP (Assran et al., arXiv:1811.10792); strongly connected in every single iteration.
/// </summary>
public sealed class DirectedRing : IDirectedTopology
{
    /// <summary>Creates the ring.</summary>
    /// <param name="nodeCount">n ≥ 2.</param>
    public DirectedRing(int nodeCount) => NodeCount = Guard.AtLeast(nodeCount, 2, nameof(nodeCount));

    /// <inheritdoc />
    public int NodeCount { get; }

    /// <inheritdoc />
    public int MaxOutDegree => 1;

    /// <inheritdoc />
    public int ConnectivityWindow => 1;

    /// <inheritdoc />
    public string Name => "ring";

    /// <inheritdoc />
    public int OutPeers(long iteration, int node, Span<int> peers)
    {
        Guard.InRange(node, 0, NodeCount - 1, nameof(node));
        peers[0] = (node + 1) % NodeCount;
        return 1;
    }
}
