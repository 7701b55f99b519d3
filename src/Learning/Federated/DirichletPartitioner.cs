using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Dirichlet(alpha) label skew: for every class, proportions <c>p ~ Dir(alpha 1_M)</c> split that class's shuffled
/// samples across the M clients; the draw is repeated (up to <see cref="MaxAttempts"/>) until every client holds at
/// least <see cref="MinPartitionSize"/> samples. Same scheme as Flower Datasets' DirichletPartitioner (defaults
/// min_partition_size = 10); smaller alpha = stronger skew. Gamma draws: Marsaglia-Tsang (ACM TOMS 2000).
/// </summary>
public sealed class DirichletPartitioner : IDataPartitioner
{
    /// <summary>Creates the partitioner.</summary>
    /// <param name="alpha">Concentration alpha &gt; 0 (docs/ota-fl.md uses 0.5).</param>
    /// <param name="minPartitionSize">Minimum samples per client (&gt;= 0), default 10.</param>
    /// <param name="maxAttempts">Redraws before giving up (&gt;= 1).</param>
    public DirichletPartitioner(double alpha, int minPartitionSize = 10, int maxAttempts = 1000)
    {
        if (!double.IsFinite(alpha) || alpha <= 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a finite number > 0");
        if (minPartitionSize < 0) throw new ArgumentOutOfRangeException(nameof(minPartitionSize), minPartitionSize, "minPartitionSize must be >= 0");
        if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "maxAttempts must be >= 1");
        Alpha = alpha; MinPartitionSize = minPartitionSize; MaxAttempts = maxAttempts;
    }

    /// <summary>Concentration alpha.</summary>
    public double Alpha { get; }

    /// <summary>Minimum samples per client.</summary>
    public int MinPartitionSize { get; }

    /// <summary>Maximum number of redraws.</summary>
    public int MaxAttempts { get; }

    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, ulong seed)
    {
        PartitionChecks.Check(labels, classes, clients);
        if ((long)MinPartitionSize * clients > labels.Length)
            throw new ArgumentException($"minPartitionSize x clients = {(long)MinPartitionSize * clients} exceeds the {labels.Length} samples", nameof(labels));
        var byClass = new List<int>[classes];
        for (int c = 0; c < classes; c++) byClass[c] = new List<int>();
        for (int i = 0; i < labels.Length; i++) byClass[labels[i]].Add(i);
        var rng = new Xoshiro256StarStar(seed);
        var p = new double[clients];
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var lists = new List<int>[clients];
            for (int m = 0; m < clients; m++) lists[m] = new List<int>();
            for (int c = 0; c < classes; c++)
            {
                var members = byClass[c].ToArray();
                PartitionChecks.Shuffle(members, ref rng);
                double sum = 0;
                for (int m = 0; m < clients; m++) { p[m] = Gamma(Alpha, ref rng); sum += p[m]; }
                int start = 0; double cum = 0;
                for (int m = 0; m < clients; m++)
                {
                    cum += p[m] / sum;
                    int end = m == clients - 1 ? members.Length : (int)Math.Round(cum * members.Length);
                    end = Math.Clamp(end, start, members.Length);
                    for (int j = start; j < end; j++) lists[m].Add(members[j]);
                    start = end;
                }
            }
            bool ok = true;
            foreach (var l in lists) if (l.Count < MinPartitionSize) { ok = false; break; }
            if (!ok) continue;
            var parts = new int[clients][];
            for (int m = 0; m < clients; m++) { parts[m] = lists[m].ToArray(); Array.Sort(parts[m]); }
            return parts;
        }
        throw new InvalidOperationException($"no Dirichlet(alpha={Alpha}) draw gave every client >= {MinPartitionSize} samples in {MaxAttempts} attempts; lower minPartitionSize or raise alpha");
    }

    /// <summary>Gamma(shape, 1) draw (Marsaglia-Tsang; shape &lt; 1 via Gamma(shape+1) U^(1/shape)).</summary>
    internal static double Gamma(double shape, ref Xoshiro256StarStar rng)
    {
        if (shape < 1)
        {
            double g = Gamma(shape + 1, ref rng);
            return g * Math.Pow(rng.NextDoubleNonZero(), 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do { x = rng.NextGaussian(); v = 1 + c * x; } while (v <= 0);
            v = v * v * v;
            double u = rng.NextDoubleNonZero();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }
}
