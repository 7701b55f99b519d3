using PhyToolkit.Core.Random;

namespace PhyToolkit.Antennas;

/// <summary>
/// Fluid/movable-antenna array (docs/fa-plkg.md–§1.2): M antennas at continuous positions <c>t_m = [x_m, y_m]</c>
/// inside a <see cref="PlanarRegion"/>. The positions are the decision variables of problem (P0) and are mutable
/// through <see cref="MutablePositions"/> / <see cref="SetPositions"/>; feasibility (box + minimum spacing) is not
/// enforced on writes — query <see cref="IsFeasible"/> or call <see cref="TryRepair"/>.
/// </summary>
/// <remarks>Not thread-safe for concurrent writes. One RF chain per antenna is the spec's choice [C].</remarks>
public sealed class FluidAntennaArray : IAntennaArray
{
    private readonly double[] _positions;

    /// <summary>Creates the array with the given initial layout (copied).</summary>
    /// <param name="region">Movement region and minimum spacing.</param>
    /// <param name="initialPositions">Flat layout <c>x0, y0, …</c> of even length 2M ≥ 2 with finite coordinates.</param>
    /// <exception cref="ArgumentException">Odd/empty layout, non-finite coordinates, or M antennas cannot fit in the region
    /// (the message gives the smallest feasible A).</exception>
    public FluidAntennaArray(PlanarRegion region, ReadOnlySpan<double> initialPositions)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (initialPositions.Length < 2 || initialPositions.Length % 2 != 0)
            throw new ArgumentException($"a planar layout needs an even length 2M ≥ 2; got {initialPositions.Length}", nameof(initialPositions));
        region.EnsureCanFit(initialPositions.Length / 2, nameof(initialPositions));
        Region = region;
        _positions = new double[initialPositions.Length];
        SetPositions(initialPositions);
    }

    /// <summary>A random feasible array (<see cref="PlanarRegion.SampleFeasible"/>), deterministic for the RNG state.</summary>
    /// <param name="region">Movement region and minimum spacing.</param>
    /// <param name="antennaCount">M ≥ 1; must fit in the region.</param>
    /// <param name="rng">Seeded generator, advanced in place.</param>
    /// <exception cref="ArgumentException">M antennas cannot fit (message gives the smallest feasible A).</exception>
    /// <exception cref="InvalidOperationException">The sampling budget ran out.</exception>
    public static FluidAntennaArray CreateRandom(PlanarRegion region, int antennaCount, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(region);
        region.EnsureCanFit(antennaCount, nameof(antennaCount));
        var p = new double[2 * antennaCount];
        region.SampleFeasible(p, ref rng);
        return new FluidAntennaArray(region, p);
    }

    /// <summary>Starts from another array's layout, e.g. the UPA incumbent used to seed PSO (docs/fa-plkg.md).</summary>
    /// <param name="region">Movement region and minimum spacing.</param>
    /// <param name="start">Planar array whose active positions are copied.</param>
    public static FluidAntennaArray From(PlanarRegion region, IAntennaArray start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Dimensions != 2) throw new ArgumentException($"start must be planar (Dimensions = 2); got {start.Dimensions}", nameof(start));
        return new FluidAntennaArray(region, start.Positions);
    }

    /// <summary>Movement region and minimum spacing.</summary>
    public PlanarRegion Region { get; }

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <inheritdoc/>
    public int ElementCount => _positions.Length / 2;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Positions => _positions;

    /// <summary>Writable view of the flat layout (length 2M); writes are not validated.</summary>
    public Span<double> MutablePositions => _positions;

    /// <summary>True when the current layout satisfies the box and spacing constraints within 1e-9 λ.</summary>
    public bool IsFeasible => Region.IsFeasible(_positions);

    /// <summary>Copies a new layout in.</summary>
    /// <param name="positions">Flat layout of length 2M with finite coordinates.</param>
    /// <exception cref="ArgumentException">Wrong length or non-finite coordinate.</exception>
    public void SetPositions(ReadOnlySpan<double> positions)
    {
        if (positions.Length != _positions.Length)
            throw new ArgumentException($"expected length {_positions.Length} (2M); got {positions.Length}", nameof(positions));
        for (int i = 0; i < positions.Length; i++)
            if (!double.IsFinite(positions[i]))
                throw new ArgumentException($"positions[{i}] is not finite", nameof(positions));
        positions.CopyTo(_positions);
    }

    /// <summary>Repairs the layout in place with <see cref="PlanarRegion.TryRepair(Span{double}, int)"/>; returns true when feasible.</summary>
    /// <param name="maxSweeps">Maximum push-apart sweeps (default 50).</param>
    public bool TryRepair(int maxSweeps = PlanarRegion.DefaultRepairSweeps) => Region.TryRepair(_positions, maxSweeps);

    /// <inheritdoc/>
    public Position GetPosition(int element)
    {
        if ((uint)element >= (uint)ElementCount) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {ElementCount - 1}]");
        return new Position(_positions[2 * element], _positions[2 * element + 1]);
    }
}
