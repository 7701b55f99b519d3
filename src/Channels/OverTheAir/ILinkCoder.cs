namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// A pre-coder / post-coder pair for one point-to-point link carrying normalised coordinates v in [-1, 1]
/// (v = u / c with the scale c sent digitally). Exposes the mean and variance of the per-coordinate estimate
/// (docs/ota-fl.md, [Proposed]).
/// </summary>
public interface ILinkCoder
{
    /// <summary>Short name for reports.</summary>
    string Name { get; }

    /// <summary>Real channel uses spent per coordinate per link (k for analog coders, 32/r for the digital baseline).</summary>
    int SymbolsPerCoordinate { get; }

    /// <summary>E[v_hat] for input <paramref name="v"/> over link gain <paramref name="gain"/> (= v when unbiased).</summary>
    double Mean(double v, double gain, LinkHardware hardware);

    /// <summary>Var(v_hat) of the repetition-averaged estimate.</summary>
    double Variance(double v, double gain, LinkHardware hardware);
}
