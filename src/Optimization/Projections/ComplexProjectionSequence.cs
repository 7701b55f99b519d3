using System.Numerics;

namespace PhyToolkit.Optimization.Projections;

/// <summary>Applies complex projections in order: Π = Π_n ∘ … ∘ Π_1 (see <see cref="ProjectionSequence"/> for when
/// the composition is the exact projection onto the intersection).</summary>
public sealed class ComplexProjectionSequence : IComplexProjection
{
    private readonly IComplexProjection[] _parts;

    /// <summary>Composes <paramref name="parts"/> (applied first to last).</summary>
    public ComplexProjectionSequence(params IComplexProjection[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var p in parts) ArgumentNullException.ThrowIfNull(p, nameof(parts));
        _parts = (IComplexProjection[])parts.Clone();
    }

    /// <summary>The composed projections in application order.</summary>
    public IReadOnlyList<IComplexProjection> Parts => _parts;

    /// <inheritdoc/>
    public void Project(Span<Complex> x)
    {
        foreach (var p in _parts) p.Project(x);
    }
}
