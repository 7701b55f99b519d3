using System.Globalization;

namespace PhyToolkit.Antennas;

/// <summary>
/// Discrete fluid-antenna ports (FAS style, docs/fa-plkg.md "discrete-port variant" [C]): an Nx × Ny grid of
/// N candidate ports spanning <c>[0, A]²</c> (port (i, j) at <c>x = i·A/(Nx − 1)</c>, <c>y = j·A/(Ny − 1)</c>; a single
/// port along an axis sits at A/2), of which M are active. Port index <c>p = j·Nx + i</c>.
/// <see cref="IAntennaArray.Positions"/> lists the active ports in selection order. Spec default: 10 × 10.
/// </summary>
/// <remarks>Selections must be distinct ports at mutual distance ≥ the minimum spacing (0 disables the check).</remarks>
public sealed class PortGrid : IAntennaArray
{
    private readonly double[] _ports;
    private int[] _active;
    private double[] _activePositions;

    /// <summary>Creates the grid and selects the initial active ports.</summary>
    /// <param name="portsX">Nx ≥ 1.</param>
    /// <param name="portsY">Ny ≥ 1.</param>
    /// <param name="regionSideWavelengths">A in wavelengths, finite and &gt; 0.</param>
    /// <param name="activePorts">Initial selection: M distinct port indices in [0, N), 1 ≤ M ≤ N.</param>
    /// <param name="minSpacingWavelengths">Minimum spacing D between active ports (≥ 0; default 0 = FAS ports without a spacing rule).</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive counts or sizes, NaN.</exception>
    /// <exception cref="ArgumentException">Invalid selection (M &gt; N, duplicates, out of range, spacing violated).</exception>
    public PortGrid(int portsX, int portsY, double regionSideWavelengths, ReadOnlySpan<int> activePorts, double minSpacingWavelengths = 0)
    {
        if (portsX < 1) throw new ArgumentOutOfRangeException(nameof(portsX), portsX, "portsX must be ≥ 1");
        if (portsY < 1) throw new ArgumentOutOfRangeException(nameof(portsY), portsY, "portsY must be ≥ 1");
        if (!double.IsFinite(regionSideWavelengths) || regionSideWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(regionSideWavelengths), regionSideWavelengths, "the region side A must be a finite number > 0 (wavelengths)");
        if (!double.IsFinite(minSpacingWavelengths) || minSpacingWavelengths < 0)
            throw new ArgumentOutOfRangeException(nameof(minSpacingWavelengths), minSpacingWavelengths, "the minimum spacing D must be a finite number ≥ 0");
        PortsX = portsX; PortsY = portsY; RegionSideWavelengths = regionSideWavelengths; MinSpacingWavelengths = minSpacingWavelengths;
        _ports = new double[2 * portsX * portsY];
        for (int j = 0; j < portsY; j++)
            for (int i = 0; i < portsX; i++)
            {
                int p = j * portsX + i;
                _ports[2 * p] = portsX == 1 ? regionSideWavelengths / 2 : i * regionSideWavelengths / (portsX - 1);
                _ports[2 * p + 1] = portsY == 1 ? regionSideWavelengths / 2 : j * regionSideWavelengths / (portsY - 1);
            }
        _active = [];
        _activePositions = [];
        SelectPorts(activePorts);
    }

    /// <summary>Ports along x (Nx).</summary>
    public int PortsX { get; }

    /// <summary>Ports along y (Ny).</summary>
    public int PortsY { get; }

    /// <summary>Total number of ports N = Nx·Ny.</summary>
    public int PortCount => PortsX * PortsY;

    /// <summary>Region side A in wavelengths.</summary>
    public double RegionSideWavelengths { get; }

    /// <summary>Minimum spacing between active ports in wavelengths (0 = none).</summary>
    public double MinSpacingWavelengths { get; }

    /// <summary>All N port positions, flat <c>x0, y0, …</c> (length 2N).</summary>
    public ReadOnlySpan<double> PortPositions => _ports;

    /// <summary>Indices of the active ports, in selection order (length M).</summary>
    public ReadOnlySpan<int> ActivePorts => _active;

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <summary>Number of active ports M.</summary>
    public int ElementCount => _active.Length;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Positions => _activePositions;

    /// <summary>Position of port <paramref name="port"/> (any port, active or not).</summary>
    /// <param name="port">Index in [0, N).</param>
    public Position GetPortPosition(int port)
    {
        if ((uint)port >= (uint)PortCount) throw new ArgumentOutOfRangeException(nameof(port), port, $"port must be in [0, {PortCount - 1}]");
        return new Position(_ports[2 * port], _ports[2 * port + 1]);
    }

    /// <inheritdoc/>
    public Position GetPosition(int element)
    {
        if ((uint)element >= (uint)ElementCount) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {ElementCount - 1}]");
        return new Position(_activePositions[2 * element], _activePositions[2 * element + 1]);
    }

    /// <summary>Replaces the active-port selection.</summary>
    /// <param name="ports">M distinct indices in [0, N), 1 ≤ M ≤ N, pairwise ≥ D apart.</param>
    /// <exception cref="ArgumentException">M = 0 or M &gt; N, an index out of range, a duplicate, or a spacing violation.</exception>
    public void SelectPorts(ReadOnlySpan<int> ports)
    {
        if (ports.Length < 1 || ports.Length > PortCount)
            throw new ArgumentException($"must select M in [1, N = {PortCount}] ports; got M = {ports.Length}", nameof(ports));
        for (int k = 0; k < ports.Length; k++)
        {
            if ((uint)ports[k] >= (uint)PortCount)
                throw new ArgumentException($"ports[{k}] = {ports[k]} is outside [0, {PortCount - 1}]", nameof(ports));
            for (int l = 0; l < k; l++)
            {
                if (ports[l] == ports[k]) throw new ArgumentException($"port {ports[k]} is selected twice", nameof(ports));
                if (PortDistance(ports[l], ports[k]) < MinSpacingWavelengths - PlanarRegion.DefaultTolerance)
                    throw new ArgumentException(
                        $"ports {ports[l]} and {ports[k]} are {PortDistance(ports[l], ports[k]).ToString("G6", CultureInfo.InvariantCulture)} λ apart, below D = {MinSpacingWavelengths.ToString("G6", CultureInfo.InvariantCulture)} λ",
                        nameof(ports));
            }
        }
        if (_active.Length != ports.Length) { _active = new int[ports.Length]; _activePositions = new double[2 * ports.Length]; }
        ports.CopyTo(_active);
        for (int k = 0; k < ports.Length; k++) { _activePositions[2 * k] = _ports[2 * ports[k]]; _activePositions[2 * k + 1] = _ports[2 * ports[k] + 1]; }
    }

    /// <summary>Index of the port nearest to (x, y); ties go to the lower index.</summary>
    /// <param name="xWavelengths">x in wavelengths (finite).</param>
    /// <param name="yWavelengths">y in wavelengths (finite).</param>
    public int NearestPort(double xWavelengths, double yWavelengths)
    {
        if (!double.IsFinite(xWavelengths) || !double.IsFinite(yWavelengths))
            throw new ArgumentException("coordinates must be finite", nameof(xWavelengths));
        int best = 0; double bestD2 = double.PositiveInfinity;
        for (int p = 0; p < PortCount; p++)
        {
            double dx = _ports[2 * p] - xWavelengths, dy = _ports[2 * p + 1] - yWavelengths, d2 = dx * dx + dy * dy;
            if (d2 < bestD2) { bestD2 = d2; best = p; }
        }
        return best;
    }

    /// <summary>
    /// Rounds a continuous layout onto the grid (docs/fa-plkg.md discrete-port variant): antennas in index order each take
    /// the nearest port that is not yet taken and is ≥ D from the ports already taken (ties → lower port index).
    /// Overwrites <paramref name="positions"/> with the port coordinates and writes the chosen ports. Deterministic.
    /// Does not change <see cref="ActivePorts"/>; call <see cref="SelectPorts"/> with the result to activate it.
    /// </summary>
    /// <param name="positions">Flat layout of length 2M (M ≤ N), finite; overwritten.</param>
    /// <param name="ports">Output port indices, length M.</param>
    /// <returns>False when some antenna found no admissible port (the outputs are then partial).</returns>
    public bool TrySnapToFreePorts(Span<double> positions, Span<int> ports)
    {
        if (positions.Length < 2 || positions.Length % 2 != 0)
            throw new ArgumentException($"a planar layout needs an even length 2M ≥ 2; got {positions.Length}", nameof(positions));
        int m = positions.Length / 2;
        if (m > PortCount) throw new ArgumentException($"M = {m} antennas exceed the N = {PortCount} ports", nameof(positions));
        if (ports.Length != m) throw new ArgumentException($"ports must have length M = {m}; got {ports.Length}", nameof(ports));
        for (int i = 0; i < positions.Length; i++)
            if (!double.IsFinite(positions[i])) throw new ArgumentException($"positions[{i}] is not finite", nameof(positions));
        double dMin = MinSpacingWavelengths - PlanarRegion.DefaultTolerance;
        for (int k = 0; k < m; k++)
        {
            int best = -1; double bestD2 = double.PositiveInfinity;
            for (int p = 0; p < PortCount; p++)
            {
                bool admissible = true;
                for (int l = 0; l < k && admissible; l++)
                    admissible = ports[l] != p && PortDistance(ports[l], p) >= dMin;
                if (!admissible) continue;
                double dx = _ports[2 * p] - positions[2 * k], dy = _ports[2 * p + 1] - positions[2 * k + 1], d2 = dx * dx + dy * dy;
                if (d2 < bestD2) { bestD2 = d2; best = p; }
            }
            if (best < 0) return false;
            ports[k] = best;
            positions[2 * k] = _ports[2 * best]; positions[2 * k + 1] = _ports[2 * best + 1];
        }
        return true;
    }

    private double PortDistance(int a, int b)
    {
        double dx = _ports[2 * a] - _ports[2 * b], dy = _ports[2 * a + 1] - _ports[2 * b + 1];
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
