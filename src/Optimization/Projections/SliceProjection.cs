namespace PhyToolkit.Optimization.Projections;

/// <summary>
/// Applies a projection to the coordinates [offset, offset + length) only, e.g. the Frobenius ball on the precoder
/// block and a box on the position block of the joint encoding z = [vec Re P; vec Im P; x; y] (fa-plkg docs/fa-plkg.md).
/// The projection onto a product set is the product of the block projections, so a <see cref="ProjectionSequence"/>
/// of disjoint slices is exact.
/// </summary>
public sealed class SliceProjection : IProjection
{
    /// <summary>Creates the block projection.</summary>
    /// <param name="offset">First coordinate (≥ 0).</param>
    /// <param name="length">Number of coordinates (≥ 1).</param>
    /// <param name="inner">Projection applied to the slice.</param>
    public SliceProjection(int offset, int length, IProjection inner)
    {
        Offset = Guard.AtLeast(offset, 0, nameof(offset));
        Length = Guard.AtLeast(length, 1, nameof(length));
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <summary>First coordinate of the slice.</summary>
    public int Offset { get; }

    /// <summary>Length of the slice.</summary>
    public int Length { get; }

    /// <summary>The projection applied to the slice.</summary>
    public IProjection Inner { get; }

    /// <inheritdoc/>
    public void Project(Span<double> x)
    {
        if (Offset + Length > x.Length)
            throw new ArgumentException($"x has length {x.Length} but the slice needs Offset+Length = {Offset + Length}.", nameof(x));
        Inner.Project(x.Slice(Offset, Length));
    }
}
