namespace PhyToolkit.Optimization.Projections;

/// <summary>
/// Applies real projections in order: Π = Π_n ∘ … ∘ Π_1. Exact (the projection onto the intersection) when the sets
/// are compatible, e.g. a box on one block of coordinates and a ball on another; for overlapping constraints it is
/// one sweep of alternating projections and its result lies in the last set.
/// </summary>
public sealed class ProjectionSequence : IProjection
{
    private readonly IProjection[] _parts;

    /// <summary>Composes <paramref name="parts"/> (applied first to last).</summary>
    public ProjectionSequence(params IProjection[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var p in parts) ArgumentNullException.ThrowIfNull(p, nameof(parts));
        _parts = (IProjection[])parts.Clone();
    }

    /// <summary>The composed projections in application order.</summary>
    public IReadOnlyList<IProjection> Parts => _parts;

    /// <inheritdoc/>
    public void Project(Span<double> x)
    {
        foreach (var p in _parts) p.Project(x);
    }
}
