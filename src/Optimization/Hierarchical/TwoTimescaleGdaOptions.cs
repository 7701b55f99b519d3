namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Options of <see cref="TwoTimescaleGda"/>, the fixed-step stochastic gradient descent–ascent baseline of spec
/// docs/optim-hierarchical.md [proposal]. The theory of two-time-scale GDA for NC-SC problems (Lin, Jin, Jordan,
/// arXiv:1906.00331) takes η_y = Θ(1/ℓ) and η_x = Θ(η_y/κ²); the defaults (η_y = 0.5, η_x = 0.05) are our choice for problems
/// with ℓ ≈ 1, κ ≈ 3, and the step sizes are meant to be tuned per problem (they are not noise-adaptive).
/// </summary>
public sealed record TwoTimescaleGdaOptions
{
    /// <summary>Number of iterations T ≥ 1.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Outer (descent) step η_x &gt; 0.</summary>
    public double EtaX { get; init; } = 0.05;

    /// <summary>Inner (ascent) step η_y &gt; 0.</summary>
    public double EtaY { get; init; } = 0.5;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming it and its range.</summary>
    public void Validate()
    {
        Guard.AtLeast(Iterations, 1, nameof(Iterations));
        Guard.Positive(EtaX, nameof(EtaX));
        Guard.Positive(EtaY, nameof(EtaY));
    }
}
