using PhyToolkit.Optimization.Swarm;
namespace PhyToolkit.Optimization.Projections;

/// <summary>Euclidean projection onto a box: x_j ← clamp(x_j, lower_j, upper_j).</summary>
public sealed class BoxProjection : IProjection
{
    /// <summary>Projects onto <paramref name="bounds"/>.</summary>
    public BoxProjection(BoxBounds bounds) => Bounds = bounds ?? throw new ArgumentNullException(nameof(bounds));

    /// <summary>The box.</summary>
    public BoxBounds Bounds { get; }

    /// <inheritdoc/>
    public void Project(Span<double> x) => Bounds.Clamp(x);
}
