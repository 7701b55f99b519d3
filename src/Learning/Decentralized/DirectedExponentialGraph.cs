namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// The time-varying directed exponential graph with one peer per iteration: at iteration k node i pushes to
/// (i + 2^m) mod n with m = k mod (⌊log2(n − 1)⌋ + 1), so the offset cycles through 2^0, 2^1, …, 2^⌊log2(n−1)⌋
/// (SGP's <c>DynamicDirectedExponentialGraph</c> with forward peers, Assran et al., arXiv:1811.10792).
/// </summary>
/// <remarks>Every single graph is a union of directed cycles; the offset 2^0 = 1 alone is the ring, so any window of
/// ⌊log2(n−1)⌋ + 1 iterations is strongly connected.</remarks>
public sealed class DirectedExponentialGraph : IDirectedTopology
{
    /// <summary>Creates the graph.</summary>
    /// <param name="nodeCount">n ≥ 2.</param>
    public DirectedExponentialGraph(int nodeCount)
    {
        NodeCount = Guard.AtLeast(nodeCount, 2, nameof(nodeCount));
        PeriodLength = System.Numerics.BitOperations.Log2((uint)(nodeCount - 1)) + 1; // exact integer ⌊log2(n − 1)⌋ + 1
    }

    /// <inheritdoc />
    public int NodeCount { get; }

    /// <summary>Number of distinct offsets, ⌊log2(n − 1)⌋ + 1.</summary>
    public int PeriodLength { get; }

    /// <inheritdoc />
    public int MaxOutDegree => 1;

    /// <inheritdoc />
    public int ConnectivityWindow => PeriodLength;

    /// <inheritdoc />
    public string Name => "exponential";

    /// <summary>The hop offset 2^(k mod period) used at iteration <paramref name="iteration"/>.</summary>
    public int Offset(long iteration) => 1 << (int)(Guard.AtLeast(iteration, 0L, nameof(iteration)) % PeriodLength);

    /// <inheritdoc />
    public int OutPeers(long iteration, int node, Span<int> peers)
    {
        Guard.InRange(node, 0, NodeCount - 1, nameof(node));
        peers[0] = (node + Offset(iteration)) % NodeCount;
        return 1;
    }
}
