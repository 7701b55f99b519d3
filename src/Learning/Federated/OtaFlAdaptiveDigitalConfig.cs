using System.Globalization;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Settings of the SNR-adaptive digital baseline (method <see cref="OtaFlMethod.AdaptiveDigitalAdaGradNorm"/>,
/// docs/ota-fl.md; every value [Proposed], our choice): b-bit stochastic quantiser, packet = d·b + header bits, MCS per
/// worker and round from its SNR for a target BLER under the normal-approximation block-error model with an implementation
/// gap, ARQ with a retransmission limit. JSON: <c>parameters.experiment.adaptiveDigital.*</c>. The library form is
/// <see cref="AdaptiveDigitalOptions"/> (<see cref="ToOptions"/>).
/// </summary>
public sealed record OtaFlAdaptiveDigitalConfig : IValidatable
{
    /// <summary>Bits per coordinate b of the stochastic quantiser (1..24); 8.</summary>
    public int QuantizerBits { get; init; } = 8;

    /// <summary>Header bits per packet (0..65536); 48 = 32-bit scale + 16-bit CRC.</summary>
    public int HeaderBits { get; init; } = 48;

    /// <summary>Target BLER of the MCS thresholds, in (0, 1); 0.1.</summary>
    public double TargetBler { get; init; } = 0.1;

    /// <summary>Implementation gap of the block-error model, dB (0..30); 1.5.</summary>
    public double GapDb { get; init; } = 1.5;

    /// <summary>Retransmissions after the first transmission (0..1000); 3.</summary>
    public int MaxRetransmissions { get; init; } = 3;

    /// <summary>SNR used for MCS selection: instantaneous (perfect CSI) or mean (statistical CSI).</summary>
    public CsiKind Csi { get; init; } = CsiKind.Instantaneous;

    /// <inheritdoc/>
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

    /// <summary>The library options (default MCS table).</summary>
    public AdaptiveDigitalOptions ToOptions() => new()
    {
        QuantizerBits = QuantizerBits, HeaderBits = HeaderBits, TargetBler = TargetBler, GapDb = GapDb,
        MaxRetransmissions = MaxRetransmissions, Csi = Csi,
    };
}
