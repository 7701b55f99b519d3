namespace PhyToolkit.Antennas;

/// <summary>
/// The one array abstraction shared by every antenna kind (STYLE §3): element positions in wavelengths and the number of
/// active elements. Channel and correlation models read <see cref="Positions"/> only, so fluid, fixed and RIS arrays
/// are never special-cased. All elements are isotropic (unit field pattern) — the model of docs/fa-plkg.md
/// </summary>
public interface IAntennaArray
{
    /// <summary>Coordinates per element in <see cref="Positions"/>: 2 for the planar layouts of docs/fa-plkg.md</summary>
    int Dimensions { get; }

    /// <summary>Number of active elements M (for a <see cref="PortGrid"/>: the selected ports, not all ports).</summary>
    int ElementCount { get; }

    /// <summary>
    /// Active-element positions in wavelengths, flat and interleaved: <c>x0, y0, x1, y1, …</c>
    /// (length <see cref="Dimensions"/> · <see cref="ElementCount"/>). This is the layout a PSO particle uses.
    /// </summary>
    ReadOnlySpan<double> Positions { get; }

    /// <summary>Position of active element <paramref name="element"/> (0 ≤ element &lt; <see cref="ElementCount"/>).</summary>
    Position GetPosition(int element);
}
