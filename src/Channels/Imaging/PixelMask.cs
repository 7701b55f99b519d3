using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Inpainting operator <c>A(x) = M ⊙ x</c> with a binary pixel mask M (arXiv:2505.20789 code, DPS measurement set;
/// docs/inverse-imaging.md, [code]). The output keeps the image shape; unobserved entries are 0. Linear,
/// self-adjoint, <c>AAᵀ = A</c>, and <c>L = 1</c> exactly (0 when nothing is observed).
/// </summary>
public sealed class PixelMask : IForwardOperator
{
    private readonly bool[] _observed;

    /// <summary>Builds the operator from an explicit mask (true = observed).</summary>
    /// <param name="shape">Image shape (≥ 1×1).</param>
    /// <param name="observed">Mask, length <c>shape.Length</c>; copied.</param>
    public PixelMask(ImageShape shape, ReadOnlySpan<bool> observed)
    {
        InputShape = shape.Validated(nameof(shape));
        Guard.Length(observed.Length, shape.Length, nameof(observed));
        _observed = observed.ToArray();
        int n = 0;
        foreach (bool b in _observed) if (b) n++;
        ObservedCount = n;
    }

    /// <summary>
    /// A random mask that removes a fraction <paramref name="removedFraction"/> of the pixels exactly
    /// (<c>round(fraction·n)</c> pixels, chosen by a seeded Fisher–Yates shuffle). The paper's inpainting task removes 70 %
    /// (<c>mask_prob_range (0.7, 0.7)</c>, [code]).
    /// </summary>
    /// <param name="shape">Image shape.</param>
    /// <param name="removedFraction">Fraction of pixels removed, in [0, 1).</param>
    /// <param name="rng">Seeded generator (advanced).</param>
    public static PixelMask Random(ImageShape shape, double removedFraction, ref Xoshiro256StarStar rng)
    {
        shape.Validated(nameof(shape));
        Guard.UnitInterval(removedFraction, nameof(removedFraction));
        int n = shape.Length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int removed = (int)Math.Round(removedFraction * n, MidpointRounding.AwayFromZero);
        var observed = new bool[n];
        for (int k = removed; k < n; k++) observed[order[k]] = true;
        return new PixelMask(shape, observed);
    }

    /// <summary>Number of observed pixels.</summary>
    public int ObservedCount { get; }

    /// <summary>The mask (true = observed), row-major.</summary>
    public ReadOnlySpan<bool> Observed => _observed;

    /// <inheritdoc />
    public ImageShape InputShape { get; }

    /// <inheritdoc />
    public ImageShape OutputShape => InputShape;

    /// <inheritdoc />
    public bool IsLinear => true;

    /// <inheritdoc />
    public double LipschitzSquared => ObservedCount > 0 ? 1 : 0;

    /// <inheritdoc />
    public bool LipschitzIsExact => true;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorChecks.Lengths(this, x.Length, y.Length, nameof(x), nameof(y));
        for (int i = 0; i < _observed.Length; i++) y[i] = _observed[i] ? x[i] : 0;
    }

    /// <inheritdoc />
    public void Adjoint(ReadOnlySpan<double> v, Span<double> result) => Apply(v, result);

    /// <inheritdoc />
    public void JacobianAdjoint(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) => Apply(v, result);
}
