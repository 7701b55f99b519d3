namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Gradient map of a single logistic neuron (model family M3, the reading of the paper's "one-layer neural network",
/// arXiv 2509.05865 [P] model, [Proposed] reading) with the label y held fixed: ℓ = −y ln σ(u) − (1 − y) ln(1 − σ(u)),
/// u = wᵀx + b, data z = x ∈ R^n, gradient G(x) = (σ(u) − y)·(x, 1) ∈ R^{n+1}. Jacobian [D]:
/// J = s·[I; 0] + σ′(u)·(x, 1) wᵀ with s = σ(u) − y.
/// </summary>
public sealed class LogisticNeuronMap : IGradientMap
{
    private readonly double[] _w;
    private readonly double _b;
    private readonly double _y;

    /// <summary>Creates the map.</summary>
    /// <param name="weights">w ∈ R^n (finite, n ≥ 1).</param>
    /// <param name="bias">b (finite).</param>
    /// <param name="label">Fixed label y ∈ [0, 1] (0 or 1 for classification).</param>
    public LogisticNeuronMap(double[] weights, double bias, double label)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length < 1) throw new ArgumentException("weights must have at least one entry.", nameof(weights));
        foreach (double v in weights) Guard.Finite(v, nameof(weights));
        _w = (double[])weights.Clone();
        _b = Guard.Finite(bias, nameof(bias));
        _y = Guard.InRange(label, 0.0, 1.0, nameof(label));
    }

    /// <inheritdoc />
    public int DataDimension => _w.Length;

    /// <inheritdoc />
    public int ParameterDimension => _w.Length + 1;

    /// <summary>The pre-activation u = wᵀx + b.</summary>
    /// <param name="x">Data point, length n.</param>
    public double PreActivation(ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, DataDimension, nameof(x));
        double u = _b;
        for (int j = 0; j < _w.Length; j++) u += _w[j] * x[j];
        return u;
    }

    private static double Sigmoid(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));

    /// <inheritdoc />
    public void Gradient(ReadOnlySpan<double> z, Span<double> gradient)
    {
        Guard.Length(gradient.Length, ParameterDimension, nameof(gradient));
        double s = Sigmoid(PreActivation(z)) - _y;
        for (int i = 0; i < _w.Length; i++) gradient[i] = s * z[i];
        gradient[_w.Length] = s;
    }

    /// <inheritdoc />
    public void Jacobian(ReadOnlySpan<double> z, double[,] jacobian)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        int n = _w.Length;
        if (jacobian.GetLength(0) != n + 1 || jacobian.GetLength(1) != n)
            throw new ArgumentException($"jacobian must be {n + 1}×{n}.", nameof(jacobian));
        double sg = Sigmoid(PreActivation(z));
        double s = sg - _y, ds = sg * (1 - sg);
        for (int i = 0; i <= n; i++)
        {
            double xi = i < n ? z[i] : 1.0;
            for (int j = 0; j < n; j++) jacobian[i, j] = ds * xi * _w[j] + (i == j ? s : 0.0);
        }
    }
}
