using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.OverTheAir;

/// <summary>The SNR-adaptive digital uplink and broadcast: hand-counted ledgers and their limits.</summary>
public class AdaptiveDigitalLinkTests
{
    private static readonly AdaptiveDigitalOptions Adaptive = new() { QuantizerBits = 8, HeaderBits = 48, MaxRetransmissions = 3 };

    private static UplinkAggregator Uplink(double noiseStd, CsiKind csi = CsiKind.Instantaneous, double[]? meanGains = null) =>
        new(new UplinkOptions { Mode = UplinkMode.AdaptiveDigital, NoiseStd = noiseStd, SymbolAmplitude = 1, AdaptiveDigital = Adaptive with { Csi = csi } }, null, meanGains);

    [Fact]
    public void LedgerCountsEveryTransmissionOfTwoMcsChoicesExactly()
    {
        // d = 10: packet = 10 * 8 + 48 = 128 bits. Mean CSI, σ = 0.01 (A = 1, 40 dB at unit gain). Worker 0: mean gain 1 and h = 1
        // -> 64-QAM 5/6, 52 uses, BLER 0 at 40 dB: one transmission. Worker 1: mean SNR just above the BPSK 1/2 threshold (below
        // QPSK 1/2's) -> BPSK 1/2, 512 uses, but realised h = 1e-4 (-40 dB): BLER 1, 1 + 3 transmissions, lost. Worker 2 as worker 0.
        // Hand count: uplink symbols 52 + 4 * 512 + 52 = 2152, airtime the same (orthogonal slots).
        var probe = new AdaptiveDigitalOptions().CreateLink(10);
        double sigma = 0.01;
        double beta1 = Math.Pow(10, (probe.ThresholdDb(0) + 0.01) / 10) * sigma * sigma;   // mean SNR = threshold_0 + 0.01 dB
        Assert.True(10 * Math.Log10(beta1 / (sigma * sigma)) < probe.ThresholdDb(1));
        var up = Uplink(sigma, CsiKind.Mean, [1.0, beta1, 1.0]);
        int d = 10;
        var u = new double[3 * d];
        for (int i = 0; i < u.Length; i++) u[i] = Math.Sin(i + 1);
        var ledger = new ChannelUseLedger();
        var s = new Xoshiro256StarStar(1); var z = new Xoshiro256StarStar(2);
        var est = new double[d];
        var rep = up.Aggregate(u, [0, 1, 2], [1.0, 1e-4, 1.0], 7, ref s, ref z, est, ledger);
        Assert.Equal(52, ledger.Symbols(round: 7, link: 0));
        Assert.Equal(4 * 512, ledger.Symbols(round: 7, link: 1));
        Assert.Equal(4, ledger.Entries.Count(e => e.Link == 1));   // one record per transmission
        Assert.Equal(52, ledger.Symbols(round: 7, link: 2));
        Assert.Equal(2152, ledger.TotalAirtime);
        Assert.Equal(2152, ledger.TotalSymbolsOf(LinkDirection.Uplink, ChannelUseKind.Payload));
        Assert.Equal(2152.0, ledger.TotalEnergy, 9);   // A² = 1 per real use
        Assert.Equal(0, ledger.TotalSymbolsOf(LinkDirection.Uplink, ChannelUseKind.SideInformation));   // the scale rides in the header
        // worker 1's update is dropped: the estimate averages workers 0 and 2 (quantised, within one grid step of their mean)
        Assert.Equal(2, rep.Participants);
        Assert.Equal(3, up.Packets!.Packets);
        Assert.Equal(3, up.Packets.Retransmissions);
        Assert.Equal(1, up.Packets.Lost);
        Assert.Equal(2, up.Packets.McsUse(6));
        Assert.Equal(1, up.Packets.McsUse(0));
        double step0 = 2 * 1.0 / 255;   // |u| <= 1: grid step at most 2/255
        for (int i = 0; i < d; i++) Assert.InRange(est[i], 0.5 * (u[i] + u[2 * d + i]) - step0, 0.5 * (u[i] + u[2 * d + i]) + step0);
    }

    [Fact]
    public void InstantaneousCsiBelowEveryThresholdIsAnOutageThatCostsNothing()
    {
        // worker 1 at -40 dB knows its packet would fail: silent, nothing charged, update dropped; worker 0 at 40 dB: 52 uses
        var up = Uplink(0.01);
        var ledger = new ChannelUseLedger();
        var s = new Xoshiro256StarStar(1); var z = new Xoshiro256StarStar(2);
        var rep = up.Aggregate(new double[20], [0, 1], [1.0, 1e-4], 0, ref s, ref z, new double[10], ledger);
        Assert.Equal(1, rep.Participants);
        Assert.Equal(52, ledger.TotalAirtime);
        Assert.Equal(0, ledger.Symbols(link: 1));
        Assert.Equal(1, up.Packets!.Outages);
        Assert.Equal(0, up.Packets.Retransmissions);
        Assert.Equal(1, up.Packets.Lost);
    }

    [Fact]
    public void NoiselessLinkUsesTheTopMcsWithoutRetransmissionsAndIsUnbiased()
    {
        // σ = 0: infinite SNR. Mean of the estimate over 4000 rounds within 4 SE of the mean update (SE from the V_ch bound).
        var up = Uplink(0);
        int d = 4, M = 3, n = 4000;
        double[] u = [0.9, -0.2, 0.05, 0.4, -1.0, 0.3, 0.0, 0.7, 0.25, -0.6, 0.1, -0.33];
        var target = new double[d];
        for (int m = 0; m < M; m++) for (int i = 0; i < d; i++) target[i] += u[m * d + i] / M;
        var s = new Xoshiro256StarStar(3); var z = new Xoshiro256StarStar(4);
        var est = new double[d];
        var mean = new double[d];
        var ledger = new ChannelUseLedger();
        double bound = 0;
        for (int r = 0; r < n; r++)
        {
            var rep = up.Aggregate(u, [0, 1, 2], [0.3, 1, 2], r, ref s, ref z, est, ledger);
            Assert.Equal(M, rep.Participants);
            bound = rep.ChannelVarianceBound;
            for (int i = 0; i < d; i++) mean[i] += est[i] / n;
        }
        Assert.Equal(0, up.Packets!.Retransmissions);
        Assert.Equal(M * n, up.Packets.McsUse(6));
        // packet = 4 * 8 + 48 = 80 bits at 2.5 bits per use = 32 uses per worker and round
        Assert.Equal(32L * M * n, ledger.TotalAirtime);
        for (int i = 0; i < d; i++) Assert.True(Math.Abs(mean[i] - target[i]) <= 4 * Math.Sqrt(bound / n), $"coordinate {i}");
    }

    [Fact]
    public void LowerSnrCostsMoreSymbols()
    {
        // the same updates and fading draws at 20 dB and at 0 dB mean SNR (Rayleigh, 200 rounds): lower rates and more
        // retransmissions make the ledger grow
        long Cost(double snrDb, out long retx)
        {
            var up = Uplink(Math.Pow(10, -snrDb / 20));
            var ledger = new ChannelUseLedger();
            var s = new Xoshiro256StarStar(5); var z = new Xoshiro256StarStar(6); var f = new Xoshiro256StarStar(7);
            var u = new double[2 * 8];
            var est = new double[8];
            for (int r = 0; r < 200; r++)
            {
                for (int i = 0; i < u.Length; i++) u[i] = f.NextGaussian();
                double[] h = [Math.Sqrt(-Math.Log(1 - f.NextDouble())), Math.Sqrt(-Math.Log(1 - f.NextDouble()))];   // Rayleigh, E h² = 1
                up.Aggregate(u, [0, 1], h, r, ref s, ref z, est, ledger);
            }
            retx = up.Packets!.Retransmissions;
            return ledger.TotalAirtime;
        }
        long high = Cost(20, out long retxHigh), low = Cost(0, out long retxLow);
        Assert.True(low > 2 * high, $"0 dB: {low}, 20 dB: {high}");
        Assert.True(retxLow >= retxHigh);
    }

    [Fact]
    public void MeanCsiSelectsFromTheMeanGainAndNeedsIt()
    {
        Assert.Throws<ArgumentNullException>(() => Uplink(0.1, CsiKind.Mean));
        // mean gain 1 at σ = 0.01 (40 dB) selects 64-QAM 5/6 even when the realised gain is in a deep fade (h = 1e-4): BLER 1,
        // four transmissions of 52 uses, lost
        var up = Uplink(0.01, CsiKind.Mean, [1.0]);
        var ledger = new ChannelUseLedger();
        var s = new Xoshiro256StarStar(1); var z = new Xoshiro256StarStar(2);
        var rep = up.Aggregate(new double[10] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, [0], [1e-4], 0, ref s, ref z, new double[10], ledger);
        Assert.Equal(0, rep.Participants);
        Assert.Equal(4 * 52, ledger.TotalAirtime);
        Assert.Equal(1, up.Packets!.McsUse(6));
    }

    [Fact]
    public void BroadcastUsesTheWeakestServedReceiversMcsAndRepeatsUntilTheLimit()
    {
        // σ = 0.01, d = 10. Instantaneous CSI: receivers at 40, -40 and 40 dB; the one at -40 dB is in outage (not served), the
        // others get 64-QAM 5/6 (52 uses) and decode it at once. Mean CSI with mean SNR 40 dB for all: 64-QAM 5/6 for everyone, the
        // deep-faded receiver (BLER 1) makes the server repeat: 1 + 3 transmissions of 52 uses, and it still misses Δ.
        int d = 10;
        var delta = new double[d];
        for (int i = 0; i < d; i++) delta[i] = 0.1 * (i - 4.5);
        foreach (var (csi, uses, retx) in new[] { (CsiKind.Instantaneous, 52L, 0L), (CsiKind.Mean, 4 * 52L, 3L) })
        {
            var dn = new DownlinkBroadcaster(new DownlinkOptions { Digital = true, NoiseStd = 0.01, AdaptiveDigital = Adaptive with { Csi = csi } }, [1.0, 1.0, 1.0]);
            Assert.True(dn.IsAdaptiveDigital);
            var q = new Xoshiro256StarStar(9);
            var sent = (double[])delta.Clone();
            dn.QuantizeForBroadcast(sent, ref q);
            var received = new double[3 * d];
            var ledger = new ChannelUseLedger();
            var s = new Xoshiro256StarStar(1); var z = new Xoshiro256StarStar(2);
            dn.Broadcast(sent, [1.0, 1e-4, 1.0], 3, ref s, ref z, received, ledger);
            Assert.Equal(uses, ledger.Symbols(round: 3, direction: LinkDirection.Downlink));
            Assert.Equal(uses, ledger.TotalAirtime);
            Assert.Equal(sent, received.AsSpan(0, d).ToArray());
            Assert.All(received.AsSpan(d, d).ToArray(), v => Assert.Equal(0, v));
            Assert.Equal(sent, received.AsSpan(2 * d, d).ToArray());
            Assert.Equal(1, dn.MissedReceptions);
            Assert.Equal(retx, dn.Packets!.Retransmissions);
        }
    }
}
