using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-rolling-ball</c>.</summary>
public sealed record RollingBallParameters : IValidatable
{
    /// <summary>Ball radii ρ of the 1-D runs, each in (0, 10], distinct (spec R1: 0.01, 0.03, 0.1).</summary>
    public double[] Radii { get; init; } = [0.01, 0.03, 0.1];

    /// <summary>Equally spaced starts in [0, 2.1] for the end-point diversity count, in [2, 1000] (spec W2: 50, also with --quick).</summary>
    public int Starts { get; init; } = 50;

    /// <summary>Steps of the 1-D runs, in [10, 10^6] (spec: 2000).</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Steps of the 2-D multi-well runs, in [10, 10^6] (our choice: 500).</summary>
    public int Steps2D { get; init; } = 500;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(Radii, 1e-9, 10, Check.Path(path, "radii"));
        Check.Distinct(Radii, Check.Path(path, "radii"));
        Check.InRange(Starts, 2, 1000, Check.Path(path, "starts"));
        Check.InRange(Steps, 10, 1_000_000, Check.Path(path, "steps"));
        Check.InRange(Steps2D, 10, 1_000_000, Check.Path(path, "steps2D"));
    }
}
