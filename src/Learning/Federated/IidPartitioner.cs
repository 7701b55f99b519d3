using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Federated;

/// <summary>IID split: a seeded shuffle cut into <c>clients</c> near-equal parts (sizes differ by at most one).</summary>
public sealed class IidPartitioner : IDataPartitioner
{
    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, ulong seed)
    {
        PartitionChecks.Check(labels, classes, clients);
        var idx = new int[labels.Length];
        for (int i = 0; i < idx.Length; i++) idx[i] = i;
        var rng = new Xoshiro256StarStar(seed);
        PartitionChecks.Shuffle(idx, ref rng);
        var parts = new int[clients][];
        int start = 0;
        for (int m = 0; m < clients; m++)
        {
            int size = idx.Length / clients + (m < idx.Length % clients ? 1 : 0);
            parts[m] = idx.AsSpan(start, size).ToArray();
            Array.Sort(parts[m]);
            start += size;
        }
        return parts;
    }
}
