using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// A worker's local cost f_i(θ_i) = E_ξ[F_i(θ_i; ξ)] with a stochastic-gradient oracle ∇F_i(θ_i; ξ) (unbiased, bounded
/// variance): the local costs of the resource-allocation problem, eq. (1)–(2) of arXiv 2509.01172 ([Paper]; the
/// expectation form is the toolkit's reading of eq. (2)).
/// </summary>
public interface IStochasticCost
{
    /// <summary>Dimension d of the local decision θ_i.</summary>
    int Dimension { get; }

    /// <summary>A strong-convexity modulus μ_i &gt; 0 of f_i on the worker's feasible set (used for step defaults and checks).</summary>
    double StrongConvexity { get; }

    /// <summary>The expected cost f_i(θ_i).</summary>
    double Value(ReadOnlySpan<double> theta);

    /// <summary>The exact gradient ∇f_i(θ_i) (tests and references only; workers never see it).</summary>
    void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>One stochastic gradient ∇F_i(θ_i; ξ), ξ ~ μ_i drawn from <paramref name="rng"/>.</summary>
    void SampleGradient(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng, Span<double> gradient);
}
