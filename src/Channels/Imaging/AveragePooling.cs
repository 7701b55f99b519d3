namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Exact s×s average pooling, the super-resolution operator of the small-scale suite (docs/inverse-imaging.md
/// [proposal]): <c>y[r, c] = s⁻² Σ_{a,b &lt; s} x[s·r + a, s·c + b]</c>. Linear, <c>AAᵀ = I/s²</c>, so
/// <c>L = 1/s²</c> exactly and the pseudo-inverse is <c>A⁺ = s²Aᵀ</c> (nearest-neighbour up-sampling).
/// </summary>
public sealed class AveragePooling : IForwardOperator
{
    /// <summary>Builds the operator.</summary>
    /// <param name="inputShape">Image shape; both sides divisible by <paramref name="factor"/>.</param>
    /// <param name="factor">Pooling factor s ≥ 1.</param>
    public AveragePooling(ImageShape inputShape, int factor)
    {
        InputShape = inputShape.Validated(nameof(inputShape));
        Factor = Guard.AtLeast(factor, 1, nameof(factor));
        if (inputShape.Height % factor != 0 || inputShape.Width % factor != 0)
            throw new ArgumentException($"inputShape = {inputShape} is not divisible by factor = {factor}; allowed: both sides multiples of the factor.", nameof(inputShape));
        OutputShape = new ImageShape(inputShape.Height / factor, inputShape.Width / factor);
    }

    /// <summary>Pooling factor s.</summary>
    public int Factor { get; }

    /// <inheritdoc />
    public ImageShape InputShape { get; }

    /// <inheritdoc />
    public ImageShape OutputShape { get; }

    /// <inheritdoc />
    public bool IsLinear => true;

    /// <inheritdoc />
    public double LipschitzSquared => 1.0 / (Factor * Factor);

    /// <inheritdoc />
    public bool LipschitzIsExact => true;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorChecks.Lengths(this, x.Length, y.Length, nameof(x), nameof(y));
        int s = Factor, w = InputShape.Width, ho = OutputShape.Height, wo = OutputShape.Width;
        double inv = 1.0 / (s * s);
        for (int r = 0; r < ho; r++)
            for (int c = 0; c < wo; c++)
            {
                double sum = 0;
                for (int a = 0; a < s; a++)
                {
                    int row = (s * r + a) * w + s * c;
                    for (int b = 0; b < s; b++) sum += x[row + b];
                }
                y[r * wo + c] = sum * inv;
            }
    }

    /// <inheritdoc />
    public void Adjoint(ReadOnlySpan<double> v, Span<double> result)
    {
        OperatorChecks.Lengths(this, result.Length, v.Length, nameof(result), nameof(v));
        int s = Factor, w = InputShape.Width, wo = OutputShape.Width;
        double inv = 1.0 / (s * s);
        for (int i = 0; i < InputShape.Height; i++)
            for (int j = 0; j < w; j++)
                result[i * w + j] = v[(i / s) * wo + j / s] * inv;
    }

    /// <inheritdoc />
    public void JacobianAdjoint(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) => Adjoint(v, result);
}
