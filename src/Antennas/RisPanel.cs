namespace PhyToolkit.Antennas;

/// <summary>
/// Reconfigurable intelligent surface for the RIS benchmark of docs/fa-plkg.md [C]: N = rows × columns passive
/// elements at pitch s (default λ/2) in the RIS's own plane, centred at its local origin. Element
/// <c>k = r·columns + c</c> sits at <c>x = (c − (columns − 1)/2)·s</c>, <c>y = (r − (rows − 1)/2)·s</c>. The positions feed
/// the RIS-side field-response vectors b(ψ) and the covariance R_r (spec default N = 16 = 4 × 4).
/// </summary>
public sealed class RisPanel : PlanarGridArray
{
    /// <summary>Creates the panel.</summary>
    /// <param name="rows">Rows (along y), ≥ 1.</param>
    /// <param name="columns">Columns (along x), ≥ 1.</param>
    /// <param name="spacingWavelengths">Pitch s in wavelengths, finite and &gt; 0 (default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive counts, non-finite or non-positive pitch.</exception>
    public RisPanel(int rows, int columns, double spacingWavelengths = 0.5)
        : base(rows, columns, spacingWavelengths, static (r, c, s) => (-(c - 1) / 2.0 * s, -(r - 1) / 2.0 * s))
    {
    }
}
