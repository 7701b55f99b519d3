namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// Thrown by <see cref="MemoryPairLearner.Predict"/> while the live sample count is below the sample complexity N* of
/// Theorem D (the deferred inference gate of arXiv 2508.10193) [P].
/// </summary>
public sealed class InferenceGateClosedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="samples"/> live samples against the threshold <paramref name="threshold"/>.</summary>
    public InferenceGateClosedException(long samples, long threshold)
        : base($"inference gate closed: {samples} live samples < N* = {threshold} (sample complexity, Theorem D of arXiv 2508.10193); insert more data first.")
    {
        Samples = samples;
        Threshold = threshold;
    }

    /// <summary>Live samples at the refusal.</summary>
    public long Samples { get; }

    /// <summary>N*, the gate threshold.</summary>
    public long Threshold { get; }
}
