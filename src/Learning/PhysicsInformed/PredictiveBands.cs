namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Pointwise posterior-predictive summary of an operator network at Q points: mean, standard deviation and a central
/// interval [Lower, Upper] (<see cref="PosteriorPredictive.Bands"/>).
/// </summary>
public sealed class PredictiveBands
{
    internal PredictiveBands(double[] mean, double[] standardDeviation, double[] lower, double[] upper, double level, int samples)
    {
        Mean = mean; StandardDeviation = standardDeviation; Lower = lower; Upper = upper; Level = level; Samples = samples;
    }

    /// <summary>Predictive mean at each point.</summary>
    public double[] Mean { get; }

    /// <summary>Sample standard deviation of the predictions at each point (0 with one sample).</summary>
    public double[] StandardDeviation { get; }

    /// <summary>Lower end of the interval at each point.</summary>
    public double[] Lower { get; }

    /// <summary>Upper end of the interval at each point.</summary>
    public double[] Upper { get; }

    /// <summary>Nominal level of the interval (e.g. 0.95).</summary>
    public double Level { get; }

    /// <summary>Number of posterior samples behind the summary.</summary>
    public int Samples { get; }

    /// <summary>Fraction of points whose reference value lies in [Lower, Upper] (<see cref="PosteriorPredictive.Coverage"/>).</summary>
    public double Coverage(ReadOnlySpan<double> reference) => PosteriorPredictive.Coverage(reference, Lower, Upper);

    /// <summary>Mean interval width (<see cref="PosteriorPredictive.MeanWidth"/>).</summary>
    public double MeanWidth() => PosteriorPredictive.MeanWidth(Lower, Upper);
}
