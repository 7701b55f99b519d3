namespace PhyToolkit.Optimization.Projections;

/// <summary>Maps a real vector onto a closed set in place (Euclidean projection unless the implementing type says otherwise).</summary>
public interface IProjection
{
    /// <summary>Replaces <paramref name="x"/> by its projection. Must be idempotent: Π(Π(x)) = Π(x).</summary>
    void Project(Span<double> x);
}
