using System.Globalization;

namespace PhyToolkit.Antennas;

/// <summary>
/// Fixed-position uniform planar array (the "UPA / FPA" benchmark of docs/fa-plkg.md [P names it]): rows × columns
/// isotropic elements at pitch s (default λ/2), centred in the region <c>[0, A]²</c>. Element index
/// <c>k = r·columns + c</c> sits at <c>x = (A − (columns − 1)s)/2 + c·s</c>, <c>y = (A − (rows − 1)s)/2 + r·s</c>.
/// </summary>
public sealed class UniformPlanarArray : IAntennaArray
{
    private readonly double[] _positions;

    /// <summary>Creates a rows × columns UPA centred in <c>[0, A]²</c>.</summary>
    /// <param name="rows">Number of rows (along y), ≥ 1.</param>
    /// <param name="columns">Number of columns (along x), ≥ 1.</param>
    /// <param name="regionSideWavelengths">Region side A in wavelengths; must hold the aperture (max(rows, columns) − 1)·s.</param>
    /// <param name="spacingWavelengths">Element pitch s in wavelengths, &gt; 0 (default 0.5, docs/fa-plkg.md).</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive counts, non-finite or non-positive sizes.</exception>
    /// <exception cref="ArgumentException">The aperture does not fit in A (the message gives the smallest feasible A).</exception>
    public UniformPlanarArray(int rows, int columns, double regionSideWavelengths, double spacingWavelengths = 0.5)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be ≥ 1");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be ≥ 1");
        if (!double.IsFinite(spacingWavelengths) || spacingWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(spacingWavelengths), spacingWavelengths, "the element spacing must be a finite number > 0 (wavelengths)");
        if (!double.IsFinite(regionSideWavelengths) || regionSideWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(regionSideWavelengths), regionSideWavelengths, "the region side A must be a finite number > 0 (wavelengths)");
        double needed = (Math.Max(rows, columns) - 1) * spacingWavelengths;
        if (regionSideWavelengths < needed - PlanarRegion.DefaultTolerance)
            throw new ArgumentException(
                $"a {rows}×{columns} UPA at spacing {F(spacingWavelengths)} λ cannot fit in A = {F(regionSideWavelengths)} λ; the smallest feasible A is {F(needed)} λ",
                nameof(regionSideWavelengths));
        Rows = rows; Columns = columns; SpacingWavelengths = spacingWavelengths; RegionSideWavelengths = regionSideWavelengths;
        _positions = new double[2 * rows * columns];
        double x0 = (regionSideWavelengths - (columns - 1) * spacingWavelengths) / 2;
        double y0 = (regionSideWavelengths - (rows - 1) * spacingWavelengths) / 2;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int k = r * columns + c;
                _positions[2 * k] = x0 + c * spacingWavelengths;
                _positions[2 * k + 1] = y0 + r * spacingWavelengths;
            }
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

    /// <summary>Number of rows (along y).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (along x).</summary>
    public int Columns { get; }

    /// <summary>Element pitch in wavelengths.</summary>
    public double SpacingWavelengths { get; }

    /// <summary>Side A of the region the array is centred in, in wavelengths.</summary>
    public double RegionSideWavelengths { get; }

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <inheritdoc/>
    public int ElementCount => Rows * Columns;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Positions => _positions;

    /// <inheritdoc/>
    public Position GetPosition(int element)
    {
        if ((uint)element >= (uint)ElementCount) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {ElementCount - 1}]");
        return new Position(_positions[2 * element], _positions[2 * element + 1]);
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
