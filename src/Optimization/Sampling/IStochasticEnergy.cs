using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Sampling;

/// <summary>
/// An energy U(θ) (negative log target, up to a constant; the sampled density is ∝ exp(−U/τ)) known only through
/// unbiased stochastic estimates, e.g. the mini-batch estimate Û(θ) = (N/n) Σ_{i∈batch} ℓ_i(θ) + ‖θ‖²/(2σ²_prior) of a
/// full-data loss. A noise-free energy simply ignores the generator.
/// </summary>
/// <remarks>Implementations draw every random choice (mini-batch, noise) from the generator passed in, so a sampler run is
/// reproducible from its seed.</remarks>
public interface IStochasticEnergy
{
    /// <summary>Dimension d of θ.</summary>
    int Dimension { get; }

    /// <summary>Draws one estimate: writes ∇Û(θ) into <paramref name="gradient"/> and returns Û(θ) (same draw for both).</summary>
    double EnergyAndGradient(ReadOnlySpan<double> theta, Span<double> gradient, ref Xoshiro256StarStar rng);

    /// <summary>Draws one independent estimate Û(θ) (used by the swap test and its variance estimate).</summary>
    double Energy(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng);
}
