namespace PhyToolkit.Optimization.Sampling;

/// <summary>Outcome of a <see cref="ReplicaExchangeSgld"/> run.</summary>
public sealed class ReplicaExchangeResult
{
    internal ReplicaExchangeResult(int dimension, double[] samples, int swapAttempts, int swapsAccepted, double varianceEstimate,
        double[] finalLow, double[] finalHigh)
    {
        Dimension = dimension; Samples = samples; SwapAttempts = swapAttempts; SwapsAccepted = swapsAccepted;
        VarianceEstimate = varianceEstimate; FinalLow = finalLow; FinalHigh = finalHigh;
    }

    /// <summary>Dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Thinned post-burn-in states of the low-temperature replica, row-major (count×d): samples of exp(−U/τ1).</summary>
    public double[] Samples { get; }

    /// <summary>Number of samples.</summary>
    public int SampleCount => Samples.Length / Dimension;

    /// <summary>Swap attempts made.</summary>
    public int SwapAttempts { get; }

    /// <summary>Swaps accepted.</summary>
    public int SwapsAccepted { get; }

    /// <summary>Acceptance rate SwapsAccepted / SwapAttempts (NaN with no attempt).</summary>
    public double SwapRate => SwapAttempts == 0 ? double.NaN : (double)SwapsAccepted / SwapAttempts;

    /// <summary>Final running estimate σ̂² (half the variance of the energy-difference estimate D̃).</summary>
    public double VarianceEstimate { get; }

    /// <summary>Final state of the low-temperature replica.</summary>
    public double[] FinalLow { get; }

    /// <summary>Final state of the high-temperature replica.</summary>
    public double[] FinalHigh { get; }
}
