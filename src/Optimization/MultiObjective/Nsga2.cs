using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>
/// NSGA-II (Deb, Pratap, Agarwal, Meyarivan, "A fast and elitist multiobjective genetic algorithm: NSGA-II", IEEE TEVC
/// 6(2):182–197, 2002), <b>minimising</b> M objectives over a box.
/// </summary>
/// <remarks>
/// <para>Per generation: N offspring are bred by binary tournaments under the crowded-comparison order (lower rank, then
/// larger crowding distance; a tie keeps the first drawn), SBX with probability p_c and polynomial mutation
/// (<see cref="VariationOperators"/>); the whole offspring batch is evaluated by <b>one</b>
/// <see cref="IMultiObjectiveBatch.Evaluate"/> call; parents ∪ offspring (2N) are sorted into non-dominated fronts, whole
/// fronts are kept while they fit and the last one is truncated by decreasing crowding distance (stable: ties keep
/// the earlier index).</para>
/// <para>An unbounded non-dominated archive of every evaluated point is kept beside the population (so the reported
/// hypervolume never decreases, while the population front's may, after crowding truncation).</para>
/// <para>Randomness: one <see cref="Xoshiro256StarStar"/> seeded by the caller; draws are consumed in a fixed order,
/// so a seed reproduces a run bit for bit for any implementation of the batch objective.</para>
/// </remarks>
public sealed class Nsga2
{
    /// <summary>Creates the engine; <paramref name="options"/> are validated.</summary>
    public Nsga2(Nsga2Options options) => Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <summary>The settings.</summary>
    public Nsga2Options Options { get; }

    /// <summary>Runs NSGA-II.</summary>
    /// <param name="objective">The batch objective (all objectives minimised).</param>
    /// <param name="bounds">Search box (dimension d).</param>
    /// <param name="seed">Seed of the run (derive it from the work unit).</param>
    /// <param name="hypervolumeReference">Optional two-objective reference point for <see cref="Nsga2Result.HypervolumeHistory"/>.</param>
    /// <param name="onGeneration">Optional callback after each generation, given the number of generations completed (for progress displays).</param>
    /// <param name="cancellationToken">Checked once per generation; the run stops early and returns what it has.</param>
    /// <param name="initialPoints">Optional seed points (row-major, k×d with k ≤ population size, each inside the box) that
    /// replace the first k members of the random initial population after it is drawn (so the random draws, and a run
    /// without seed points, are unchanged). Use it to start the front from known single-objective optima.</param>
    public Nsga2Result Minimize(IMultiObjectiveBatch objective, BoxBounds bounds, ulong seed, ReadOnlySpan<double> hypervolumeReference = default,
        Action<int>? onGeneration = null, CancellationToken cancellationToken = default, ReadOnlySpan<double> initialPoints = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(bounds);
        int m = Guard.AtLeast(objective.ObjectiveCount, 1, "objective.ObjectiveCount");
        if (!hypervolumeReference.IsEmpty && (m != 2 || hypervolumeReference.Length != 2))
            throw new ArgumentException("a hypervolume reference point is supported for two objectives only (length 2).", nameof(hypervolumeReference));
        var o = Options;
        int n = o.PopulationSize, d = bounds.Dimension;
        var lo = bounds.Lower.ToArray();
        var hi = bounds.Upper.ToArray();
        double pm = o.MutationProbability ?? 1.0 / d;
        var rng = new Xoshiro256StarStar(seed);
        var refPoint = hypervolumeReference.ToArray();
        var hv = new List<double>();

        var x = new double[n * d];
        var f = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) x[i * d + j] = lo[j] + (hi[j] - lo[j]) * rng.NextDouble();
        if (!initialPoints.IsEmpty)
        {
            if (initialPoints.Length % d != 0 || initialPoints.Length / d > n)
                throw new ArgumentException($"initialPoints must hold k×d values with d = {d} and k ≤ populationSize = {n}; got {initialPoints.Length} values", nameof(initialPoints));
            for (int i = 0; i < initialPoints.Length; i++)
            {
                double v = initialPoints[i];
                int j = i % d;
                if (!(v >= lo[j] && v <= hi[j]))
                    throw new ArgumentOutOfRangeException(nameof(initialPoints), v, $"initialPoints[{i / d}][{j}] must lie in the box [{lo[j]}, {hi[j]}]");
            }
            initialPoints.CopyTo(x);
        }
        EvaluateChecked(objective, x, f);
        var archive = new ParetoArchive(m);
        Offer(archive, x, f, d, m);
        if (refPoint.Length == 2) hv.Add(ParetoMetrics.Hypervolume2D(archive.ObjectiveMatrix(), refPoint));

        var rank = new int[n];
        var crowd = new double[n];
        AssignRankAndCrowding(f, m, rank, crowd);

        var xq = new double[n * d];
        var fq = new double[n * m];
        var xr = new double[2 * n * d];
        var fr = new double[2 * n * m];
        var rankR = new int[2 * n];
        int generation = 0;
        long evaluations = n;
        for (; generation < o.Generations; generation++)
        {
            if (cancellationToken.IsCancellationRequested) break;
            for (int c = 0; c < n; c += 2)
            {
                int a = Tournament(rank, crowd, ref rng, n), b = Tournament(rank, crowd, ref rng, n);
                var ca = xq.AsSpan(c * d, d);
                var cb = xq.AsSpan((c + 1) * d, d);
                if (rng.NextDouble() < o.CrossoverProbability)
                    VariationOperators.SimulatedBinaryCrossover(x.AsSpan(a * d, d), x.AsSpan(b * d, d), lo, hi, o.CrossoverDistributionIndex, ref rng, ca, cb);
                else
                {
                    x.AsSpan(a * d, d).CopyTo(ca);
                    x.AsSpan(b * d, d).CopyTo(cb);
                }
                VariationOperators.PolynomialMutation(ca, lo, hi, o.MutationDistributionIndex, pm, ref rng);
                VariationOperators.PolynomialMutation(cb, lo, hi, o.MutationDistributionIndex, pm, ref rng);
            }
            EvaluateChecked(objective, xq, fq);
            evaluations += n;
            Offer(archive, xq, fq, d, m);

            // Elitist survival on R = P ∪ Q.
            x.CopyTo(xr, 0); xq.CopyTo(xr, n * d);
            f.CopyTo(fr, 0); fq.CopyTo(fr, n * m);
            var fronts = Pareto.NonDominatedSort(fr, m, rankR);
            int filled = 0;
            foreach (var front in fronts)
            {
                var dist = new double[front.Length];
                Pareto.CrowdingDistance(fr, m, front, dist);
                int take = Math.Min(front.Length, n - filled);
                int[] order = Enumerable.Range(0, front.Length).ToArray();
                if (take < front.Length)
                {
                    var keys = dist.Select(v => -v).ToArray();
                    order = order.OrderBy(k => keys[k]).ThenBy(k => k).ToArray(); // stable descending crowding
                }
                for (int t = 0; t < take; t++)
                {
                    int src = front[order[t]];
                    Array.Copy(xr, src * d, x, filled * d, d);
                    Array.Copy(fr, src * m, f, filled * m, m);
                    rank[filled] = rankR[src];
                    crowd[filled] = dist[order[t]];
                    filled++;
                }
                if (filled == n) break;
            }
            if (refPoint.Length == 2) hv.Add(ParetoMetrics.Hypervolume2D(archive.ObjectiveMatrix(), refPoint));
            onGeneration?.Invoke(generation + 1);
        }

        var finalRank = new int[n];
        var fronts0 = Pareto.NonDominatedSort(f, m, finalRank);
        return new Nsga2Result(d, m, x, f, finalRank, fronts0[0], archive, hv.ToArray(), generation, evaluations);
    }

    private static void AssignRankAndCrowding(double[] f, int m, int[] rank, double[] crowd)
    {
        var fronts = Pareto.NonDominatedSort(f, m, rank);
        foreach (var front in fronts)
        {
            var dist = new double[front.Length];
            Pareto.CrowdingDistance(f, m, front, dist);
            for (int k = 0; k < front.Length; k++) crowd[front[k]] = dist[k];
        }
    }

    // Binary tournament under the crowded-comparison operator ≺_n (Deb et al. 2002, §III-C).
    private static int Tournament(int[] rank, double[] crowd, ref Xoshiro256StarStar rng, int n)
    {
        int a = rng.NextInt(n), b = rng.NextInt(n);
        if (rank[b] < rank[a] || (rank[b] == rank[a] && crowd[b] > crowd[a])) return b;
        return a;
    }

    private static void EvaluateChecked(IMultiObjectiveBatch objective, double[] x, double[] f)
    {
        objective.Evaluate(x, f);
        for (int i = 0; i < f.Length; i++)
            if (!double.IsFinite(f[i]))
                throw new InvalidOperationException($"objective {i % objective.ObjectiveCount} of individual {i / objective.ObjectiveCount} is not finite ({f[i]}).");
    }

    private static void Offer(ParetoArchive archive, double[] x, double[] f, int d, int m)
    {
        int s = f.Length / m;
        for (int i = 0; i < s; i++) archive.Offer(x.AsSpan(i * d, d), f.AsSpan(i * m, m));
    }
}
