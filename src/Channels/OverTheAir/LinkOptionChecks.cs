using PhyToolkit.Channels.LinkAdaptation;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>The option checks and adaptive-digital set-up shared by <see cref="UplinkAggregator"/> and <see cref="DownlinkBroadcaster"/>.</summary>
internal static class LinkOptionChecks
{
    /// <summary>Scheme, repetitions k ∈ [1, 2²⁰], amplitude A &gt; 0, noise σ ≥ 0 and converter resolutions in [1, 24] bits (or ideal).</summary>
    public static void Common(OtaSymbolScheme scheme, int repetitions, double symbolAmplitude, double noiseStd, int? adcBits, int? dacBits)
    {
        if (!Enum.IsDefined(scheme)) throw new ArgumentOutOfRangeException("options.Scheme", scheme, "unknown symbol scheme");
        if (repetitions < 1 || repetitions > 1 << 20) throw new ArgumentOutOfRangeException("options.Repetitions", repetitions, "Repetitions must be in [1, 1048576]");
        if (!double.IsFinite(symbolAmplitude) || symbolAmplitude <= 0) throw new ArgumentOutOfRangeException("options.SymbolAmplitude", symbolAmplitude, "SymbolAmplitude must be finite and > 0");
        if (!double.IsFinite(noiseStd) || noiseStd < 0) throw new ArgumentOutOfRangeException("options.NoiseStd", noiseStd, "NoiseStd must be finite and >= 0 (check the SNR in dB)");
        if (adcBits is int ab && (ab < 1 || ab > 24)) throw new ArgumentOutOfRangeException("options.AdcBits", ab, "AdcBits must be in [1, 24] or null (ideal)");
        if (dacBits is int db && (db < 1 || db > 24)) throw new ArgumentOutOfRangeException("options.DacBits", db, "DacBits must be in [1, 24] or null (ideal)");
    }

    /// <summary>
    /// Validates the adaptive-digital options (errors name <c>options.adaptiveDigital.*</c>) and returns the stochastic
    /// quantiser, fresh packet counters for the MCS table, and the mean gains (checked &gt; 0) when the MCS is chosen from
    /// the mean SNR (<see cref="CsiKind.Mean"/>; null otherwise).
    /// </summary>
    public static (StochasticVectorQuantizer Quantizer, PacketStatistics Packets, double[]? MeanGains) AdaptiveDigital(AdaptiveDigitalOptions options, double[]? meanGains)
    {
        options.Validate("options.adaptiveDigital");
        double[]? gains = options.Csi == CsiKind.Mean
            ? Guard.AllPositive(meanGains ?? throw new ArgumentNullException(nameof(meanGains), "CsiKind.Mean needs the mean gains"), "meanGains")
            : null;
        return (options.CreateQuantizer(), new PacketStatistics((options.Table ?? McsTable.Default).Count), gains);
    }
}
