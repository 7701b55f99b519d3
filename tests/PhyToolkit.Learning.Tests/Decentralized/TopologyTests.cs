using PhyToolkit.Learning.Decentralized;

namespace PhyToolkit.Learning.Tests.Decentralized;

public class TopologyTests
{
    public static TheoryData<string, int> Topologies()
    {
        var d = new TheoryData<string, int>();
        foreach (var name in DirectedTopology.Names)
            foreach (int n in new[] { 2, 5, 16, 17 }) d.Add(name, n);
        return d;
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void PeersAreDistinctOtherNodesInRangeAndTheSequenceIsJointlyStronglyConnected(string name, int n)
    {
        var t = DirectedTopology.Create(name, n, seed: 11);
        var buf = new int[t.MaxOutDegree];
        for (long k = 0; k < 50; k++)
            for (int i = 0; i < n; i++)
            {
                int c = t.OutPeers(k, i, buf);
                Assert.InRange(c, 1, t.MaxOutDegree);
                for (int m = 0; m < c; m++) { Assert.InRange(buf[m], 0, n - 1); Assert.NotEqual(i, buf[m]); }
                Assert.Equal(c, buf.AsSpan(0, c).ToArray().Distinct().Count());
            }
        Assert.True(DirectedTopology.IsJointlyStronglyConnected(t, 0, t.ConnectivityWindow));
        Assert.True(DirectedTopology.IsJointlyStronglyConnected(t, 37, t.ConnectivityWindow));
    }

    [Theory]
    [InlineData(16, new[] { 1, 2, 4, 8 })] // ⌊log2 15⌋ + 1 = 4 offsets
    [InlineData(17, new[] { 1, 2, 4, 8, 16 })] // ⌊log2 16⌋ + 1 = 5 (16 = n − 1 is a power of two)
    [InlineData(5, new[] { 1, 2, 4 })]
    [InlineData(2, new[] { 1 })]
    public void ExponentialGraphCyclesPowerOfTwoOffsets(int n, int[] offsets)
    {
        var g = new DirectedExponentialGraph(n);
        Assert.Equal(offsets.Length, g.PeriodLength);
        for (int k = 0; k < 3 * offsets.Length; k++) Assert.Equal(offsets[k % offsets.Length], g.Offset(k));
        Span<int> p = stackalloc int[1];
        g.OutPeers(1, n - 1, p);
        Assert.Equal((n - 1 + offsets[1 % offsets.Length]) % n, p[0]);
    }

    [Fact]
    public void RandomOutPeerIsAPureFunctionOfSeedIterationAndNode()
    {
        var a = new RandomOutPeer(9, 5); var b = new RandomOutPeer(9, 5); var c = new RandomOutPeer(9, 6);
        Span<int> pa = stackalloc int[1], pb = stackalloc int[1], pc = stackalloc int[1];
        int differ = 0;
        for (int k = 0; k < 100; k++)
            for (int i = 0; i < 9; i++)
            {
                a.OutPeers(k, i, pa); b.OutPeers(k, i, pb); c.OutPeers(k, i, pc);
                Assert.Equal(pa[0], pb[0]);
                if (pa[0] != pc[0]) differ++;
            }
        Assert.True(differ > 500, $"another seed changed only {differ} of 900 peers"); // expected 900·7/8 ≈ 790
    }

    [Fact]
    public void DisconnectedUserScheduleIsRefusedWithAClearMessage()
    {
        // nodes {0,1} and {2,3} never talk to each other
        int[][][] graphs = [[[1], [0], [3], [2]]];
        var ex = Assert.Throws<ArgumentException>(() => new UserTopologySchedule(4, graphs));
        Assert.Contains("not strongly connected", ex.Message);
        // one-way link only: still not strongly connected
        int[][][] oneWay = [[[1], [0], [3], [2]], [[2], [], [], []]];
        Assert.Throws<ArgumentException>(() => new UserTopologySchedule(4, oneWay));
        // both ways over a period of two graphs: accepted
        int[][][] ok = [[[1], [0], [3], [2]], [[2], [], [1], []]];
        Assert.Equal(2, new UserTopologySchedule(4, ok).ConnectivityWindow);
    }

    [Fact]
    public void MalformedUserGraphsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new UserTopologySchedule(3, [[[0], [2], [0]]])); // self loop
        Assert.Throws<ArgumentOutOfRangeException>(() => new UserTopologySchedule(3, [[[3], [2], [0]]])); // out of range
        Assert.Throws<ArgumentException>(() => new UserTopologySchedule(3, [[[1, 1], [2], [0]]])); // duplicate
        Assert.Throws<ArgumentOutOfRangeException>(() => new DirectedRing(1));
        Assert.Throws<ArgumentException>(() => DirectedTopology.Create("star", 4));
    }
}
