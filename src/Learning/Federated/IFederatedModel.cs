namespace PhyToolkit.Learning.Federated;

/// <summary>
/// A differentiable model with a flat parameter vector (managed, plain double arrays). Losses and gradients are means
/// over the given samples.
/// </summary>
public interface IFederatedModel
{
    /// <summary>Number of parameters.</summary>
    int ParameterCount { get; }

    /// <summary>
    /// Mean loss over <paramref name="indices"/> of <paramref name="data"/>; writes the mean gradient into
    /// <paramref name="gradient"/> unless it is empty.
    /// </summary>
    double LossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> gradient);

    /// <summary>Mean loss over all of <paramref name="data"/>, gradient as above (empty span = loss only).</summary>
    double FullLossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, Span<double> gradient);

    /// <summary>Fraction of samples of <paramref name="data"/> classified correctly.</summary>
    double Accuracy(ReadOnlySpan<double> parameters, LabeledDataset data);
}
