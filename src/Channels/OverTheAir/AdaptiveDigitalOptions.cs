using System.Globalization;
using System.Text.Json.Serialization;
using PhyToolkit.Channels.LinkAdaptation;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// The SNR-adaptive digital baseline (docs/ota-fl.md, [Proposed]): b-bit stochastic quantiser, packet = d·b + header bits,
/// MCS chosen per link and round from the SNR the transmitter knows (<see cref="Csi"/>) for a target BLER under the
/// normal-approximation block-error model with an implementation gap, plain ARQ with up to <see cref="MaxRetransmissions"/>
/// retransmissions, every transmission charged in the ledger. Footing: the same average energy A² per real channel use,
/// the same amplitude gains h and the same noise σ_c as the analog methods. Scenario files bind these fields directly
/// (ota-fl: <c>parameters.experiment.adaptiveDigital.*</c>, camelCase; the MCS table is not a file setting).
/// </summary>
public sealed record AdaptiveDigitalOptions : IValidatable
{
    /// <summary>Bits per coordinate of the stochastic quantiser (1..24); our choice 8.</summary>
    public int QuantizerBits { get; init; } = 8;

    /// <summary>Header bits per packet (0..65536); our choice 48 (32-bit scale + 16-bit CRC).</summary>
    public int HeaderBits { get; init; } = 48;

    /// <summary>Target BLER of the MCS thresholds, in (0, 1); our choice 0.1 (the CQI rule of 3GPP TS 36.213 §7.2.3).</summary>
    public double TargetBler { get; init; } = 0.1;

    /// <summary>Implementation gap of the block-error model in dB (0..30); our choice 1.5 dB (0 = the most favourable baseline).</summary>
    public double GapDb { get; init; } = 1.5;

    /// <summary>Retransmissions after the first transmission (0..1000); our choice 3 (four transmissions, as LTE HARQ).</summary>
    public int MaxRetransmissions { get; init; } = 3;

    /// <summary>SNR used for MCS selection.</summary>
    public CsiKind Csi { get; init; } = CsiKind.Instantaneous;

    /// <summary>MCS table (null = <see cref="McsTable.Default"/>).</summary>
    [JsonIgnore]
    public McsTable? Table { get; init; }

    /// <summary>Checks the ranges; a <see cref="ConfigException"/> names <paramref name="path"/>.field (camelCase).</summary>
    public void Validate(string path)
    {
        string P(string f) => Check.Path(path, f);
        Check.InRange(QuantizerBits, 1, 24, P("quantizerBits"));
        Check.InRange(HeaderBits, 0, 65536, P("headerBits"));
        if (!(TargetBler > 0 && TargetBler < 1))
            throw new ConfigException(P("targetBler"), $"got {TargetBler.ToString("R", CultureInfo.InvariantCulture)}; allowed: a number in (0, 1)");
        Check.InRange(GapDb, 0, 30, P("gapDb"));
        Check.InRange(MaxRetransmissions, 0, 1000, P("maxRetransmissions"));
        if (!Enum.IsDefined(Csi)) throw new ConfigException(P("csi"), $"got {Csi}; allowed: 'instantaneous', 'mean'");
    }

    /// <summary>The packet link for vectors of dimension <paramref name="dimension"/>.</summary>
    public AdaptivePacketLink CreateLink(int dimension) =>
        new(Table ?? McsTable.Default, new NormalApproximationBler(GapDb), TargetBler, CreateQuantizer().PacketBits(dimension), MaxRetransmissions);

    /// <summary>The stochastic quantiser.</summary>
    public StochasticVectorQuantizer CreateQuantizer() => new(QuantizerBits, HeaderBits);
}
