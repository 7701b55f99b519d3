namespace PhyToolkit.Core.Statistics;

/// <summary>A point estimate with a two-sided confidence interval.</summary>
/// <param name="Estimate">The point estimate (a mean, a mean difference, a ratio).</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="Level">Confidence level in (0, 1), e.g. 0.95.</param>
/// <param name="Samples">Number of independent samples (pairs) the interval rests on.</param>
public readonly record struct ConfidenceInterval(double Estimate, double Low, double High, double Level, int Samples)
{
    /// <summary>An interval that could not be computed (too few samples): every field NaN.</summary>
    public static ConfidenceInterval Undefined(double estimate = double.NaN, int samples = 0) => new(estimate, double.NaN, double.NaN, double.NaN, samples);

    /// <summary>Whether both ends are finite.</summary>
    public bool IsDefined => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>Half the width of the interval.</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>Whether <paramref name="value"/> lies in [Low, High].</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>The interval scaled by <paramref name="factor"/> (&gt; 0), e.g. to percent.</summary>
    public ConfidenceInterval Scale(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return this with { Estimate = Estimate * factor, Low = Low * factor, High = High * factor };
    }

    /// <summary>The interval shifted by <paramref name="offset"/>.</summary>
    public ConfidenceInterval Shift(double offset) => this with { Estimate = Estimate + offset, Low = Low + offset, High = High + offset };
}
