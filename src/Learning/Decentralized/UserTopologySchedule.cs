namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// Any user sequence of digraphs, repeated periodically: graph k mod T is used at iteration k (docs/fa-plkg.md option).
/// Each graph is given as out-peer lists per node. The constructor refuses self-loops, duplicate or out-of-range peers,
/// and a sequence whose union over one period is not strongly connected (push-sum would not reach consensus).
/// </summary>
public sealed class UserTopologySchedule : IDirectedTopology
{
    private readonly int[][][] _graphs;

    /// <summary>Creates the schedule.</summary>
    /// <param name="nodeCount">n ≥ 1.</param>
    /// <param name="graphs">T ≥ 1 graphs; graphs[t][i] are the out-peers of node i in graph t.</param>
    /// <param name="name">Name for reports.</param>
    /// <exception cref="ArgumentException">A malformed graph, or a period whose union is not strongly connected.</exception>
    public UserTopologySchedule(int nodeCount, IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> graphs, string name = "user")
    {
        NodeCount = Guard.AtLeast(nodeCount, 1, nameof(nodeCount));
        ArgumentNullException.ThrowIfNull(graphs);
        if (graphs.Count == 0) throw new ArgumentException("graphs is empty; allowed: at least one graph.", nameof(graphs));
        _graphs = new int[graphs.Count][][];
        for (int t = 0; t < graphs.Count; t++)
        {
            Guard.Length(graphs[t].Count, nodeCount, $"graphs[{t}]");
            _graphs[t] = new int[nodeCount][];
            for (int i = 0; i < nodeCount; i++)
            {
                var peers = graphs[t][i].ToArray();
                foreach (int p in peers)
                {
                    Guard.InRange(p, 0, nodeCount - 1, $"graphs[{t}][{i}]");
                    if (p == i) throw new ArgumentException($"graphs[{t}][{i}] lists node {i} itself; allowed: other nodes only (the self weight is implicit).", nameof(graphs));
                }
                if (peers.Distinct().Count() != peers.Length) throw new ArgumentException($"graphs[{t}][{i}] lists a peer twice.", nameof(graphs));
                _graphs[t][i] = peers;
                MaxOutDegree = Math.Max(MaxOutDegree, peers.Length);
            }
        }
        MaxOutDegree = Math.Max(MaxOutDegree, 1);
        Name = name;
        DirectedTopology.RequireJointlyStronglyConnected(this, 0, graphs.Count, nameof(graphs));
    }

    /// <inheritdoc />
    public int NodeCount { get; }

    /// <inheritdoc />
    public int MaxOutDegree { get; }

    /// <inheritdoc />
    public int ConnectivityWindow => _graphs.Length;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int OutPeers(long iteration, int node, Span<int> peers)
    {
        Guard.InRange(node, 0, NodeCount - 1, nameof(node));
        var list = _graphs[Guard.AtLeast(iteration, 0L, nameof(iteration)) % _graphs.Length][node];
        list.CopyTo(peers);
        return list.Length;
    }
}
