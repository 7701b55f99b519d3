using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// A federated task whose clients may hold canaries (see <see cref="CanaryTaskOptions"/>). <see cref="Task"/>'s
/// partition lists each client's natural samples followed by its canaries; <see cref="Natural"/> and
/// <see cref="Canaries"/> keep them apart for the evaluation.
/// </summary>
public sealed class CanaryTask
{
    private CanaryTask(SyntheticTask task, int[][] natural, int[][] canaries, int[] trueLabels)
    {
        Task = task; Natural = natural; Canaries = canaries; CanaryTrueLabels = trueLabels;
    }

    /// <summary>Training union (natural samples then canaries), test set and client partition.</summary>
    public SyntheticTask Task { get; }

    /// <summary>Natural[k] = indices (into the training set) of client k's natural samples.</summary>
    public int[][] Natural { get; }

    /// <summary>Canaries[k] = indices of client k's canaries (empty for clients without canaries).</summary>
    public int[][] Canaries { get; }

    /// <summary>True (generating) class of every training sample: equal to the label for natural samples, different from it for canaries.</summary>
    public int[] CanaryTrueLabels { get; }

    /// <summary>Number of clients K.</summary>
    public int Clients => Natural.Length;

    /// <summary>n_k = natural samples plus canaries of every client (the FedAvg data weights).</summary>
    public int[] ClientSizes() => [.. Task.Partition.Select(p => p.Length)];

    /// <summary>Indices of the clients in <paramref name="clients"/>: all their samples (natural and canaries).</summary>
    public int[] DataOf(IEnumerable<int> clients) => [.. clients.SelectMany(k => Task.Partition[k]).Order()];

    /// <summary>Natural samples of <paramref name="clients"/>.</summary>
    public int[] NaturalOf(IEnumerable<int> clients) => [.. clients.SelectMany(k => Natural[k]).Order()];

    /// <summary>Canaries of <paramref name="clients"/>.</summary>
    public int[] CanariesOf(IEnumerable<int> clients) => [.. clients.SelectMany(k => Canaries[k]).Order()];

    /// <summary>Generates the task from <paramref name="seed"/> (streams <see cref="RandomStreams.Data"/> and
    /// <see cref="RandomStreams.Partition"/>): same seed, same data.</summary>
    public static CanaryTask Generate(CanaryTaskOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int d = options.Dimension, C = options.Classes, K = options.Clients, n = options.TrainSamples;
        int nc = options.CanariesPerClient * options.CanaryClients.Length;
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, RandomStreams.Data));
        var means = new double[C * d];
        for (int j = 0; j < means.Length; j++) means[j] = options.MeanScale * rng.NextGaussian();

        var x = new double[(n + nc) * d];
        var y = new int[n + nc];
        var truth = new int[n + nc];
        void Draw(ref Xoshiro256StarStar r, Span<double> row, int c)
        {
            for (int j = 0; j < d; j++) row[j] = means[c * d + j] + r.NextGaussian();
        }
        for (int i = 0; i < n; i++) { int c = rng.NextInt(C); y[i] = truth[i] = c; Draw(ref rng, x.AsSpan(i * d, d), c); }
        for (int i = n; i < n + nc; i++)
        {
            int c = rng.NextInt(C);
            int wrong = rng.NextInt(C - 1);
            if (wrong >= c) wrong++;            // uniform over the C - 1 wrong classes
            truth[i] = c; y[i] = wrong;
            Draw(ref rng, x.AsSpan(i * d, d), c);
        }
        var tx = new double[options.TestSamples * d];
        var ty = new int[options.TestSamples];
        for (int i = 0; i < ty.Length; i++) { int c = rng.NextInt(C); ty[i] = c; Draw(ref rng, tx.AsSpan(i * d, d), c); }

        var natural = new DirichletPartitioner(options.DirichletAlpha, options.MinClientSamples)
            .Partition(y.AsSpan(0, n), C, K, SeedMixer.Mix(seed, RandomStreams.Partition));
        var canaries = new int[K][];
        for (int k = 0; k < K; k++) canaries[k] = [];
        for (int a = 0; a < options.CanaryClients.Length; a++)
            canaries[options.CanaryClients[a]] = [.. Enumerable.Range(n + a * options.CanariesPerClient, options.CanariesPerClient)];
        var partition = new int[K][];
        for (int k = 0; k < K; k++) partition[k] = [.. natural[k], .. canaries[k]];
        var task = new SyntheticTask(new LabeledDataset(x, y, d, C), new LabeledDataset(tx, ty, d, C), partition);
        return new CanaryTask(task, natural, canaries, truth);
    }
}
