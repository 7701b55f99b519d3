namespace PhyToolkit.Learning.Federated;

/// <summary>A dense labelled data set: row-major features (n x d) and integer labels in [0, classes).</summary>
public sealed class LabeledDataset
{
    /// <summary>Creates the data set (arrays are kept, not copied).</summary>
    public LabeledDataset(double[] features, int[] labels, int dimension, int classes)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2");
        if (features.Length != labels.Length * dimension) throw new ArgumentException($"features must have length labels.Length x dimension = {labels.Length * dimension}", nameof(features));
        foreach (int y in labels)
            if ((uint)y >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), y, $"labels must be in [0, {classes - 1}]");
        Features = features; Labels = labels; Dimension = dimension; Classes = classes;
    }

    /// <summary>Row-major features.</summary>
    public double[] Features { get; }

    /// <summary>Labels.</summary>
    public int[] Labels { get; }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Features of sample <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Row(int i) => Features.AsSpan(i * Dimension, Dimension);
}
