using System.Globalization;

namespace PhyToolkit.Antennas;

/// <summary>
/// Fixed-position uniform planar array (the "UPA / FPA" benchmark of docs/fa-plkg.md [P names it]): rows × columns
/// isotropic elements at pitch s (default λ/2), centred in the region <c>[0, A]²</c>. Element index
/// <c>k = r·columns + c</c> sits at <c>x = (A − (columns − 1)s)/2 + c·s</c>, <c>y = (A − (rows − 1)s)/2 + r·s</c>.
/// </summary>
public sealed class UniformPlanarArray : PlanarGridArray
{

    /// <summary>Creates a rows × columns UPA centred in <c>[0, A]²</c>.</summary>
    /// <param name="rows">Number of rows (along y), ≥ 1.</param>
    /// <param name="columns">Number of columns (along x), ≥ 1.</param>
    /// <param name="regionSideWavelengths">Region side A in wavelengths; must hold the aperture (max(rows, columns) − 1)·s.</param>
    /// <param name="spacingWavelengths">Element pitch s in wavelengths, &gt; 0 (default 0.5, docs/fa-plkg.md).</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive counts, non-finite or non-positive sizes.</exception>
    /// <exception cref="ArgumentException">The aperture does not fit in A (the message gives the smallest feasible A).</exception>
    public UniformPlanarArray(int rows, int columns, double regionSideWavelengths, double spacingWavelengths = 0.5)
        : base(rows, columns, spacingWavelengths, (r, c, s) => CentredIn(regionSideWavelengths, r, c, s))
    {
        RegionSideWavelengths = regionSideWavelengths;
    }

    private static (double X0, double Y0) CentredIn(double regionSideWavelengths, int rows, int columns, double spacingWavelengths)
    {
        if (!double.IsFinite(regionSideWavelengths) || regionSideWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(regionSideWavelengths), regionSideWavelengths, "the region side A must be a finite number > 0 (wavelengths)");
        double needed = (Math.Max(rows, columns) - 1) * spacingWavelengths;
        if (regionSideWavelengths < needed - PlanarRegion.DefaultTolerance)
            throw new ArgumentException(
                $"a {rows}×{columns} UPA at spacing {F(spacingWavelengths)} λ cannot fit in A = {F(regionSideWavelengths)} λ; the smallest feasible A is {F(needed)} λ",
                nameof(regionSideWavelengths));
        return ((regionSideWavelengths - (columns - 1) * spacingWavelengths) / 2, (regionSideWavelengths - (rows - 1) * spacingWavelengths) / 2);
    }

    /// <summary>
    /// A UPA with M elements as close to square as possible: rows = the largest divisor of M that is ≤ √M,
    /// columns = M / rows (so 4 → 2×2, 9 → 3×3, 16 → 4×4, 8 → 2×4). Our choice for non-square M.
    /// </summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    /// <param name="regionSideWavelengths">Region side A in wavelengths.</param>
    /// <param name="spacingWavelengths">Element pitch in wavelengths (default 0.5).</param>
    public static UniformPlanarArray NearSquare(int antennaCount, double regionSideWavelengths, double spacingWavelengths = 0.5)
    {
        var (rows, columns) = NearSquareShape(antennaCount);
        return new UniformPlanarArray(rows, columns, regionSideWavelengths, spacingWavelengths);
    }

    /// <summary>The (rows, columns) of <see cref="NearSquare"/>: rows = the largest divisor of M that is ≤ √M.</summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    public static (int Rows, int Columns) NearSquareShape(int antennaCount)
    {
        if (antennaCount < 1) throw new ArgumentOutOfRangeException(nameof(antennaCount), antennaCount, "the antenna count M must be ≥ 1");
        int rows = (int)Math.Floor(Math.Sqrt(antennaCount));
        while (antennaCount % rows != 0) rows--;
        return (rows, antennaCount / rows);
    }

    /// <summary>
    /// The smallest square side (wavelengths) that holds the near-square M-element UPA at pitch s:
    /// (max(rows, columns) − 1)·s. Lets a caller check a configuration before building anything.
    /// </summary>
    public static double NearSquareMinimumSide(int antennaCount, double spacingWavelengths = 0.5)
    {
        var (rows, columns) = NearSquareShape(antennaCount);
        return (Math.Max(rows, columns) - 1) * spacingWavelengths;
    }

    /// <summary>Side A of the region the array is centred in, in wavelengths.</summary>
    public double RegionSideWavelengths { get; }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
