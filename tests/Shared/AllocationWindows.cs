namespace PhyToolkit.Tests.Shared;

/// <summary>
/// Allocation checks of hot paths for the test projects (compiled into each one that links this file). A hot path that
/// allocates does so in every window of calls, while a one-time runtime event on the calling thread — a JIT tier-up, the
/// lazy set-up of a wait primitive the first time a thread really blocks (24 bytes were seen once in CI) — lands in one
/// window only; so the test asserts on the quietest of several windows.
/// </summary>
internal static class AllocationWindows
{
    /// <summary>Bytes allocated on the calling thread by the quietest of <paramref name="windows"/> runs of <paramref name="window"/>.</summary>
    public static long Quietest(Action window, int windows = 5)
    {
        long quietest = long.MaxValue;
        for (int w = 0; w < windows; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window();
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return quietest;
    }
}
