using System.Numerics;

namespace PhyToolkit.Optimization.Projections;

/// <summary>Maps a complex vector (or column-major matrix) onto a closed set in place.</summary>
public interface IComplexProjection
{
    /// <summary>Replaces <paramref name="x"/> by its projection. Must be idempotent: Π(Π(x)) = Π(x).</summary>
    void Project(Span<Complex> x);
}
