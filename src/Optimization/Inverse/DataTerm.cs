using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>The data term <c>f(x) = ½‖A(x) − y‖²</c> and its gradient <c>J_A(x)ᵀ(A(x) − y)</c> (one home for the solvers).</summary>
internal sealed class DataTerm
{
    private readonly IForwardOperator _op;
    private readonly double[] _y, _residual;

    public DataTerm(IForwardOperator op, ReadOnlySpan<double> y)
    {
        _op = op ?? throw new ArgumentNullException(nameof(op));
        Guard.Length(y.Length, op.OutputShape.Length, nameof(y));
        _y = y.ToArray();
        _residual = new double[y.Length];
    }

    public IForwardOperator Operator => _op;

    public ReadOnlySpan<double> Y => _y;

    /// <summary>Writes the gradient into <paramref name="gradient"/> and returns f(x).</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double f = Residual(x);
        _op.JacobianAdjoint(x, _residual, gradient);
        return f;
    }

    public double Value(ReadOnlySpan<double> x) => Residual(x);

    private double Residual(ReadOnlySpan<double> x)
    {
        _op.Apply(x, _residual);
        double f = 0;
        for (int i = 0; i < _y.Length; i++) { _residual[i] -= _y[i]; f += _residual[i] * _residual[i]; }
        return 0.5 * f;
    }

    /// <summary>Aᵀ y for a linear operator.</summary>
    public double[] AdjointOfY()
    {
        var b = new double[_op.InputShape.Length];
        _op.Adjoint(_y, b);
        return b;
    }
}
