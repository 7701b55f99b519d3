namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Gradient map of (projected) least-squares regression, ℓ = ½(wᵀφ + b − y)² with features φ = A x, on the data point
/// z = (x, y) ∈ R^{n+1}. Covers the model families M1 (A = I, with bias: G = r·(x, 1), r = wᵀx + b − y), M2 (A = I, no
/// bias: G = r·x) and M4 (A ∈ R^{k×n}, rank k &lt; n: G = r·(A x, 1), null directions ker A). The paper
/// (arXiv 2509.05865) names linear regression [P]; the family table and the Jacobian are [D]:
/// J[i, j] = φ̃_i (Aᵀw)_j + r A_ij for the x columns and J[i, n] = −φ̃_i for the y column, with φ̃ = (φ, 1) or φ.
/// </summary>
public sealed class LinearRegressionMap : IGradientMap
{
    private readonly double[] _w;
    private readonly double _b;
    private readonly bool _hasBias;
    private readonly double[,]? _a;
    private readonly double[] _atw;
    private readonly int _n;
    private readonly int _k;

    /// <summary>Creates the map.</summary>
    /// <param name="weights">w ∈ R^k (finite, k ≥ 1).</param>
    /// <param name="bias">b (finite); ignored when <paramref name="hasBias"/> is false.</param>
    /// <param name="hasBias">True for M1/M4 (bias is a parameter, p = k + 1), false for M2 (p = k).</param>
    /// <param name="projection">Optional A ∈ R^{k×n} (M4); null means A = I (M1/M2, n = k).</param>
    public LinearRegressionMap(double[] weights, double bias, bool hasBias = true, double[,]? projection = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length < 1) throw new ArgumentException("weights must have at least one entry.", nameof(weights));
        foreach (double v in weights) Guard.Finite(v, nameof(weights));
        Guard.Finite(bias, nameof(bias));
        _w = (double[])weights.Clone();
        _b = hasBias ? bias : 0;
        _hasBias = hasBias;
        _k = weights.Length;
        if (projection is not null)
        {
            if (projection.GetLength(0) != _k)
                throw new ArgumentException($"projection has {projection.GetLength(0)} rows; allowed: exactly weights.Length = {_k}.", nameof(projection));
            foreach (double v in projection) Guard.Finite(v, nameof(projection));
            _a = (double[,])projection.Clone();
            _n = projection.GetLength(1);
        }
        else
        {
            _n = _k;
        }
        _atw = new double[_n];
        for (int j = 0; j < _n; j++)
        {
            double s = 0;
            for (int i = 0; i < _k; i++) s += A(i, j) * _w[i];
            _atw[j] = s;
        }
    }

    /// <inheritdoc />
    public int DataDimension => _n + 1;

    /// <inheritdoc />
    public int ParameterDimension => _k + (_hasBias ? 1 : 0);

    private double A(int i, int j) => _a is null ? (i == j ? 1.0 : 0.0) : _a[i, j];

    /// <summary>The residual r(z) = wᵀA x + b − y (b = 0 without bias).</summary>
    /// <param name="z">Data point (x, y), length n + 1.</param>
    public double Residual(ReadOnlySpan<double> z)
    {
        Guard.Length(z.Length, DataDimension, nameof(z));
        double r = _b - z[_n];
        for (int j = 0; j < _n; j++) r += _atw[j] * z[j];
        return r;
    }

    private double Feature(ReadOnlySpan<double> z, int i)
    {
        if (i == _k) return 1.0;
        if (_a is null) return z[i];
        double s = 0;
        for (int j = 0; j < _n; j++) s += _a[i, j] * z[j];
        return s;
    }

    /// <inheritdoc />
    public void Gradient(ReadOnlySpan<double> z, Span<double> gradient)
    {
        Guard.Length(gradient.Length, ParameterDimension, nameof(gradient));
        double r = Residual(z);
        for (int i = 0; i < ParameterDimension; i++) gradient[i] = r * Feature(z, i);
    }

    /// <inheritdoc />
    public void Jacobian(ReadOnlySpan<double> z, double[,] jacobian)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        if (jacobian.GetLength(0) != ParameterDimension || jacobian.GetLength(1) != DataDimension)
            throw new ArgumentException($"jacobian must be {ParameterDimension}×{DataDimension}.", nameof(jacobian));
        double r = Residual(z);
        for (int i = 0; i < ParameterDimension; i++)
        {
            double phi = Feature(z, i);
            for (int j = 0; j < _n; j++) jacobian[i, j] = phi * _atw[j] + (i < _k ? r * A(i, j) : 0.0);
            jacobian[i, _n] = -phi;
        }
    }
}
