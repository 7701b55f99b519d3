using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Optimization.Swarm;

/// <summary>What a <see cref="ParticleSwarm"/> run maximises: a batch objective over a box, with optional penalty and
/// repair hooks. Fitness of a particle x = Objective(x) − Penalty(x).</summary>
public sealed class ParticleSwarmProblem
{
    /// <summary>Creates the problem.</summary>
    /// <param name="objective">Batch objective evaluated once per swarm move on all S particles.</param>
    /// <param name="bounds">Search box (defines the dimension d).</param>
    /// <param name="penalty">Optional non-negative penalty subtracted from the fitness.</param>
    /// <param name="repair">Optional in-place map into the feasible set, applied after every move and box clamp.</param>
    public ParticleSwarmProblem(IBatchObjective objective, BoxBounds bounds, ParticlePenalty? penalty = null, ParticleRepair? repair = null)
    {
        Objective = objective ?? throw new ArgumentNullException(nameof(objective));
        Bounds = bounds ?? throw new ArgumentNullException(nameof(bounds));
        Penalty = penalty;
        Repair = repair;
    }

    /// <summary>Convenience: a per-point objective wrapped in <see cref="PointwiseBatchObjective"/>.</summary>
    public ParticleSwarmProblem(IObjective objective, BoxBounds bounds, ParticlePenalty? penalty = null, ParticleRepair? repair = null, int maxDegreeOfParallelism = 1)
        : this(new PointwiseBatchObjective(objective, maxDegreeOfParallelism), bounds, penalty, repair) { }

    /// <summary>The batch objective.</summary>
    public IBatchObjective Objective { get; }

    /// <summary>The search box.</summary>
    public BoxBounds Bounds { get; }

    /// <summary>Optional penalty hook.</summary>
    public ParticlePenalty? Penalty { get; }

    /// <summary>Optional repair hook.</summary>
    public ParticleRepair? Repair { get; }

    /// <summary>Search-space dimension d.</summary>
    public int Dimension => Bounds.Dimension;
}
