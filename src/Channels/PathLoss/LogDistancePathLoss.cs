namespace PhyToolkit.Channels.PathLoss;

/// <summary>
/// Log-distance path loss <c>L(d) = L0 + 10 n log10(d / d0)</c> dB (textbook model; default of spec ota-fl.md §1.2,
/// [Proposed]). Defaults n = 3, d0 = 1 m, L0 = 0 dB are our choice (they make beta relative to the 1 m gain).
/// </summary>
public sealed class LogDistancePathLoss : IPathLoss
{
    /// <summary>Creates the model.</summary>
    /// <param name="exponent">Path-loss exponent n (finite, &gt; 0).</param>
    /// <param name="referenceDistanceMeters">d0 (&gt; 0).</param>
    /// <param name="referenceLossDb">L0 at d0 (finite).</param>
    public LogDistancePathLoss(double exponent = 3, double referenceDistanceMeters = 1, double referenceLossDb = 0)
    {
        if (!double.IsFinite(exponent) || exponent <= 0) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "exponent must be finite and > 0");
        if (!double.IsFinite(referenceDistanceMeters) || referenceDistanceMeters <= 0)
            throw new ArgumentOutOfRangeException(nameof(referenceDistanceMeters), referenceDistanceMeters, "referenceDistanceMeters must be finite and > 0");
        if (!double.IsFinite(referenceLossDb)) throw new ArgumentOutOfRangeException(nameof(referenceLossDb), referenceLossDb, "referenceLossDb must be finite");
        Exponent = exponent; ReferenceDistanceMeters = referenceDistanceMeters; ReferenceLossDb = referenceLossDb;
    }

    /// <summary>Exponent n.</summary>
    public double Exponent { get; }

    /// <summary>Reference distance d0 in metres.</summary>
    public double ReferenceDistanceMeters { get; }

    /// <summary>Loss L0 at d0 in dB.</summary>
    public double ReferenceLossDb { get; }

    /// <inheritdoc />
    public double LossDb(double distanceMeters)
    {
        if (!double.IsFinite(distanceMeters) || distanceMeters <= 0)
            throw new ArgumentOutOfRangeException(nameof(distanceMeters), distanceMeters, "distanceMeters must be finite and > 0");
        return ReferenceLossDb + 10 * Exponent * Math.Log10(distanceMeters / ReferenceDistanceMeters);
    }

    /// <inheritdoc />
    public double GainLinear(double distanceMeters) => Math.Pow(10, -LossDb(distanceMeters) / 10);
}
