using System.Runtime.Intrinsics;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// Scratch of one worker of <see cref="BatchedKgrEvaluator"/>'s managed path: structure-of-arrays buffers for a block of
/// <see cref="Lanes"/> particles, every matrix entry a <see cref="Vector256{T}"/> holding that entry for the 4 particles
/// (real and imaginary parts in separate buffers). Allocated once per worker; never shared between threads.
/// </summary>
internal sealed class BatchedKgrWorkspace
{
    /// <summary>Particles per SIMD block (the lane count of <see cref="Vector256{T}"/> of double).</summary>
    public const int Lanes = 4;

    public BatchedKgrWorkspace(int antennas, int slots, int paths)
    {
        M = antennas; K = slots; L = paths;
        int mm = antennas * antennas, mk = antennas * slots, kk = slots * slots;
        Rr = new Vector256<double>[mm]; Ri = new Vector256<double>[mm];
        Lr = new Vector256<double>[mm]; Li = new Vector256<double>[mm];
        Wr = new Vector256<double>[mm]; Wi = new Vector256<double>[mm];
        Pr = new Vector256<double>[mk]; Pi = new Vector256<double>[mk];
        Vr = new Vector256<double>[mk]; Vi = new Vector256<double>[mk];
        Zr = new Vector256<double>[mk]; Zi = new Vector256<double>[mk];
        Ur = new Vector256<double>[mk]; Ui = new Vector256<double>[mk];
        Xr = new Vector256<double>[kk]; Xi = new Vector256<double>[kk];
        Yr = new Vector256<double>[kk]; Yi = new Vector256<double>[kk];
        Ar = new Vector256<double>[paths * antennas]; Ai = new Vector256<double>[paths * antennas];
        LaneU = new Vector256<double>[paths]; LaneV = new Vector256<double>[paths]; LaneP = new Vector256<double>[paths];
        Eigenvalues = new double[antennas];
        ModePowers = new double[Math.Min(antennas, slots)];
        LaneValues = new double[Lanes];
    }

    public int M { get; }
    public int K { get; }
    public int L { get; }
    public Vector256<double>[] Rr { get; }
    public Vector256<double>[] Ri { get; }
    public Vector256<double>[] Lr { get; }
    public Vector256<double>[] Li { get; }
    public Vector256<double>[] Wr { get; }
    public Vector256<double>[] Wi { get; }
    public Vector256<double>[] Pr { get; }
    public Vector256<double>[] Pi { get; }
    public Vector256<double>[] Vr { get; }
    public Vector256<double>[] Vi { get; }
    public Vector256<double>[] Zr { get; }
    public Vector256<double>[] Zi { get; }
    public Vector256<double>[] Ur { get; }
    public Vector256<double>[] Ui { get; }
    public Vector256<double>[] Xr { get; }
    public Vector256<double>[] Xi { get; }
    public Vector256<double>[] Yr { get; }
    public Vector256<double>[] Yi { get; }
    public Vector256<double>[] Ar { get; }
    public Vector256<double>[] Ai { get; }
    /// <summary>Per-lane path parameters u_l, v_l, p_l of the block's particles (their trials' geometries).</summary>
    public Vector256<double>[] LaneU { get; }
    public Vector256<double>[] LaneV { get; }
    public Vector256<double>[] LaneP { get; }
    /// <summary>Per-lane R_mm = Σ_l p_l.</summary>
    public Vector256<double> LaneDiagonal { get; set; }
    public double[] Eigenvalues { get; }
    public double[] ModePowers { get; }
    public double[] LaneValues { get; }
    /// <summary>Per-phase Stopwatch ticks (<see cref="BatchedKgrEvaluator.PhaseNames"/>) when profiling, else null.</summary>
    public long[]? PhaseTicks { get; set; }
}
