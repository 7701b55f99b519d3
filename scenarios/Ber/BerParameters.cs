using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Ber;

/// <summary>Parameters of <c>ber-awgn-rayleigh</c>.</summary>
public sealed record BerParameters : IValidatable
{
    /// <summary>Eb/N0 grid in dB, each in [−10, 40].</summary>
    public double[] EbN0Db { get; init; } = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20];
    /// <summary>Modulations: "bpsk", "qpsk".</summary>
    public string[] Modulations { get; init; } = ["bpsk", "qpsk"];
    /// <summary>Channels: "awgn", "rayleigh".</summary>
    public string[] Channels { get; init; } = ["awgn", "rayleigh"];
    /// <summary>Symbols per trial (one frame), in [1, 10^7].</summary>
    public int SymbolsPerTrial { get; init; } = 1000;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(EbN0Db, -10, 40, Check.Path(path, "ebN0Db"));
        Check.Distinct(EbN0Db, Check.Path(path, "ebN0Db"));
        if (Modulations == null || Modulations.Length == 0) throw new ConfigException(Check.Path(path, "modulations"), "must list at least one of 'bpsk', 'qpsk'");
        if (Channels == null || Channels.Length == 0) throw new ConfigException(Check.Path(path, "channels"), "must list at least one of 'awgn', 'rayleigh'");
        for (int i = 0; i < Modulations.Length; i++) Check.OneOf(Modulations[i], $"{Check.Path(path, "modulations")}[{i}]", "bpsk", "qpsk");
        for (int i = 0; i < Channels.Length; i++) Check.OneOf(Channels[i], $"{Check.Path(path, "channels")}[{i}]", "awgn", "rayleigh");
        Check.Distinct(Modulations, Check.Path(path, "modulations"));
        Check.Distinct(Channels, Check.Path(path, "channels"));
        Check.InRange(SymbolsPerTrial, 1, 10_000_000, Check.Path(path, "symbolsPerTrial"));
    }
}
