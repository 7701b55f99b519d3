using CsCheck;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;
using PhyToolkit.Channels.Fading;

namespace PhyToolkit.Channels.Tests.OverTheAir;

public class LedgerAndPowerControlTests
{
    [Fact]
    public void PointToPointLinkCountsPayloadSideInformationAndAirtime()
    {
        var ledger = new ChannelUseLedger();
        var u = new[] { 0.5, -1.0, 0.25 };
        var uHat = new double[3];
        var s = new Xoshiro256StarStar(1); var z = new Xoshiro256StarStar(2);
        var hw = new LinkHardware(2, 0.1, null, new UniformQuantizer(4, 2));
        PointToPointLink.Transmit(new BinaryStochasticCoder(5), u, 1, hw, ref s, ref z, uHat, ledger, round: 3, LinkDirection.Uplink, link: 7);
        Assert.Equal(3 * 5, ledger.Symbols(round: 3, link: 7, kind: ChannelUseKind.Payload));
        Assert.Equal(64, ledger.Symbols(round: 3, link: 7, kind: ChannelUseKind.SideInformation));
        Assert.Equal(15 + 64, ledger.AirtimeInRound(3));
        Assert.Equal(15 * 4.0, ledger.Energy(kind: ChannelUseKind.Payload), 1e-12);   // P1 sends +-A, A^2 = 4 per symbol
        PointToPointLink.Transmit(new DigitalCoder(), u, 1, hw, ref s, ref z, uHat, ledger, round: 4, LinkDirection.Downlink, link: 0);
        Assert.Equal(3 * 64, ledger.Symbols(round: 4, direction: LinkDirection.Downlink));
        Assert.Equal(15 + 64 + 192, ledger.TotalAirtime);
        Assert.Equal(15, ledger.TotalSymbolsOf(LinkDirection.Uplink, ChannelUseKind.Payload));
    }

    [Fact]
    public void OverTheAirAggregationCountsSharedAirtimeOnce()
    {
        int M = 4, d = 6, k = 3;
        var betas = new[] { 1.0, 1.0, 1.0, 1.0 };
        var pc = new TruncatedChannelInversion(0.1, new[] { 1.0, 1, 1, 1 }, betas, NoFading.Instance);
        var agg = new UplinkAggregator(new UplinkOptions { Repetitions = k, NoiseStd = 0.1 }, pc);
        var ledger = new ChannelUseLedger();
        var updates = new double[M * d];
        for (int i = 0; i < updates.Length; i++) updates[i] = Math.Sin(i);
        var s = new Xoshiro256StarStar(1); var z = new Xoshiro256StarStar(2);
        var est = new double[d];
        agg.Aggregate(updates, new[] { 0, 1, 2, 3 }, new[] { 1.0, 1, 1, 1 }, 0, ref s, ref z, est, ledger);
        for (int m = 0; m < M; m++)
        {
            Assert.Equal(k * d, ledger.Symbols(link: m, kind: ChannelUseKind.Payload));
            Assert.Equal(64, ledger.Symbols(link: m, kind: ChannelUseKind.SideInformation));   // c_m up
        }
        Assert.Equal(64, ledger.Symbols(link: ChannelUseLedger.BroadcastLink));                  // c broadcast
        Assert.Equal(k * d + M * 64, ledger.Airtime(LinkDirection.Uplink));                     // superposition: k d once
        Assert.Equal(64, ledger.Airtime(LinkDirection.Downlink));
    }

    [Fact]
    public void OtaMacPrimitivesAreExactWithoutNoise()
    {
        var x = new[] { 1.0, 2, 3, /* dev 1 */ -1, 0.5, 0 };
        var y = new double[3];
        var z = new Xoshiro256StarStar(1);
        var ledger = new ChannelUseLedger();
        OtaMac.AnalogSum(x, 2, new[] { 2.0, 4.0 }, 0, IdealQuantizer.Instance, ref z, y, ledger);
        Assert.Equal(new[] { 2.0 - 4, 4 + 2, 6 }, y);
        Assert.Equal(3, ledger.Airtime(LinkDirection.Uplink));
        Assert.Equal(2, ledger.Symbols(link: 1));   // device 1 is silent on its zero symbol
        var r = new double[6];
        OtaMac.Broadcast(new[] { 1.0, -2, 0.5 }, new[] { 1.0, 3.0 }, 0, IdealQuantizer.Instance, ref z, r, ledger);
        Assert.Equal(new[] { 1.0, -2, 0.5, 3, -6, 1.5 }, r);
        Assert.Equal(3, ledger.Airtime(LinkDirection.Downlink));
    }

    [Fact]
    public void TruncatedInversionNeverExceedsThePeakBudget()
    {
        // property: for any gain, device and budget, |f_m(h) A| <= A_max,m, and f = 0 exactly when h^2 < theta
        Gen.Select(Gen.Double[0.01, 1], Gen.Double[0.05, 5], Gen.Double[0, 4], Gen.Int[0, 2], Gen.Bool)
            .Sample((theta, aMax0, h, dev, ipw) =>
            {
                var peaks = new[] { aMax0, 0.5 * aMax0 + 0.01, 2 * aMax0 };
                var betas = new[] { 1.0, 0.3, 0.05 };
                var pc = new TruncatedChannelInversion(theta, peaks, betas, RayleighFading.Instance, 0.8, ipw);
                double f = pc.AmplitudeFactor(dev, h);
                bool silent = h * h < theta;
                return (silent ? f == 0 : f > 0) && f * pc.SymbolAmplitude <= pc.PeakAmplitude(dev) * (1 + 1e-12);
            }, iter: 2000);   // CsCheck prints the failing seed
    }

    [Fact]
    public void FullPowerTransmitsAtThePeakBudget()
    {
        var pc = new FullPowerControl(new[] { 0.5, 2.0 }, 0.25);
        Assert.Equal(0.5, pc.AmplitudeFactor(0, 0.01) * 0.25, 1e-15);
        Assert.Equal(2.0, pc.AmplitudeFactor(1, 7) * 0.25, 1e-15);
        Assert.Equal(1.0, pc.InclusionProbability(1));
    }

    [Fact]
    public void InclusionProbabilityMatchesParticipationFrequency()
    {
        var betas = new[] { 2.0, 0.2 };
        var pc = new TruncatedChannelInversion(0.1, new[] { 1.0, 1.0 }, betas, RayleighFading.Instance);
        var fading = new BlockFadingProcess(RayleighFading.Instance, betas, 5);
        const int n = 50_000;
        for (int m = 0; m < 2; m++)
        {
            int on = 0;
            for (int t = 0; t < n; t++) if (pc.AmplitudeFactor(m, fading.Amplitude(t, m)) > 0) on++;
            double p = pc.InclusionProbability(m);
            Assert.Equal(Math.Exp(-0.1 / betas[m]), p, 1e-15);
            double se = Math.Sqrt(p * (1 - p) / n);
            Assert.InRange((double)on / n - p, -4 * se, 4 * se);   // binomial, 4 SE
        }
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new TruncatedChannelInversion(double.NaN, new[] { 1.0 }, new[] { 1.0 }, RayleighFading.Instance)).ParamName);
        Assert.Equal("options.NoiseStd", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new UplinkAggregator(new UplinkOptions { Mode = UplinkMode.Digital, NoiseStd = double.NaN })).ParamName);
        Assert.Equal("options.AdcBits", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new UplinkAggregator(new UplinkOptions { Mode = UplinkMode.Digital, AdcBits = 0 })).ParamName);
        Assert.Equal("options.Repetitions", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DownlinkBroadcaster(new DownlinkOptions { Repetitions = 0 })).ParamName);
        var agg = new UplinkAggregator(new UplinkOptions { Mode = UplinkMode.Digital });
        var s = new Xoshiro256StarStar(1); var z = new Xoshiro256StarStar(2);
        Assert.Equal("workers", Assert.Throws<ArgumentException>(() =>
            agg.Aggregate(Array.Empty<double>(), Array.Empty<int>(), Array.Empty<double>(), 0, ref s, ref z, new double[3])).ParamName);
    }
}
