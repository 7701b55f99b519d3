using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// How the server learns the aggregates z_j = Σ_i A_ji θ_i used in its dual step: exactly (digital messages; the default
/// when no channel is set) or through a noisy physical channel such as an over-the-air analog sum
/// (<see cref="OverTheAirAggregate"/>; Asyn-PD spec of arXiv 2509.01172 §6, [Proposed]).
/// </summary>
public interface IAggregateChannel
{
    /// <summary>Writes the server's measurement of every z_j into <paramref name="measured"/> (m × d).</summary>
    /// <param name="lagrangian">The problem (weights A).</param>
    /// <param name="theta">The primal blocks the workers transmit (the server's table).</param>
    /// <param name="exact">The exact aggregates Σ_i A_ji θ_i.</param>
    /// <param name="measured">Output.</param>
    /// <param name="rng">Channel noise stream.</param>
    void Measure(RegularizedLagrangian lagrangian, IReadOnlyList<double[]> theta, double[][] exact, double[][] measured, ref Xoshiro256StarStar rng);
}
