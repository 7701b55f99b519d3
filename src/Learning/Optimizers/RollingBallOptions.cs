using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>Hyper-parameters of <see cref="RollingBall"/> (the group's <c>LearningRate</c> is η).</summary>
/// <remarks>[PROPOSED] toolkit defaults (docs/optim-rolling-ball.md; the paper gives none): η = 0.1, ρ = 0.1,
/// projection step s = 0.01, K = 10 projection steps.</remarks>
public sealed class RollingBallOptions : OptimizerOptions
{
    /// <summary>Ball radius ρ ≥ 0 (0 reduces to a projected gradient step).</summary>
    public double Radius { get; set; } = 0.1;

    /// <summary>Step size s &gt; 0 of the foot-point projection iteration.</summary>
    public double ProjectionStep { get; set; } = 0.01;

    /// <summary>Projection iterations K in [1, 100000].</summary>
    public int ProjectionSteps { get; set; } = 10;

    /// <inheritdoc />
    public override void SaveStateDict(BinaryWriter writer)
    {
        base.SaveStateDict(writer);
        writer.Write(Radius);
        writer.Write(ProjectionStep);
        writer.Write(ProjectionSteps);
    }

    /// <inheritdoc />
    public override void LoadStateDict(BinaryReader reader)
    {
        base.LoadStateDict(reader);
        Radius = reader.ReadDouble();
        ProjectionStep = reader.ReadDouble();
        ProjectionSteps = reader.ReadInt32();
    }

    /// <inheritdoc />
    public override void LoadStateDict(OptimizerOptions source)
    {
        base.LoadStateDict(source);
        if (source is RollingBallOptions o)
        {
            Radius = o.Radius;
            ProjectionStep = o.ProjectionStep;
            ProjectionSteps = o.ProjectionSteps;
        }
    }
}
