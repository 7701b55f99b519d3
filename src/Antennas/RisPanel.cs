namespace PhyToolkit.Antennas;

/// <summary>
/// Reconfigurable intelligent surface for the RIS benchmark of docs/fa-plkg.md [C]: N = rows × columns passive
/// elements at pitch s (default λ/2) in the RIS's own plane, centred at its local origin. Element
/// <c>k = r·columns + c</c> sits at <c>x = (c − (columns − 1)/2)·s</c>, <c>y = (r − (rows − 1)/2)·s</c>. The positions feed
/// the RIS-side field-response vectors b(ψ) and the covariance R_r (spec default N = 16 = 4 × 4).
/// </summary>
public sealed class RisPanel : IAntennaArray
{
    private readonly double[] _positions;

    /// <summary>Creates the panel.</summary>
    /// <param name="rows">Rows (along y), ≥ 1.</param>
    /// <param name="columns">Columns (along x), ≥ 1.</param>
    /// <param name="spacingWavelengths">Pitch s in wavelengths, finite and &gt; 0 (default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive counts, non-finite or non-positive pitch.</exception>
    public RisPanel(int rows, int columns, double spacingWavelengths = 0.5)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be ≥ 1");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be ≥ 1");
        if (!double.IsFinite(spacingWavelengths) || spacingWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(spacingWavelengths), spacingWavelengths, "the element spacing must be a finite number > 0 (wavelengths)");
        Rows = rows; Columns = columns; SpacingWavelengths = spacingWavelengths;
        _positions = new double[2 * rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int k = r * columns + c;
                _positions[2 * k] = (c - (columns - 1) / 2.0) * spacingWavelengths;
                _positions[2 * k + 1] = (r - (rows - 1) / 2.0) * spacingWavelengths;
            }
    }

    /// <summary>Rows (along y).</summary>
    public int Rows { get; }

    /// <summary>Columns (along x).</summary>
    public int Columns { get; }

    /// <summary>Element pitch in wavelengths.</summary>
    public double SpacingWavelengths { get; }

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <summary>Number of RIS elements N.</summary>
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
