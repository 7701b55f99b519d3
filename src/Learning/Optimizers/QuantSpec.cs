namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Which stored quantities of <see cref="QuantizedAdam"/> / <see cref="QuantizedMuon"/> are rounded, to which format, and how.
/// A null format means full precision for that component.
/// </summary>
/// <remarks>Components follow arXiv:2510.21314 (docs/optim-quantized.md): gradients G, weights W, first moment M,
/// second moment V. The placement of each rounding in the update is [PROPOSED] (docs/optim-quantized.md). Stochastic rounding
/// draws from a Xoshiro256** stream seeded by <see cref="Seed"/>, consumed in parameter order (deterministic); the stream
/// position is not part of the saved optimiser state.</remarks>
public sealed record QuantSpec
{
    /// <summary>Format of the gradient G before use, or null.</summary>
    public FloatFormat? Gradient { get; init; }

    /// <summary>Format of the stored weights W (applied after every update and once at construction), or null.</summary>
    public FloatFormat? Weight { get; init; }

    /// <summary>Format of the first moment / momentum buffer M, or null.</summary>
    public FloatFormat? FirstMoment { get; init; }

    /// <summary>Format of Adam's second moment V, or null (Muon has no V).</summary>
    public FloatFormat? SecondMoment { get; init; }

    /// <summary>Rounding mode for all components.</summary>
    public FloatRounding Mode { get; init; } = FloatRounding.NearestEven;

    /// <summary>Seed of the stochastic-rounding stream.</summary>
    public ulong Seed { get; init; }

    /// <summary>All four components in the same format.</summary>
    /// <param name="format">The storage format.</param>
    /// <param name="mode">Rounding mode.</param>
    /// <param name="seed">Stochastic-rounding seed.</param>
    public static QuantSpec All(FloatFormat format, FloatRounding mode = FloatRounding.NearestEven, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(format);
        return new QuantSpec { Gradient = format, Weight = format, FirstMoment = format, SecondMoment = format, Mode = mode, Seed = seed };
    }
}
