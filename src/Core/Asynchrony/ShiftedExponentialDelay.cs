using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// Shifted exponential duration s + Exp(m): a fixed minimum s plus an exponential tail of mean m; mean s + m, variance m²
/// (the straggler model common in coded-computation studies; option of the Asyn-PD timing model, docs/asyn-pd.md, [Proposed]).
/// </summary>
public sealed class ShiftedExponentialDelay : IDelayModel
{
    /// <summary>Shift <paramref name="shift"/> &gt;= 0 plus Exp(<paramref name="tailMean"/>), tail mean &gt; 0.</summary>
    public ShiftedExponentialDelay(double shift, double tailMean)
    {
        Shift = Validation.Guard.NonNegative(shift, nameof(shift));
        TailMean = Validation.Guard.Positive(tailMean, nameof(tailMean));
    }

    /// <summary>The minimum duration s.</summary>
    public double Shift { get; }

    /// <summary>The mean m of the exponential part.</summary>
    public double TailMean { get; }

    /// <inheritdoc/>
    public string Name => $"shiftexp({Reports.Fmt.F(Shift, "0.####")}+{Reports.Fmt.F(TailMean, "0.####")})";

    /// <inheritdoc/>
    public double Mean => Shift + TailMean;

    /// <inheritdoc/>
    public double Variance => TailMean * TailMean;

    /// <inheritdoc/>
    public double Sample(ref Xoshiro256StarStar rng) => Shift - TailMean * Math.Log(rng.NextDoubleNonZero());
}
