using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Binary logistic regression, parameters <c>[w (d), b]</c>, labels {0, 1}:
/// <c>f = log(1 + exp(-y' (w.x + b)))</c> with <c>y' = 2y - 1</c>; gradient <c>(sigmoid(z) - y) [x, 1]</c>.
/// Convex and smooth (L &lt;= (||x||^2 + 1)/4), the D1 model of spec ota-fl.md §5.
/// </summary>
public sealed class LogisticRegressionModel : IFederatedModel
{
    /// <summary>Creates the model for feature dimension <paramref name="dimension"/> (&gt;= 1).</summary>
    public LogisticRegressionModel(int dimension)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        Dimension = dimension;
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <inheritdoc />
    public int ParameterCount => Dimension + 1;

    private void CheckArgs(ReadOnlySpan<double> p, LabeledDataset data, Span<double> g)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (p.Length != ParameterCount) throw new ArgumentException($"parameters must have length {ParameterCount}", "parameters");
        if (!g.IsEmpty && g.Length != ParameterCount) throw new ArgumentException($"gradient must be empty or have length {ParameterCount}", "gradient");
        if (data.Dimension != Dimension) throw new ArgumentException($"data dimension {data.Dimension} != model dimension {Dimension}", nameof(data));
    }

    /// <inheritdoc />
    public double LossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (indices.IsEmpty) throw new ArgumentException("indices must not be empty", nameof(indices));
        if (!gradient.IsEmpty) gradient.Clear();
        double loss = 0;
        foreach (int i in indices) loss += Accumulate(parameters, data, i, gradient);
        Scale(gradient, 1.0 / indices.Length);
        return loss / indices.Length;
    }

    /// <inheritdoc />
    public double FullLossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (!gradient.IsEmpty) gradient.Clear();
        double loss = 0;
        for (int i = 0; i < data.Count; i++) loss += Accumulate(parameters, data, i, gradient);
        Scale(gradient, 1.0 / data.Count);
        return loss / data.Count;
    }

    private double Accumulate(ReadOnlySpan<double> p, LabeledDataset data, int i, Span<double> g)
    {
        var x = data.Row(i);
        int d = Dimension;
        double z = p[d];
        for (int j = 0; j < d; j++) z += p[j] * x[j];
        double ys = data.Labels[i] == 1 ? 1 : -1;
        double m = ys * z;
        double loss = LogisticFunction.LogLoss(m);
        if (!g.IsEmpty)
        {
            double sig = LogisticFunction.Sigmoid(z);
            double r = sig - data.Labels[i];
            for (int j = 0; j < d; j++) g[j] += r * x[j];
            g[d] += r;
        }
        return loss;
    }

    private static void Scale(Span<double> g, double s) { for (int j = 0; j < g.Length; j++) g[j] *= s; }

    /// <inheritdoc />
    public double Accuracy(ReadOnlySpan<double> parameters, LabeledDataset data)
    {
        CheckArgs(parameters, data, Span<double>.Empty);
        int correct = 0, d = Dimension;
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Row(i);
            double z = parameters[d];
            for (int j = 0; j < d; j++) z += parameters[j] * x[j];
            if ((z > 0 ? 1 : 0) == data.Labels[i]) correct++;
        }
        return (double)correct / data.Count;
    }
}
