using System.Numerics;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// "FA positions only" (fa-plkg docs/fa-plkg.md, our choice): PSO over the positions with the precoder fixed at √ρ·I, seeded
/// with the UPA; isolates the gain of moving the antennas from the gain of precoding.
/// </summary>
public static class FluidAntennaPositionsOnly
{
    /// <summary>Runs the scheme.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="swarm">PSO settings.</param>
    /// <param name="incumbent">Seed layout (the UPA).</param>
    /// <param name="seed">PSO seed.</param>
    /// <param name="repair">Optional repair of moved particles (push-apart or the snap to discrete ports).</param>
    public static SchemeOutcome Run(KeyGenerationProblem problem, ParticleSwarmOptions swarm, double[] incumbent, ulong seed, ParticleRepair? repair = null)
    {
        var p = new Complex[problem.PrecoderLength];
        problem.IsotropicPrecoder(p);
        var objective = new Objective(problem, p);
        var start = new SchemeOutcome(objective.Evaluator.Kgr(p, incumbent), incumbent, p, 1, null);
        var result = new ParticleSwarm(swarm).Maximize(new ParticleSwarmProblem(objective,
            BoxBounds.Uniform(problem.LayoutLength, 0, problem.Region.SideWavelengths), problem.Penalty, repair), seed, incumbent);
        return FluidAntennaAlternating.Finish(problem, objective.Evaluator, result.BestX, p, result.Evaluations, result.History, start);
    }

    private sealed class Objective(KeyGenerationProblem problem, Complex[] precoder) : IObjective
    {
        public KeyGenerationEvaluator Evaluator { get; } = new(problem);
        public double Evaluate(ReadOnlySpan<double> x) => Evaluator.Kgr(precoder, x);
    }
}
