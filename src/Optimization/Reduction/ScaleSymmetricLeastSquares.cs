using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Scale-symmetric least squares, problem E3 of docs/optim-reduction.md ([proposal]; normalisation as a reduction):
/// f(w, s) = ½‖X(s·w) − y‖² with y = Xθ*, so the minimisers form the 1-D manifold s·w = θ* (f* = 0). The argmin reduction
/// is Ψ(w) = (Xw)ᵀy/‖Xw‖² with DΨ(w) = Xᵀy/b − 2a·XᵀXw/b², a = (Xw)ᵀy, b = ‖Xw‖² (derived).
/// </summary>
/// <remarks>X = U diag(σ) Vᵀ with Haar-like U, V and singular values σ_i = κ_X^{−i/(2(n−1))}, so cond(XᵀX) = κ_X; θ* ~ N(0, I)
/// (our choices). Instances keep scratch buffers and are not thread-safe.</remarks>
public sealed class ScaleSymmetricLeastSquares : ISplitObjective, IReduction, IBlockMinimizer
{
    private readonly double[] _x;   // m×n row-major
    private readonly double[] _y;
    private readonly double[] _xty;
    private readonly double[] _r;
    private readonly double[] _xw;
    private double[]? _leastSquares; // (XᵀX)⁻¹Xᵀy, computed on first use

    /// <summary>Creates the problem.</summary>
    /// <param name="rows">m ≥ n (spec: 100).</param>
    /// <param name="columns">n ≥ 1 (spec: 10).</param>
    /// <param name="gramCondition">cond(XᵀX) ≥ 1.</param>
    /// <param name="seed">Seed of X and θ*.</param>
    public ScaleSymmetricLeastSquares(int rows, int columns, double gramCondition, ulong seed)
    {
        Guard.AtLeast(columns, 1, nameof(columns));
        Guard.AtLeast(rows, columns, nameof(rows));
        Guard.InRange(gramCondition, 1, 1e12, nameof(gramCondition));
        Rows = rows; N1 = columns;
        var rng = new Xoshiro256StarStar(seed);
        var a = Matrix<double>.Build.Dense(rows, columns, (_, _) => rng.NextGaussian());
        var b = Matrix<double>.Build.Dense(columns, columns, (_, _) => rng.NextGaussian());
        var u = a.QR().Q.SubMatrix(0, rows, 0, columns);
        var v = b.QR().Q;
        var sv = Vector<double>.Build.Dense(columns, i => columns == 1 ? 1 : Math.Pow(gramCondition, -i / (2.0 * (columns - 1))));
        var xm = u * Matrix<double>.Build.DiagonalOfDiagonalVector(sv) * v.Transpose();
        _x = xm.ToRowMajorArray();
        ThetaStar = new double[columns];
        for (int i = 0; i < columns; i++) ThetaStar[i] = rng.NextGaussian();
        _y = (xm * Vector<double>.Build.DenseOfArray(ThetaStar)).ToArray();
        _xty = (xm.Transpose() * Vector<double>.Build.DenseOfArray(_y)).ToArray();
        _r = new double[rows];
        _xw = new double[rows];
    }

    /// <summary>m, the number of rows of X.</summary>
    public int Rows { get; }

    /// <summary>n, the dimension of w.</summary>
    public int N1 { get; }

    /// <summary>1 (the scale s).</summary>
    public int N2 => 1;

    /// <summary>θ*, so (w, s) = (θ*, 1) is a minimiser.</summary>
    public double[] ThetaStar { get; }

    /// <inheritdoc/>
    public bool IsArgmin => true;

    /// <inheritdoc/>
    public bool HasJacobian => true;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        Residual(x1, x2[0]);
        double v = 0;
        foreach (double ri in _r) v += ri * ri;
        return 0.5 * v;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, Span<double> gradient1, Span<double> gradient2)
    {
        double s = x2[0];
        Residual(x1, s);
        int n = N1;
        gradient1[..n].Clear();
        for (int k = 0; k < Rows; k++)
        {
            var row = _x.AsSpan(k * n, n);
            for (int i = 0; i < n; i++) gradient1[i] += row[i] * _r[k];
        }
        double gs = 0;
        for (int i = 0; i < n; i++) { gs += x1[i] * gradient1[i]; gradient1[i] *= s; }
        gradient2[0] = gs;
    }

    /// <inheritdoc/>
    public void Psi(ReadOnlySpan<double> x1, Span<double> x2)
    {
        MulX(x1, _xw);
        double a = 0, b = 0;
        for (int k = 0; k < Rows; k++) { a += _xw[k] * _y[k]; b += _xw[k] * _xw[k]; }
        x2[0] = a / b;
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> x1, Span<double> jacobian)
    {
        MulX(x1, _xw);
        double a = 0, b = 0;
        for (int k = 0; k < Rows; k++) { a += _xw[k] * _y[k]; b += _xw[k] * _xw[k]; }
        int n = N1;
        for (int i = 0; i < n; i++) jacobian[i] = _xty[i] / b;
        double c = 2 * a / (b * b);
        for (int k = 0; k < Rows; k++)
        {
            var row = _x.AsSpan(k * n, n);
            for (int i = 0; i < n; i++) jacobian[i] -= c * row[i] * _xw[k];
        }
    }

    /// <summary>
    /// Exact block minimisation over w: w = (XᵀX)⁻¹Xᵀy / s (least squares in s·w; derived). One such step from any s ≠ 0 lands
    /// on the minimiser set s·w = θ*.
    /// </summary>
    /// <exception cref="ArithmeticException">s = 0 (f does not depend on w there).</exception>
    public void MinimizeFirstBlock(ReadOnlySpan<double> x2, Span<double> x1)
    {
        double s = x2[0];
        if (s == 0 || !double.IsFinite(s)) throw new ArithmeticException("the w-block minimiser needs a finite scale s ≠ 0.");
        if (_leastSquares is null)
        {
            int n = N1;
            var gram = new double[n * n];
            for (int k = 0; k < Rows; k++)
            {
                var row = _x.AsSpan(k * n, n);
                for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) gram[i * n + j] += row[i] * row[j];
            }
            var l = new double[n * n];
            DenseCholesky.Factor(gram, l, n);
            var ls = new double[n];
            DenseCholesky.Solve(l, n, _xty, ls);
            _leastSquares = ls;
        }
        for (int i = 0; i < N1; i++) x1[i] = _leastSquares[i] / s;
    }

    private void MulX(ReadOnlySpan<double> w, Span<double> result)
    {
        int n = N1;
        for (int k = 0; k < Rows; k++)
        {
            var row = _x.AsSpan(k * n, n);
            double s = 0;
            for (int i = 0; i < n; i++) s += row[i] * w[i];
            result[k] = s;
        }
    }

    private void Residual(ReadOnlySpan<double> w, double s)
    {
        MulX(w, _r);
        for (int k = 0; k < Rows; k++) _r[k] = s * _r[k] - _y[k];
    }
}
