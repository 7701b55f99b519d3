namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Multinomial logistic (softmax) regression: parameters row-major <c>C x (d + 1)</c> (weights then bias per class),
/// loss <c>-log softmax(z)_y</c>, <c>z_c = w_c.x + b_c</c>; gradient <c>(softmax(z)_c - 1{c = y}) [x, 1]</c>.
/// The D2 model of docs/ota-fl.md (210 parameters for d = 20, C = 10).
/// </summary>
public sealed class SoftmaxRegressionModel : IFederatedModel, IProbabilisticClassifier
{
    /// <summary>Creates the model.</summary>
    /// <param name="dimension">Feature dimension d (&gt;= 1).</param>
    /// <param name="classes">Classes C (2..1024).</param>
    public SoftmaxRegressionModel(int dimension, int classes)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (classes < 2 || classes > 1024) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be in [2, 1024]");
        Dimension = dimension; Classes = classes;
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of classes C.</summary>
    public int Classes { get; }

    /// <inheritdoc />
    public int ParameterCount => Classes * (Dimension + 1);

    private void CheckArgs(ReadOnlySpan<double> p, LabeledDataset data, Span<double> g) =>
        ClassifierArguments.Check(p, data, g, ParameterCount, Dimension, Classes);

    /// <inheritdoc />
    public double LossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (indices.IsEmpty) throw new ArgumentException("indices must not be empty", nameof(indices));
        if (!gradient.IsEmpty) gradient.Clear();
        Span<double> z = stackalloc double[Classes];
        double loss = 0;
        foreach (int i in indices) loss += Accumulate(parameters, data, i, gradient, z);
        for (int j = 0; j < gradient.Length; j++) gradient[j] /= indices.Length;
        return loss / indices.Length;
    }

    /// <inheritdoc />
    public double FullLossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (!gradient.IsEmpty) gradient.Clear();
        Span<double> z = stackalloc double[Classes];
        double loss = 0;
        for (int i = 0; i < data.Count; i++) loss += Accumulate(parameters, data, i, gradient, z);
        for (int j = 0; j < gradient.Length; j++) gradient[j] /= data.Count;
        return loss / data.Count;
    }

    private void Logits(ReadOnlySpan<double> p, ReadOnlySpan<double> x, Span<double> z)
    {
        int d = Dimension, stride = d + 1;
        for (int c = 0; c < Classes; c++)
        {
            var w = p.Slice(c * stride, stride);
            double s = w[d];
            for (int j = 0; j < d; j++) s += w[j] * x[j];
            z[c] = s;
        }
    }

    private double Accumulate(ReadOnlySpan<double> p, LabeledDataset data, int i, Span<double> g, Span<double> z)
    {
        var x = data.Row(i);
        Logits(p, x, z);
        double max = double.NegativeInfinity;
        for (int c = 0; c < Classes; c++) max = Math.Max(max, z[c]);
        int y = data.Labels[i];
        double shiftedY = z[y] - max; // log-sum-exp form: the loss stays finite when softmax(z)_y underflows to 0
        double sum = 0;
        for (int c = 0; c < Classes; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
        double loss = Math.Log(sum) - shiftedY;
        if (!g.IsEmpty)
        {
            int d = Dimension, stride = d + 1;
            for (int c = 0; c < Classes; c++)
            {
                double r = z[c] / sum - (c == y ? 1 : 0);
                var gc = g.Slice(c * stride, stride);
                for (int j = 0; j < d; j++) gc[j] += r * x[j];
                gc[d] += r;
            }
        }
        return loss;
    }

    /// <inheritdoc />
    public double Accuracy(ReadOnlySpan<double> parameters, LabeledDataset data)
    {
        CheckArgs(parameters, data, Span<double>.Empty);
        Span<double> z = stackalloc double[Classes];
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            Logits(parameters, data.Row(i), z);
            int best = 0;
            for (int c = 1; c < Classes; c++) if (z[c] > z[best]) best = c;
            if (best == data.Labels[i]) correct++;
        }
        return (double)correct / data.Count;
    }

    /// <inheritdoc />
    public void Probabilities(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> probabilities)
    {
        CheckArgs(parameters, data, Span<double>.Empty);
        if (probabilities.Length != indices.Length * Classes) throw new ArgumentException($"probabilities must have length indices.Length x C = {indices.Length * Classes}", nameof(probabilities));
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must be in [0, {data.Count - 1}]");
            var z = probabilities.Slice(k * Classes, Classes);
            Logits(parameters, data.Row(i), z);
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < Classes; c++) max = Math.Max(max, z[c]);
            for (int c = 0; c < Classes; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
            for (int c = 0; c < Classes; c++) z[c] /= sum;
        }
    }
}
