using System.Globalization;

namespace PhyToolkit.Antennas;

/// <summary>
/// Fixed-position uniform linear array (the "FPA-ULA" benchmark of spec fa-plkg §4.2 [C]): M elements at pitch s
/// (default λ/2) along x, centred in <c>[0, A]²</c> on the line <c>y = A/2</c>:
/// <c>x_k = (A − (M − 1)s)/2 + k·s</c>. Under the field-response model a common y offset only adds a common phase,
/// so R equals that of the spec's ULA "on the x-axis".
/// </summary>
public sealed class UniformLinearArray : IAntennaArray
{
    private readonly double[] _positions;

    /// <summary>Creates the ULA.</summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    /// <param name="regionSideWavelengths">Region side A in wavelengths, ≥ (M − 1)·s.</param>
    /// <param name="spacingWavelengths">Pitch s in wavelengths, &gt; 0 (default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive count or sizes, NaN.</exception>
    /// <exception cref="ArgumentException">The array does not fit (message gives the smallest feasible A).</exception>
    public UniformLinearArray(int antennaCount, double regionSideWavelengths, double spacingWavelengths = 0.5)
    {
        if (antennaCount < 1) throw new ArgumentOutOfRangeException(nameof(antennaCount), antennaCount, "the antenna count M must be ≥ 1");
        if (!double.IsFinite(spacingWavelengths) || spacingWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(spacingWavelengths), spacingWavelengths, "the element spacing must be a finite number > 0 (wavelengths)");
        if (!double.IsFinite(regionSideWavelengths) || regionSideWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(regionSideWavelengths), regionSideWavelengths, "the region side A must be a finite number > 0 (wavelengths)");
        double needed = (antennaCount - 1) * spacingWavelengths;
        if (regionSideWavelengths < needed - PlanarRegion.DefaultTolerance)
            throw new ArgumentException(
                $"a {antennaCount}-element ULA at spacing {spacingWavelengths.ToString("G6", CultureInfo.InvariantCulture)} λ cannot fit in A = {regionSideWavelengths.ToString("G6", CultureInfo.InvariantCulture)} λ; the smallest feasible A is {needed.ToString("G6", CultureInfo.InvariantCulture)} λ",
                nameof(regionSideWavelengths));
        SpacingWavelengths = spacingWavelengths; RegionSideWavelengths = regionSideWavelengths;
        _positions = CentredLayout(antennaCount, regionSideWavelengths, spacingWavelengths);
    }

    /// <summary>
    /// The positions (x₀, y₀, x₁, y₁, …) of an M-element ULA along x centred on the square region's centre (A/2, A/2):
    /// xₘ = A/2 + s·(m − (M − 1)/2), yₘ = A/2. Unlike the constructor this does not require the array to fit in the
    /// region: a fixed baseline array may extend beyond a fluid-antenna region (the models are translation invariant).
    /// </summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    /// <param name="regionSideWavelengths">Region side A in wavelengths (finite).</param>
    /// <param name="spacingWavelengths">Pitch s in wavelengths, &gt; 0 (default λ/2).</param>
    public static double[] CentredLayout(int antennaCount, double regionSideWavelengths, double spacingWavelengths = 0.5)
    {
        if (antennaCount < 1) throw new ArgumentOutOfRangeException(nameof(antennaCount), antennaCount, "the antenna count M must be ≥ 1");
        if (!double.IsFinite(regionSideWavelengths)) throw new ArgumentOutOfRangeException(nameof(regionSideWavelengths), regionSideWavelengths, "the region side A must be finite (wavelengths)");
        if (!double.IsFinite(spacingWavelengths) || spacingWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(spacingWavelengths), spacingWavelengths, "the element spacing must be a finite number > 0 (wavelengths)");
        var pos = new double[2 * antennaCount];
        for (int m = 0; m < antennaCount; m++)
        {
            pos[2 * m] = regionSideWavelengths / 2 + spacingWavelengths * (m - (antennaCount - 1) / 2.0);
            pos[2 * m + 1] = regionSideWavelengths / 2;
        }
        return pos;
    }

    /// <summary>Element pitch in wavelengths.</summary>
    public double SpacingWavelengths { get; }

    /// <summary>Side A of the region the array is centred in, in wavelengths.</summary>
    public double RegionSideWavelengths { get; }

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <inheritdoc/>
    public int ElementCount => _positions.Length / 2;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Positions => _positions;

    /// <inheritdoc/>
    public Position GetPosition(int element)
    {
        if ((uint)element >= (uint)ElementCount) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {ElementCount - 1}]");
        return new Position(_positions[2 * element], _positions[2 * element + 1]);
    }
}
