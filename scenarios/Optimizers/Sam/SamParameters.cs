using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-sam</c>.</summary>
public sealed record SamParameters : IValidatable
{
    /// <summary>Gradient-evaluation budget of the small-net runs, in [100, 10^6] (equal for every optimiser).</summary>
    public int GradientEvaluations { get; init; } = 4000;

    /// <summary>Steps of the quadratic runs, in [10, 10^6].</summary>
    public int QuadraticSteps { get; init; } = 300;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.InRange(GradientEvaluations, 100, 1_000_000, Check.Path(path, "gradientEvaluations"));
        Check.InRange(QuadraticSteps, 10, 1_000_000, Check.Path(path, "quadraticSteps"));
    }
}
