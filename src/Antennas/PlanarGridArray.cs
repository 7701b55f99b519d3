namespace PhyToolkit.Antennas;

/// <summary>
/// A rows × columns grid of isotropic elements at pitch s in a plane (what <see cref="UniformPlanarArray"/> and
/// <see cref="RisPanel"/> share): element <c>k = r·columns + c</c> sits at <c>x = x₀ + c·s</c>, <c>y = y₀ + r·s</c>.
/// </summary>
public abstract class PlanarGridArray : IAntennaArray
{
    private readonly double[] _positions;

    /// <summary>Checks the grid and lays the elements out from the corner (x₀, y₀).</summary>
    /// <param name="rows">Rows (along y), ≥ 1.</param>
    /// <param name="columns">Columns (along x), ≥ 1.</param>
    /// <param name="spacingWavelengths">Pitch s in wavelengths, finite and &gt; 0.</param>
    /// <param name="corner">Returns (x₀, y₀) for the checked (rows, columns, s); runs before any element is placed.</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive counts, non-finite or non-positive pitch.</exception>
    private protected PlanarGridArray(int rows, int columns, double spacingWavelengths, Func<int, int, double, (double X0, double Y0)> corner)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be ≥ 1");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be ≥ 1");
        if (!double.IsFinite(spacingWavelengths) || spacingWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(spacingWavelengths), spacingWavelengths, "the element spacing must be a finite number > 0 (wavelengths)");
        Rows = rows; Columns = columns; SpacingWavelengths = spacingWavelengths;
        var (x0, y0) = corner(rows, columns, spacingWavelengths);
        _positions = new double[2 * rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int k = r * columns + c;
                _positions[2 * k] = x0 + c * spacingWavelengths;
                _positions[2 * k + 1] = y0 + r * spacingWavelengths;
            }
    }

    /// <summary>Number of rows (along y).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (along x).</summary>
    public int Columns { get; }

    /// <summary>Element pitch in wavelengths.</summary>
    public double SpacingWavelengths { get; }

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <summary>Number of elements, rows × columns.</summary>
    public int ElementCount => Rows * Columns;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Positions => _positions;

    /// <inheritdoc/>
    public Position GetPosition(int element)
    {
        if ((uint)element >= (uint)ElementCount) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {ElementCount - 1}]");
        return new Position(_positions[2 * element], _positions[2 * element + 1]);
    }
}
