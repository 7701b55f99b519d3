using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning.Evaluation;

/// <summary>
/// A classifier's softmax outputs on a set of labelled samples (row-major n x C probabilities and the labels the
/// evaluation scores them against), the input of every metric in <see cref="UnlearningMetrics"/>.
/// </summary>
public sealed class ClassifierOutputs
{
    /// <summary>Wraps probabilities and labels (kept, not copied).</summary>
    /// <param name="probabilities">Row-major n x C; each row a probability vector.</param>
    /// <param name="labels">n labels in [0, C).</param>
    /// <param name="classes">C (&gt;= 2).</param>
    public ClassifierOutputs(double[] probabilities, int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2");
        if (probabilities.Length != labels.Length * classes) throw new ArgumentException($"probabilities must have length labels.Length x classes = {labels.Length * classes}", nameof(probabilities));
        foreach (int y in labels)
            if ((uint)y >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), y, $"labels must be in [0, {classes - 1}]");
        Probabilities = probabilities; Labels = labels; Classes = classes;
    }

    /// <summary>The outputs of <paramref name="model"/> at <paramref name="parameters"/> on the samples
    /// <paramref name="indices"/> of <paramref name="data"/>, scored against <paramref name="labels"/> (default: the data's labels).</summary>
    public static ClassifierOutputs Of(IProbabilisticClassifier model, ReadOnlySpan<double> parameters, LabeledDataset data, int[] indices, int[]? labels = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        var p = new double[indices.Length * model.Classes];
        model.Probabilities(parameters, data, indices, p);
        labels ??= [.. indices.Select(i => data.Labels[i])];
        if (labels.Length != indices.Length) throw new ArgumentException("labels must have one entry per index", nameof(labels));
        return new ClassifierOutputs(p, labels, model.Classes);
    }

    /// <summary>Row-major probabilities.</summary>
    public double[] Probabilities { get; }

    /// <summary>Labels.</summary>
    public int[] Labels { get; }

    /// <summary>Classes C.</summary>
    public int Classes { get; }

    /// <summary>Samples n.</summary>
    public int Count => Labels.Length;

    /// <summary>Probability row of sample <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Row(int i) => Probabilities.AsSpan(i * Classes, Classes);

    /// <summary>True-class confidence p_y of sample <paramref name="i"/>.</summary>
    public double Confidence(int i) => Probabilities[i * Classes + Labels[i]];

    /// <summary>Cross-entropy <c>-log p_y</c> of sample <paramref name="i"/> (p_y floored at 1e-300 so it stays finite).</summary>
    public double Loss(int i) => -Math.Log(Math.Max(Confidence(i), 1e-300));

    /// <summary>argmax_c p_c of sample <paramref name="i"/> (lowest index on ties).</summary>
    public int Predicted(int i)
    {
        var r = Row(i);
        int best = 0;
        for (int c = 1; c < r.Length; c++) if (r[c] > r[best]) best = c;
        return best;
    }
}
