namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// A time-varying directed communication graph for push-sum gossip: at iteration <c>k</c> node <c>i</c> pushes to its
/// out-peer set <c>O_i(k)</c> (Stochastic Gradient Push, Assran et al., arXiv:1811.10792, §3).
/// </summary>
/// <remarks>
/// Conventions every implementation keeps (and tests check): out-peers are distinct, never the node itself, and lie in
/// [0, <see cref="NodeCount"/>); the answer depends only on (k, i) and construction arguments, so a topology can be
/// queried in any order and from any thread; the sequence is jointly strongly connected over windows of
/// <see cref="ConnectivityWindow"/> iterations (checked by <see cref="DirectedTopology.RequireJointlyStronglyConnected"/>).
/// </remarks>
public interface IDirectedTopology
{
    /// <summary>Number of nodes n (≥ 1).</summary>
    int NodeCount { get; }

    /// <summary>Largest out-degree over all iterations and nodes (size for the caller's peer buffer).</summary>
    int MaxOutDegree { get; }

    /// <summary>A window length B such that the union of the graphs of any B consecutive iterations is strongly connected.</summary>
    int ConnectivityWindow { get; }

    /// <summary>Short name for reports.</summary>
    string Name { get; }

    /// <summary>Writes the out-peers of <paramref name="node"/> at <paramref name="iteration"/> into <paramref name="peers"/>; returns their count.</summary>
    /// <param name="iteration">k ≥ 0.</param>
    /// <param name="node">i in [0, n).</param>
    /// <param name="peers">Buffer of at least <see cref="MaxOutDegree"/> entries.</param>
    int OutPeers(long iteration, int node, Span<int> peers);
}
