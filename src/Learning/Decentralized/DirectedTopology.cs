namespace PhyToolkit.Learning.Decentralized;

/// <summary>Factory and connectivity checks for <see cref="IDirectedTopology"/>.</summary>
public static class DirectedTopology
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["exponential", "ring", "random"];

    /// <summary>Creates a named topology: "exponential" (<see cref="DirectedExponentialGraph"/>), "ring"
    /// (<see cref="DirectedRing"/>) or "random" (<see cref="RandomOutPeer"/> seeded by <paramref name="seed"/>).</summary>
    public static IDirectedTopology Create(string name, int nodeCount, ulong seed = 0) => name switch
    {
        "exponential" => new DirectedExponentialGraph(nodeCount),
        "ring" => new DirectedRing(nodeCount),
        "random" => new RandomOutPeer(nodeCount, seed),
        _ => throw new ArgumentException($"topology = '{name}'; allowed: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// True when the union of the graphs of iterations [<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="length"/>) is strongly connected (every node reaches every node; forward and backward
    /// breadth-first search from node 0).
    /// </summary>
    public static bool IsJointlyStronglyConnected(IDirectedTopology topology, long start, int length)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Guard.AtLeast(length, 1, nameof(length));
        int n = topology.NodeCount;
        if (n == 1) return true;
        var fwd = new List<int>[n];
        var bwd = new List<int>[n];
        for (int i = 0; i < n; i++) { fwd[i] = []; bwd[i] = []; }
        var buf = new int[topology.MaxOutDegree];
        for (long k = start; k < start + length; k++)
            for (int i = 0; i < n; i++)
            {
                int c = topology.OutPeers(k, i, buf);
                for (int j = 0; j < c; j++) { fwd[i].Add(buf[j]); bwd[buf[j]].Add(i); }
            }
        return ReachesAll(fwd) && ReachesAll(bwd);
    }

    /// <summary>Throws when <see cref="IsJointlyStronglyConnected"/> is false.</summary>
    /// <exception cref="ArgumentException">The union graph is not strongly connected; the message names <paramref name="name"/>.</exception>
    public static void RequireJointlyStronglyConnected(IDirectedTopology topology, long start, int length, string name)
    {
        if (!IsJointlyStronglyConnected(topology, start, length))
            throw new ArgumentException(
                $"{name}: the union of the directed graphs over iterations [{start}, {start + length}) is not strongly connected; allowed: a jointly strongly connected sequence (otherwise push-sum cannot reach consensus).", name);
    }

    private static bool ReachesAll(List<int>[] adj)
    {
        var seen = new bool[adj.Length];
        var stack = new Stack<int>();
        stack.Push(0); seen[0] = true; int count = 1;
        while (stack.Count > 0)
            foreach (int j in adj[stack.Pop()])
                if (!seen[j]) { seen[j] = true; count++; stack.Push(j); }
        return count == adj.Length;
    }
}
