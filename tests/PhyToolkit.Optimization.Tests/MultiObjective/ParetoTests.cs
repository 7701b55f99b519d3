using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.MultiObjective;

namespace PhyToolkit.Optimization.Tests.MultiObjective;

public class ParetoTests
{
    // Brute force: the rank of a vector is the number of peeling rounds (remove all currently non-dominated vectors)
    // before it is removed; dominance checked pairwise from its definition.
    private static int[] BruteForceRanks(double[] f, int m)
    {
        int n = f.Length / m;
        var rank = Enumerable.Repeat(-1, n).ToArray();
        for (int r = 0; rank.Contains(-1); r++)
        {
            var remaining = Enumerable.Range(0, n).Where(i => rank[i] == -1).ToList();
            var layer = remaining.Where(p => !remaining.Any(q =>
                Enumerable.Range(0, m).All(k => f[q * m + k] <= f[p * m + k]) && Enumerable.Range(0, m).Any(k => f[q * m + k] < f[p * m + k]))).ToList();
            foreach (int p in layer) rank[p] = r;
        }
        return rank;
    }

    [Theory]
    [InlineData(2, 60, 1u)]
    [InlineData(3, 80, 2u)]
    [InlineData(2, 50, 3u)]
    public void FastNonDominatedSortMatchesBruteForce(int m, int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            // Small integer values make ties and duplicate vectors common.
            var f = new double[n * m];
            for (int i = 0; i < f.Length; i++) f[i] = trial % 2 == 0 ? rng.NextInt(6) : rng.NextDouble();
            var rank = new int[n];
            var fronts = Pareto.NonDominatedSort(f, m, rank);
            Assert.Equal(BruteForceRanks(f, m), rank);
            Assert.Equal(n, fronts.Sum(fr => fr.Length));
            for (int r = 0; r < fronts.Count; r++) Assert.All(fronts[r], i => Assert.Equal(r, rank[i]));
            Assert.Equal(fronts[0], Pareto.NonDominatedIndices(f, m));
        }
    }

    [Fact]
    public void CrowdingDistanceByHand()
    {
        // Front (0,4), (1,2), (2,1), (4,0): ranges 4 and 4. Interior (1,2): (2−0)/4 + (4−1)/4 = 1.25; (2,1): (4−1)/4 + (2−0)/4 = 1.25.
        double[] f = { 2, 1, 0, 4, 4, 0, 1, 2 };
        var dist = new double[4];
        Pareto.CrowdingDistance(f, 2, new[] { 0, 1, 2, 3 }, dist);
        Assert.Equal(1.25, dist[0], 14);
        Assert.True(double.IsPositiveInfinity(dist[1]));
        Assert.True(double.IsPositiveInfinity(dist[2]));
        Assert.Equal(1.25, dist[3], 14);
    }

    [Fact]
    public void HypervolumeByHandAndIgnoresDominatedAndOutsidePoints()
    {
        // Staircase (1,3), (2,2), (3,1) under reference (4,4): 3·1 + 2·1 + 1·1 = 6.
        Assert.Equal(6, ParetoMetrics.Hypervolume2D(new double[] { 2, 2, 1, 3, 3, 1 }, new double[] { 4, 4 }), 14);
        Assert.Equal(6, ParetoMetrics.Hypervolume2D(new double[] { 2, 2, 1, 3, 3, 1, 3, 3, 5, 0 }, new double[] { 4, 4 }), 14);
    }

    // ZDT1's front f2 = 1 − √f1 is already normalised; the distance to the line f1 + f2 = 1 is ∝ √f1 − f1, maximal at f1 = 1/4.
    [Fact]
    public void KneeOfTheZdt1FrontIsAtOneQuarter()
    {
        var front = new Zdt(1).TrueFront(401);
        int knee = ParetoMetrics.KneePoint(front);
        Assert.Equal(0.25, front[2 * knee], 12);
        Assert.Equal(0.5, front[2 * knee + 1], 12);
    }

    [Fact]
    public void ArchiveStaysMutuallyNonDominated()
    {
        var rng = new Xoshiro256StarStar(5);
        var archive = new ParetoArchive(2);
        var p = new double[1];
        for (int i = 0; i < 2000; i++)
        {
            double a = rng.NextDouble(), b = rng.NextDouble();
            archive.Offer(p, new[] { a, b });
        }
        var f = archive.ObjectiveMatrix();
        Assert.Equal(archive.Count, Pareto.NonDominatedIndices(f, 2).Length);
    }
}
