using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// Exponential duration Exp(mean m): m·(−ln U), U uniform on (0, 1]; mean m, variance m². The default computation and
/// link-latency model of the Asyn-PD timing model (arXiv 2509.01172 docs/asyn-pd.md, [Proposed]).
/// </summary>
public sealed class ExponentialDelay : IDelayModel
{
    /// <summary>Exp(<paramref name="mean"/>), mean &gt; 0.</summary>
    public ExponentialDelay(double mean) => MeanValue = Validation.Guard.Positive(mean, nameof(mean));

    private double MeanValue { get; }

    /// <inheritdoc/>
    public string Name => $"exp({Reports.Fmt.F(MeanValue, "0.####")})";

    /// <inheritdoc/>
    public double Mean => MeanValue;

    /// <inheritdoc/>
    public double Variance => MeanValue * MeanValue;

    /// <inheritdoc/>
    public double Sample(ref Xoshiro256StarStar rng) => -MeanValue * Math.Log(rng.NextDoubleNonZero());
}
