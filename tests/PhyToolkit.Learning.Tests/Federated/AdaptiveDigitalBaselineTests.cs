using PhyToolkit.Channels.Fading;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Federated;

/// <summary>Method (A~), the SNR-adaptive digital baseline, run through the federated trainer on D1 (d = 21).</summary>
public class AdaptiveDigitalBaselineTests
{
    private static OtaFlExperimentConfig Small(double snrDb, FadingKind fading, int rounds = 20) => new()
    {
        SnrDb = snrDb, Fading = fading, Rounds = rounds, SamplesPerWorker = 60, TestSamples = 200,
    };

    [Fact]
    public void VeryHighSnrUsesTheTopMcsWithZeroRetransmissionsAndTheHandCountedLedger()
    {
        // 60 dB, no fading (h = sqrt(beta), beta spread over 10 dB): every link is far above every MCS threshold, so every uplink
        // packet and every broadcast uses 64-QAM 5/6 once. Packet = 21 * 8 + 48 = 216 bits at 2.5 bits per real use = 87 uses:
        // per worker link and round 87 uplink + 87 broadcast; no resync (resyncEvery = 0 in the record's defaults).
        var cfg = Small(60, FadingKind.None);
        var r = OtaFlMethods.Run(OtaFlMethod.AdaptiveDigitalAdaGradNorm, cfg, 7);
        var up = r.UplinkPackets!;
        var dn = r.DownlinkPackets!;
        Assert.Equal(20 * 10, up.Packets);
        Assert.Equal(0, up.Retransmissions);
        Assert.Equal(0, up.Lost);
        Assert.Equal(0, up.Outages);
        Assert.Equal(up.Packets, up.McsUse[^1]);
        Assert.Equal(20, dn.Packets);
        Assert.Equal(0, dn.Retransmissions);
        Assert.Equal(0, dn.Lost);
        Assert.Equal(dn.Packets, dn.McsUse[^1]);
        Assert.Equal(20 * (87 + 87), r.CumulativeSymbolsPerWorker[^1]);
        Assert.Equal(20 * (87 + 87), r.CumulativePayloadSymbolsPerWorker[^1]);
        // airtime: ten orthogonal uplink packets and one broadcast per round
        Assert.Equal(20L * (10 * 87 + 87), r.CumulativeAirtime[^1]);
        Assert.Equal(10, r.MeanParticipants);
        // the fixed float32 baseline (A) of the same run costs 64 uses per coordinate each way
        var a = OtaFlMethods.Run(OtaFlMethod.DigitalAdaGradNorm, cfg, 7);
        Assert.Equal(20.0 * 21 * 64 * 2, a.CumulativeSymbolsPerWorker[^1]);
        Assert.Null(a.UplinkPackets);
    }

    [Fact]
    public void AtLowSnrTheLedgerGrows()
    {
        // the same seed (data, batches, fading) at 20 dB and at 0 dB mean SNR under Rayleigh fading: lower MCS rates,
        // retransmissions and outages; the symbols per worker link grow
        var high = OtaFlMethods.Run(OtaFlMethod.AdaptiveDigitalAdaGradNorm, Small(20, FadingKind.Rayleigh, 30), 3);
        var low = OtaFlMethods.Run(OtaFlMethod.AdaptiveDigitalAdaGradNorm, Small(0, FadingKind.Rayleigh, 30), 3);
        Assert.True(low.CumulativeSymbolsPerWorker[^1] > 1.5 * high.CumulativeSymbolsPerWorker[^1],
            $"0 dB: {low.CumulativeSymbolsPerWorker[^1]}, 20 dB: {high.CumulativeSymbolsPerWorker[^1]}");
        Assert.True(low.UplinkPackets!.Retransmissions + low.UplinkPackets.Outages > high.UplinkPackets!.Retransmissions + high.UplinkPackets.Outages);
        Assert.True(low.MeanParticipants < high.MeanParticipants);
    }

    [Fact]
    public void MeanCsiVariantRunsAndIsDeterministic()
    {
        var cfg = Small(10, FadingKind.Rayleigh) with { AdaptiveDigital = new AdaptiveDigitalOptions { Csi = CsiKind.Mean, QuantizerBits = 4 } };
        var a = OtaFlMethods.Run(OtaFlMethod.AdaptiveDigitalAdaGradNorm, cfg, 5);
        var b = OtaFlMethods.Run(OtaFlMethod.AdaptiveDigitalAdaGradNorm, cfg, 5);
        Assert.Equal(a.FinalParameters, b.FinalParameters);
        Assert.Equal(a.CumulativeSymbolsPerWorker, b.CumulativeSymbolsPerWorker);
        Assert.Equal(0, a.UplinkPackets!.Outages);   // mean CSI never declares an outage: it attempts the lowest MCS
        Assert.True(a.FinalTrainLoss < a.TrainLoss[0]);
    }

    [Theory]
    [InlineData("quantizerBits", 0)]
    [InlineData("maxRetransmissions", -1)]
    [InlineData("targetBler", 1.0)]
    [InlineData("gapDb", -1.0)]
    [InlineData("headerBits", -1)]
    public void BadAdaptiveSettingsNameTheirField(string field, double value)
    {
        var ad = field switch
        {
            "quantizerBits" => new AdaptiveDigitalOptions { QuantizerBits = (int)value },
            "maxRetransmissions" => new AdaptiveDigitalOptions { MaxRetransmissions = (int)value },
            "targetBler" => new AdaptiveDigitalOptions { TargetBler = value },
            "gapDb" => new AdaptiveDigitalOptions { GapDb = value },
            _ => new AdaptiveDigitalOptions { HeaderBits = (int)value },
        };
        var e = Assert.Throws<ConfigException>(() => new OtaFlExperimentConfig { AdaptiveDigital = ad }.Validate("experiment"));
        Assert.Equal($"experiment.adaptiveDigital.{field}", e.Path);
    }
}
