namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>Sees the server state after every server iteration (async: every message; sync: every round).</summary>
public interface IPrimalDualObserver
{
    /// <summary>Called after server iteration <paramref name="iteration"/> at virtual time <paramref name="time"/>; return false to stop.</summary>
    /// <param name="iteration">Server iterations so far (t).</param>
    /// <param name="time">Virtual time.</param>
    /// <param name="theta">The server's table of primal blocks θ_i (do not modify).</param>
    /// <param name="lambda">The dual λ (do not modify).</param>
    bool Observe(long iteration, double time, IReadOnlyList<double[]> theta, ReadOnlySpan<double> lambda);
}
