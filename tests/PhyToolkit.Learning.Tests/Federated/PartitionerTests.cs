using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Federated;

public class PartitionerTests
{
    private static int[] Labels(int n, int classes, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.NextInt(classes);
        return y;
    }

    private static void AssertDisjointCover(int[][] parts, int n)
    {
        var seen = new bool[n];
        foreach (var p in parts)
            foreach (int i in p) { Assert.False(seen[i], $"index {i} assigned twice"); seen[i] = true; }
        Assert.All(seen, Assert.True);
    }

    /// <summary>Mean total-variation distance between client label histograms and the global histogram.</summary>
    private static double Skew(int[][] parts, int[] labels, int classes)
    {
        var global = new double[classes];
        foreach (int y in labels) global[y] += 1.0 / labels.Length;
        double tv = 0;
        foreach (var p in parts)
        {
            var h = new double[classes];
            foreach (int i in p) h[labels[i]] += 1.0 / p.Length;
            for (int c = 0; c < classes; c++) tv += 0.5 * Math.Abs(h[c] - global[c]);
        }
        return tv / parts.Length;
    }

    [Fact]
    public void IidSplitIsBalancedDisjointAndSeeded()
    {
        var y = Labels(1003, 10, 1);
        var parts = new IidPartitioner().Partition(y, 10, 10, 5);
        AssertDisjointCover(parts, y.Length);
        Assert.All(parts, p => Assert.InRange(p.Length, 100, 101));
        Assert.Equal(parts, new IidPartitioner().Partition(y, 10, 10, 5));
        Assert.NotEqual(parts, new IidPartitioner().Partition(y, 10, 10, 6));
    }

    [Fact]
    public void DirichletRespectsMinimumSizeAndSkewGrowsAsAlphaShrinks()
    {
        var y = Labels(5000, 10, 2);
        var strong = new DirichletPartitioner(0.1, minPartitionSize: 10).Partition(y, 10, 10, 7);
        var mild = new DirichletPartitioner(100).Partition(y, 10, 10, 7);
        AssertDisjointCover(strong, y.Length);
        AssertDisjointCover(mild, y.Length);
        Assert.All(strong, p => Assert.True(p.Length >= 10));
        // alpha = 100 is near-IID (TV ~ a few %), alpha = 0.1 puts most of a client's data in 1-2 classes (TV > 0.5);
        // the comparison is the property; the thresholds are loose sanity bands, not tuned values
        Assert.True(Skew(strong, y, 10) > 0.5, $"alpha 0.1 skew {Skew(strong, y, 10)}");
        Assert.True(Skew(mild, y, 10) < 0.1, $"alpha 100 skew {Skew(mild, y, 10)}");
        Assert.Equal(strong, new DirichletPartitioner(0.1, minPartitionSize: 10).Partition(y, 10, 10, 7));
    }

    [Fact]
    public void PathologicalGivesFewClassesPerClient()
    {
        var y = Labels(2000, 10, 3);
        var parts = new PathologicalPartitioner(2).Partition(y, 10, 10, 1);
        AssertDisjointCover(parts, y.Length);
        // each of the 2 shards is a contiguous run of the label-sorted data and can straddle one class boundary
        Assert.All(parts, p => Assert.InRange(p.Select(i => y[i]).Distinct().Count(), 1, 4));
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new DirichletPartitioner(0)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new DirichletPartitioner(-1)).ParamName);
        Assert.Equal("clients", Assert.Throws<ArgumentOutOfRangeException>(() => new IidPartitioner().Partition(new[] { 0, 1 }, 2, 0, 1)).ParamName);
        Assert.Equal("classesPerClient", Assert.Throws<ArgumentOutOfRangeException>(() => new PathologicalPartitioner(0)).ParamName);
    }
}
