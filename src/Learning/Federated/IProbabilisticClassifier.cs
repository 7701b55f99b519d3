namespace PhyToolkit.Learning.Federated;

/// <summary>
/// A classifier that exposes its predictive distribution <c>p(c | x)</c> per sample, which the unlearning evaluation needs
/// (per-sample losses, confidences, membership attacks, output divergences; docs/unlearning-puf.md).
/// </summary>
public interface IProbabilisticClassifier
{
    /// <summary>Number of classes C.</summary>
    int Classes { get; }

    /// <summary>
    /// Writes the softmax probabilities of the samples <paramref name="indices"/> of <paramref name="data"/> into
    /// <paramref name="probabilities"/> (row-major, indices.Length x C; each row sums to 1).
    /// </summary>
    void Probabilities(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> probabilities);
}
