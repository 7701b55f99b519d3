namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// The small-scale stand-in for the paper's nonlinear deblurring network (docs/inverse-imaging.md, [proposal]):
/// <c>A(x) = tanh(κ·(k ∗ x)) / tanh(κ)</c>, a blur followed by a saturating point nonlinearity that maps
/// [-1, 1] into [-1, 1] when the kernel sums to 1. Nonlinear; the Jacobian is
/// <c>J(x) = diag(κ·sech²(κ·Cx)/tanh κ)·C</c>.
/// </summary>
/// <remarks>
/// <see cref="LipschitzSquared"/> = <c>(κ/tanh κ)²·‖C‖²</c>, the value of ‖J(0)‖² and a global bound on ‖J(x)‖²
/// (sech² ≤ 1 with equality at 0). It is exact when the blur's L is (periodic boundary).
/// </remarks>
public sealed class SaturatingBlur : IForwardOperator
{
    private readonly Convolution2D _blur;
    private readonly double _gain; // κ / tanh κ

    /// <summary>Builds the operator.</summary>
    /// <param name="blur">The linear blur C.</param>
    /// <param name="kappa">Saturation strength κ &gt; 0 (the suite uses 2, our choice).</param>
    public SaturatingBlur(Convolution2D blur, double kappa = 2.0)
    {
        _blur = blur ?? throw new ArgumentNullException(nameof(blur));
        Kappa = Guard.InRange(kappa, 1e-6, 50, nameof(kappa));
        _gain = kappa / Math.Tanh(kappa);
    }

    /// <summary>Saturation strength κ.</summary>
    public double Kappa { get; }

    /// <summary>The linear blur C inside.</summary>
    public Convolution2D Blur => _blur;

    /// <inheritdoc />
    public ImageShape InputShape => _blur.InputShape;

    /// <inheritdoc />
    public ImageShape OutputShape => _blur.OutputShape;

    /// <inheritdoc />
    public bool IsLinear => false;

    /// <inheritdoc />
    public double LipschitzSquared => _gain * _gain * _blur.LipschitzSquared;

    /// <inheritdoc />
    public bool LipschitzIsExact => _blur.LipschitzIsExact;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        _blur.Apply(x, y);
        double t = Math.Tanh(Kappa);
        for (int i = 0; i < y.Length; i++) y[i] = Math.Tanh(Kappa * y[i]) / t;
    }

    /// <inheritdoc />
    public void Adjoint(ReadOnlySpan<double> v, Span<double> result) =>
        throw new NotSupportedException("SaturatingBlur is nonlinear; use JacobianAdjoint(x, v, result).");

    /// <inheritdoc />
    public void JacobianAdjoint(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        OperatorChecks.Lengths(this, x.Length, v.Length, nameof(x), nameof(v));
        var cx = new double[OutputShape.Length];
        _blur.Apply(x, cx);
        for (int i = 0; i < cx.Length; i++)
        {
            double th = Math.Tanh(Kappa * cx[i]);
            cx[i] = _gain * (1 - th * th) * v[i];
        }
        _blur.Adjoint(cx, result);
    }
}
