using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-zeroth-order</c>.</summary>
public sealed record ZerothOrderParameters : IValidatable
{
    /// <summary>Dimensions of the moment table, each in [2, 2000], distinct (spec §4 R1: 10, 50, 200).</summary>
    public int[] MomentDimensions { get; init; } = [10, 50, 200];

    /// <summary>Single-direction draws per trial of the moment table, in [10, 10^7].</summary>
    public int DrawsPerTrial { get; init; } = 2000;

    /// <summary>ZO-SGD iterations, in [10, 10^6] (spec: 2000).</summary>
    public int Iterations { get; init; } = 2000;

    /// <summary>Learning-rate grid of ZO-SGD, each in (0, 1], distinct (spec: 1e-3, 3e-3, 1e-2).</summary>
    public double[] LearningRates { get; init; } = [1e-3, 3e-3, 1e-2];

    /// <summary>Dimensions of the iteration-count scaling run, each in [2, 2000], distinct (spec Z6: 25…200).</summary>
    public int[] ScalingDimensions { get; init; } = [25, 50, 100, 200];

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(MomentDimensions, 2, 2000, Check.Path(path, "momentDimensions"));
        Check.Distinct(MomentDimensions, Check.Path(path, "momentDimensions"));
        Check.InRange(DrawsPerTrial, 10, 10_000_000, Check.Path(path, "drawsPerTrial"));
        Check.InRange(Iterations, 10, 1_000_000, Check.Path(path, "iterations"));
        Check.AllInRange(LearningRates, 1e-9, 1, Check.Path(path, "learningRates"));
        Check.Distinct(LearningRates, Check.Path(path, "learningRates"));
        Check.AllInRange(ScalingDimensions, 2, 2000, Check.Path(path, "scalingDimensions"));
        Check.Distinct(ScalingDimensions, Check.Path(path, "scalingDimensions"));
    }
}
