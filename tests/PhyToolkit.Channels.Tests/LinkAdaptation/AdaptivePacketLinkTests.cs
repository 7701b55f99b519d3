using PhyToolkit.Channels.LinkAdaptation;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.LinkAdaptation;

public class AdaptivePacketLinkTests
{
    // d = 10 coordinates at 8 bits + a 48-bit header = 128 bits per packet
    private static AdaptivePacketLink Link(int maxRetx = 3, double gapDb = 1.5) =>
        new(McsTable.Default, new NormalApproximationBler(gapDb), 0.1, 128, maxRetx);

    [Fact]
    public void ChannelUsesAreTheHandCountedCeilings()
    {
        var link = Link();
        // 128 bits at 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5 bits per real use
        long[] expected = [512, 256, 171, 128, 86, 64, 52];
        for (int j = 0; j < expected.Length; j++) Assert.Equal(expected[j], link.ChannelUses(j));
    }

    [Fact]
    public void ThresholdsMeetTheTargetBlerAndAreTheSmallestThatDo()
    {
        var link = Link();
        for (int j = 0; j < link.Table.Count; j++)
        {
            double t = link.ThresholdDb(j);
            Assert.True(double.IsFinite(t));
            Assert.True(link.BlockErrorRate(j, Math.Pow(10, t / 10)) <= 0.1, $"MCS {j} at its threshold");
            Assert.True(link.BlockErrorRate(j, Math.Pow(10, (t - 0.01) / 10)) > 0.1, $"MCS {j} 0.01 dB below its threshold");
            if (j > 0) Assert.True(t > link.ThresholdDb(j - 1), $"thresholds increase with the rate ({j})");
        }
    }

    [Fact]
    public void SelectionPicksTheHighestRateWhoseThresholdIsAtMostTheSnr()
    {
        var link = Link();
        for (double db = -20; db <= 40; db += 0.37)
        {
            int expected = 0;   // below every threshold the lowest MCS is attempted anyway
            for (int j = 0; j < link.Table.Count; j++) if (link.ThresholdDb(j) <= db) expected = j;
            Assert.Equal(expected, link.Select(Math.Pow(10, db / 10)));
        }
        for (int j = 1; j < link.Table.Count; j++)
        {
            Assert.Equal(j, link.Select(Math.Pow(10, (link.ThresholdDb(j) + 1e-9) / 10)));
            Assert.Equal(j - 1, link.Select(Math.Pow(10, (link.ThresholdDb(j) - 1e-3) / 10)));
        }
        Assert.Equal(link.Table.Count - 1, link.Select(double.PositiveInfinity));
        Assert.Equal(0, link.Select(0));
    }

    [Fact]
    public void VeryHighSnrUsesTheTopMcsOnceAndVeryLowSnrSpendsEveryRetransmission()
    {
        var link = Link(maxRetx: 3);
        var rng = new Xoshiro256StarStar(5);
        double high = Math.Pow(10, 8);   // 80 dB: BLER underflows to 0
        for (int i = 0; i < 100; i++)
        {
            var o = link.Send(high, high, ref rng);
            Assert.Equal(new PacketOutcome(6, 1, true, 52), o);
        }
        double low = Math.Pow(10, -3);   // -30 dB: BLER of BPSK 1/2 rounds to 1
        for (int i = 0; i < 100; i++)
        {
            var o = link.Send(low, low, ref rng);
            Assert.Equal(new PacketOutcome(0, 4, false, 512), o);
            Assert.Equal(4 * 512, o.TotalChannelUses);
        }
    }

    [Fact]
    public void ArqTransmissionCountFollowsTheTruncatedGeometricLaw()
    {
        // MCS chosen at its threshold (selection SNR), errors at a realised SNR 1 dB lower: BLER p in (0, 1). With R
        // retransmissions E[transmissions] = (1 − p^(R+1))/(1 − p) and P(lost) = p^(R+1). n = 20000 packets; the assert
        // allows 4 standard errors of each mean (transmissions ≤ R + 1, so its SD is below (R + 1)/2).
        var link = Link(maxRetx: 2);
        int j = 3;
        double sel = Math.Pow(10, (link.ThresholdDb(j) + 1e-9) / 10), real = Math.Pow(10, (link.ThresholdDb(j) - 1) / 10);
        double p = link.BlockErrorRate(j, real);
        Assert.InRange(p, 0.2, 0.999);
        var rng = new Xoshiro256StarStar(11);
        int n = 20000;
        double tx = 0, lost = 0, tx2 = 0;
        for (int i = 0; i < n; i++)
        {
            var o = link.Send(sel, real, ref rng);
            Assert.Equal(j, o.McsIndex);
            tx += o.Transmissions; tx2 += o.Transmissions * (double)o.Transmissions;
            if (!o.Delivered) lost++;
        }
        double meanTx = tx / n, sdTx = Math.Sqrt(tx2 / n - meanTx * meanTx);
        Assert.Equal((1 - Math.Pow(p, 3)) / (1 - p), meanTx, 4 * sdTx / Math.Sqrt(n));
        double pl = Math.Pow(p, 3);
        Assert.Equal(pl, lost / n, 4 * Math.Sqrt(pl * (1 - pl) / n));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptivePacketLink(McsTable.Default, new NormalApproximationBler(), 0, 128, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptivePacketLink(McsTable.Default, new NormalApproximationBler(), 0.1, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptivePacketLink(McsTable.Default, new NormalApproximationBler(), 0.1, 128, -1));
        Assert.Throws<ArgumentException>(() => new McsTable([new McsEntry("QPSK 1/2", 2, 0.5), new McsEntry("BPSK 1/2", 1, 0.5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Link().Select(-1));
    }
}
