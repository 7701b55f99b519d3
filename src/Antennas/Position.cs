namespace PhyToolkit.Antennas;

/// <summary>
/// A point in wavelengths (λ = 1): <c>(X, Y, Z)</c>. Planar layouts (docs/fa-plkg.md) use <c>Z = 0</c>, so the type
/// grows to 3-D without changing callers. Hot paths do not use this type: they use flat coordinate spans
/// (<c>x0, y0, x1, y1, …</c>, see <see cref="IAntennaArray.Positions"/>).
/// </summary>
/// <param name="X">x coordinate in wavelengths.</param>
/// <param name="Y">y coordinate in wavelengths.</param>
/// <param name="Z">z coordinate in wavelengths (0 for planar layouts).</param>
public readonly record struct Position(double X, double Y, double Z = 0)
{
    /// <summary>Euclidean distance to <paramref name="other"/> in wavelengths.</summary>
    public double DistanceTo(Position other)
    {
        double dx = X - other.X, dy = Y - other.Y, dz = Z - other.Z;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}
