namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Mini-batch gradient map G_B(z_1..z_B) = (1/B) Σ_i G(z_i) on the stacked data (z_1..z_B) ∈ R^{Bd}; its Jacobian is
/// the stacked (1/B)[J(z_1) … J(z_B)] (p × Bd, nullity ≥ Bd − p). Batch forging sets are those of this map
/// (arXiv 2509.05865 states the same asymptotic scaling for batch SGD [P]; the stacked form is [D]).
/// </summary>
public sealed class BatchGradientMap : IGradientMap
{
    private readonly IGradientMap _inner;
    private readonly int _batch;
    private readonly double[] _g;
    private readonly double[,] _j;

    /// <summary>Wraps a single-point map.</summary>
    /// <param name="inner">Single-point gradient map.</param>
    /// <param name="batchSize">B ≥ 1.</param>
    public BatchGradientMap(IGradientMap inner, int batchSize)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _batch = Guard.AtLeast(batchSize, 1, nameof(batchSize));
        _g = new double[inner.ParameterDimension];
        _j = new double[inner.ParameterDimension, inner.DataDimension];
    }

    /// <summary>The single-point map G each slot goes through.</summary>
    public IGradientMap Inner => _inner;

    /// <summary>Batch size B.</summary>
    public int BatchSize => _batch;

    /// <inheritdoc />
    public int DataDimension => _batch * _inner.DataDimension;

    /// <inheritdoc />
    public int ParameterDimension => _inner.ParameterDimension;

    /// <inheritdoc />
    public void Gradient(ReadOnlySpan<double> z, Span<double> gradient)
    {
        Guard.Length(z.Length, DataDimension, nameof(z));
        Guard.Length(gradient.Length, ParameterDimension, nameof(gradient));
        int d = _inner.DataDimension;
        gradient.Clear();
        for (int b = 0; b < _batch; b++)
        {
            _inner.Gradient(z.Slice(b * d, d), _g);
            for (int i = 0; i < _g.Length; i++) gradient[i] += _g[i];
        }
        for (int i = 0; i < _g.Length; i++) gradient[i] /= _batch;
    }

    /// <inheritdoc />
    public void Jacobian(ReadOnlySpan<double> z, double[,] jacobian)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        Guard.Length(z.Length, DataDimension, nameof(z));
        if (jacobian.GetLength(0) != ParameterDimension || jacobian.GetLength(1) != DataDimension)
            throw new ArgumentException($"jacobian must be {ParameterDimension}×{DataDimension}.", nameof(jacobian));
        int d = _inner.DataDimension;
        for (int b = 0; b < _batch; b++)
        {
            _inner.Jacobian(z.Slice(b * d, d), _j);
            for (int i = 0; i < ParameterDimension; i++)
                for (int j = 0; j < d; j++) jacobian[i, b * d + j] = _j[i, j] / _batch;
        }
    }
}
