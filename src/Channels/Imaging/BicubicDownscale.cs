namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Anti-aliased bicubic down-scaling by an integer factor s, the super-resolution operator of the paper code (a
/// <c>Resizer</c> in the MATLAB <c>imresize</c> style, docs/inverse-imaging.md, [code]), written as the separable linear
/// map <c>Y = R X Cᵀ</c>. Output pixel o samples input coordinate <c>u = (o + ½)·s − ½</c> with Keys' cubic kernel
/// (a = −½; Keys, IEEE TASSP 1981) widened by s for anti-aliasing, <c>w_j ∝ W((j − u)/s)</c> over |j − u| &lt; 2s,
/// normalized to sum 1, out-of-range taps mirrored with edge repetition (index −1 reads 0). Unlike average pooling,
/// <c>AAᵀ</c> is not a multiple of I. <see cref="LipschitzSquared"/> is exact: <c>‖R ⊗ C‖² = λ_max(RRᵀ)·λ_max(CCᵀ)</c>,
/// each from a Jacobi eigendecomposition of the small 1-D Gram matrix.
/// </summary>
public sealed class BicubicDownscale : IForwardOperator
{
    private readonly double[] _rows, _cols; // R (ho×H), C (wo×W), row-major dense (small images)
    private readonly Lazy<double> _lipschitz;

    /// <summary>Builds the operator.</summary>
    /// <param name="inputShape">Image shape; both sides divisible by <paramref name="factor"/>.</param>
    /// <param name="factor">Down-scaling factor s ≥ 2.</param>
    public BicubicDownscale(ImageShape inputShape, int factor)
    {
        InputShape = inputShape.Validated(nameof(inputShape));
        Factor = Guard.AtLeast(factor, 2, nameof(factor));
        if (inputShape.Height % factor != 0 || inputShape.Width % factor != 0)
            throw new ArgumentException($"inputShape = {inputShape} is not divisible by factor = {factor}; allowed: both sides multiples of the factor.", nameof(inputShape));
        OutputShape = new ImageShape(inputShape.Height / factor, inputShape.Width / factor);
        _rows = Weights(inputShape.Height, factor);
        _cols = Weights(inputShape.Width, factor);
        _lipschitz = new Lazy<double>(() => LargestGramEigenvalue(_rows, OutputShape.Height, inputShape.Height) * LargestGramEigenvalue(_cols, OutputShape.Width, inputShape.Width));
    }

    /// <summary>Keys' cubic convolution kernel with a = −½.</summary>
    public static double Keys(double t)
    {
        const double a = -0.5;
        t = Math.Abs(t);
        if (t <= 1) return (a + 2) * t * t * t - (a + 3) * t * t + 1;
        if (t < 2) return a * t * t * t - 5 * a * t * t + 8 * a * t - 4 * a;
        return 0;
    }

    /// <summary>The 1-D weight matrix (n/s × n, row-major) of one axis.</summary>
    public static double[] Weights(int n, int factor)
    {
        int m = n / factor;
        var w = new double[m * n];
        for (int o = 0; o < m; o++)
        {
            double u = (o + 0.5) * factor - 0.5, sum = 0;
            int lo = (int)Math.Floor(u - 2 * factor), hi = (int)Math.Ceiling(u + 2 * factor);
            for (int j = lo; j <= hi; j++)
            {
                double k = Keys((j - u) / factor);
                if (k == 0) continue;
                w[o * n + Mirror(j, n)] += k;
                sum += k;
            }
            for (int j = 0; j < n; j++) w[o * n + j] /= sum;
        }
        return w;
    }

    private static double LargestGramEigenvalue(double[] w, int m, int n)
    {
        var gram = new double[m * m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s += w[a * n + j] * w[b * n + j];
                gram[a * m + b] = s;
            }
        var values = new double[m];
        PhyToolkit.Core.LinearAlgebra.SymmetricEigen.Decompose(gram, m, values, new double[m * m]);
        return values.Max();
    }

    private static int Mirror(int j, int n)
    {
        while (j < 0 || j >= n) j = j < 0 ? -j - 1 : 2 * n - j - 1;
        return j;
    }

    /// <summary>Factor s.</summary>
    public int Factor { get; }

    /// <inheritdoc />
    public ImageShape InputShape { get; }

    /// <inheritdoc />
    public ImageShape OutputShape { get; }

    /// <inheritdoc />
    public bool IsLinear => true;

    /// <inheritdoc />
    public double LipschitzSquared => _lipschitz.Value;

    /// <inheritdoc />
    public bool LipschitzIsExact => true;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorChecks.Lengths(this, x.Length, y.Length, nameof(x), nameof(y));
        int h = InputShape.Height, w = InputShape.Width, ho = OutputShape.Height, wo = OutputShape.Width;
        var t = new double[ho * w]; // R X
        for (int o = 0; o < ho; o++)
            for (int i = 0; i < h; i++)
            {
                double r = _rows[o * h + i];
                if (r == 0) continue;
                for (int j = 0; j < w; j++) t[o * w + j] += r * x[i * w + j];
            }
        for (int o = 0; o < ho; o++)
            for (int p = 0; p < wo; p++)
            {
                double s = 0;
                for (int j = 0; j < w; j++) s += t[o * w + j] * _cols[p * w + j];
                y[o * wo + p] = s;
            }
    }

    /// <inheritdoc />
    public void Adjoint(ReadOnlySpan<double> v, Span<double> result)
    {
        OperatorChecks.Lengths(this, result.Length, v.Length, nameof(result), nameof(v));
        int h = InputShape.Height, w = InputShape.Width, ho = OutputShape.Height, wo = OutputShape.Width;
        var t = new double[ho * w]; // V C
        for (int o = 0; o < ho; o++)
            for (int p = 0; p < wo; p++)
            {
                double vv = v[o * wo + p];
                for (int j = 0; j < w; j++) t[o * w + j] += vv * _cols[p * w + j];
            }
        result.Clear();
        for (int o = 0; o < ho; o++)
            for (int i = 0; i < h; i++)
            {
                double r = _rows[o * h + i];
                if (r == 0) continue;
                for (int j = 0; j < w; j++) result[i * w + j] += r * t[o * w + j];
            }
    }

    /// <inheritdoc />
    public void JacobianAdjoint(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) => Adjoint(v, result);
}
