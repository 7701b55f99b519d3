using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Pathological non-IID split (McMahan et al., arXiv:1602.05629 §3 shards): samples sorted by label are cut into
/// <c>clients x k</c> shards and each client receives k random shards, so it sees at most about k classes.
/// </summary>
public sealed class PathologicalPartitioner : IDataPartitioner
{
    /// <summary>Creates the partitioner with <paramref name="classesPerClient"/> shards (classes) per client (&gt;= 1).</summary>
    public PathologicalPartitioner(int classesPerClient)
    {
        if (classesPerClient < 1) throw new ArgumentOutOfRangeException(nameof(classesPerClient), classesPerClient, "classesPerClient must be >= 1");
        ClassesPerClient = classesPerClient;
    }

    /// <summary>Shards (classes) per client.</summary>
    public int ClassesPerClient { get; }

    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, ulong seed)
    {
        PartitionChecks.Check(labels, classes, clients);
        int shards = clients * ClassesPerClient;
        if (shards > labels.Length) throw new ArgumentException($"clients x classesPerClient = {shards} shards exceed the {labels.Length} samples", nameof(labels));
        var rng = new Xoshiro256StarStar(seed);
        var idx = new int[labels.Length];
        for (int i = 0; i < idx.Length; i++) idx[i] = i;
        PartitionChecks.Shuffle(idx, ref rng);                       // random order inside each class
        var keys = new int[idx.Length];
        for (int i = 0; i < idx.Length; i++) keys[i] = labels[idx[i]];
        Array.Sort(keys, idx);                                       // stable enough: ties keep a random order
        var order = new int[shards];
        for (int s = 0; s < shards; s++) order[s] = s;
        PartitionChecks.Shuffle(order, ref rng);
        var parts = new int[clients][];
        for (int m = 0; m < clients; m++)
        {
            var list = new List<int>();
            for (int j = 0; j < ClassesPerClient; j++)
            {
                int s = order[m * ClassesPerClient + j];
                int start = (int)((long)s * idx.Length / shards), end = (int)((long)(s + 1) * idx.Length / shards);
                for (int i = start; i < end; i++) list.Add(idx[i]);
            }
            parts[m] = list.ToArray();
            Array.Sort(parts[m]);
        }
        return parts;
    }
}
