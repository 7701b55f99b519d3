using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

public sealed partial class BatchedKgrEvaluator
{
    // ---- Phase profile (where the time goes): Stopwatch ticks per phase of the managed path, recorded by the calling
    // thread's workspace only (worker 0), so the shares are exact with one worker and cover worker 0's share otherwise. ----

    /// <summary>Names of the phases counted by <see cref="StartPhaseProfile"/>, in index order.</summary>
    public static IReadOnlyList<string> PhaseNames { get; } =
    [
        "R build (field responses a_lm, R = Σ p a aᴴ)",
        "Cholesky of C = R + σ_A²I",
        "W = L_C⁻¹R (forward solve, M columns)",
        "V = W·P (M×M by M×K product)",
        "Z = L_C⁻¹P (forward solve, K columns)",
        "X_Q = (σ_A²/σ_B²)·ZᴴV (lower triangle)",
        "Cholesky of I + X_Q",
        "U = L_Q⁻¹Vᴴ (transpose + forward solve)",
        "Y = UUᴴ/σ_B² (lower triangle)",
        "Cholesky of I + Y and log det",
        "gradient: L_C·Uᴴ and L_C⁻ᴴUᴴ",
        "gradient: (I + Y)⁻¹ and L_Q⁻ᴴ solves",
        "precoder load, gradient store, state copies",
    ];

    /// <summary>Starts (or restarts) counting the time of each phase of <see cref="PhaseNames"/> on the calling thread's
    /// block loop (a diagnostic for the benchmark; adds two timestamp reads per phase and block).</summary>
    public void StartPhaseProfile() => _workspaces[0].PhaseTicks = new long[PhaseNames.Count];

    /// <summary>Stops counting and returns the seconds spent per phase of <see cref="PhaseNames"/> since
    /// <see cref="StartPhaseProfile"/> (empty if no profile was started).</summary>
    public double[] StopPhaseProfile()
    {
        var ticks = _workspaces[0].PhaseTicks;
        _workspaces[0].PhaseTicks = null;
        return ticks == null ? [] : ticks.Select(t => t / (double)Stopwatch.Frequency).ToArray();
    }

    private enum Phase { RBuild, CholeskyC, W, V, Z, XQ, CholeskyQ, U, Y, CholeskyY, GradientC, GradientQY, Copies }

    // Adds the ticks since `last` to the phase and moves `last` on (nothing when the workspace is not profiling).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mark(BatchedKgrWorkspace ws, Phase phase, ref long last)
    {
        var ticks = ws.PhaseTicks;
        if (ticks == null) return;
        long now = Stopwatch.GetTimestamp();
        ticks[(int)phase] += now - last;
        last = now;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Now(BatchedKgrWorkspace ws) => ws.PhaseTicks == null ? 0 : Stopwatch.GetTimestamp();
}
