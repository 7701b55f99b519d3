namespace PhyToolkit.Learning.Federated;

internal static class PartitionChecks
{
    public static void Check(ReadOnlySpan<int> labels, int classes, int clients)
    {
        if (clients < 1) throw new ArgumentOutOfRangeException(nameof(clients), clients, "clients (number of workers) must be >= 1");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2");
        if (labels.Length < clients) throw new ArgumentException($"need at least one sample per client ({clients}); got {labels.Length}", nameof(labels));
        foreach (int y in labels)
            if ((uint)y >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), y, $"labels must be in [0, {classes - 1}]");
    }

    public static void Shuffle(Span<int> a, ref PhyToolkit.Core.Random.Xoshiro256StarStar rng)
    {
        for (int i = a.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }
}
