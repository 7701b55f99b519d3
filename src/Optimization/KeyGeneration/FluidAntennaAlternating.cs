using System.Numerics;
using PhyToolkit.Optimization.Alternating;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// Algorithm 2 of FA-PLKG (arXiv 2509.00018, "AO combining PGD and PSO"; our reading, fa-plkg spec §3.4):
/// (A) the two-loop AO — an outer PSO over the 2M position coordinates whose fitness is max_P KGR(P, t̃) − η·V(t̃),
/// the inner precoder solve being J warm-started PGD iterations or the §2.4 oracle, then a final solve to convergence;
/// (B) the strict block alternation (PGD on P at fixed t̃, then PSO on t̃ at fixed P, seeded with the incumbent), an
/// ablation that the spec predicts to stall at its starting layout.
/// Both are seeded with an incumbent layout (the UPA, or a previous solution), so they never return less than it.
/// </summary>
public static class FluidAntennaAlternating
{
    /// <summary>Runs the two-loop AO (spec §3.4-A).</summary>
    /// <param name="problem">The problem instance.</param>
    /// <param name="swarm">Outer PSO settings (spec §5.2: S × T = 20 × 25 reduced, 30 × 50 report).</param>
    /// <param name="method">Inner precoder solver: oracle or PGD.</param>
    /// <param name="innerIterations">J for the PGD inner solve.</param>
    /// <param name="incumbent">Seed layout (particle 0), feasible: the UPA or a previous solution.</param>
    /// <param name="seed">PSO seed.</param>
    /// <param name="repair">Optional repair applied to every moved particle: the push-apart spacing repair
    /// (<see cref="RepairHook"/>, spec §3.1 option) or the snap to discrete ports (spec §1.2 variant); null relies on the penalty.</param>
    public static SchemeOutcome TwoLoop(KeyGenerationProblem problem, ParticleSwarmOptions swarm, PrecoderMethod method, int innerIterations,
        double[] incumbent, ulong seed, ParticleRepair? repair = null)
    {
        var finalEvaluator = new KeyGenerationEvaluator(problem, innerIterations);
        var incumbentBest = FixedArrayBaselines.Optimized(finalEvaluator, incumbent, method);
        var ao = new AlternatingOptimizer(new AlternatingOptimizerOptions { Swarm = swarm, MaxDegreeOfParallelism = 1 });
        var result = ao.RunTwoLoop(new AlternatingProblem<Complex>
        {
            Block1Bounds = BoxBounds.Uniform(problem.LayoutLength, 0, problem.Region.SideWavelengths),
            Block2Start = incumbentBest.Precoder,
            Block1Start = incumbent,
            InnerSolverFactory = () => new PrecoderSolver(new KeyGenerationEvaluator(problem, innerIterations), method),
            FinalSolver = new PrecoderSolver(finalEvaluator, method, toConvergence: true),
            Penalty = problem.Penalty,
            Repair = repair,
        }, seed);
        return Finish(problem, finalEvaluator, result.Block1, result.Block2, result.Evaluations, result.History, incumbentBest);
    }

    /// <summary>Runs the strict block alternation (spec §3.4-B), an ablation.</summary>
    /// <param name="problem">The problem instance.</param>
    /// <param name="swarm">PSO settings of each position pass.</param>
    /// <param name="maxRounds">Maximum alternation rounds.</param>
    /// <param name="incumbent">Seed layout.</param>
    /// <param name="seed">Seed.</param>
    public static SchemeOutcome BlockAlternation(KeyGenerationProblem problem, ParticleSwarmOptions swarm, int maxRounds, double[] incumbent, ulong seed)
    {
        var finalEvaluator = new KeyGenerationEvaluator(problem);
        var incumbentBest = FixedArrayBaselines.Optimized(finalEvaluator, incumbent, PrecoderMethod.Pgd);
        var ao = new AlternatingOptimizer(new AlternatingOptimizerOptions { Swarm = swarm, MaxDegreeOfParallelism = 1, MaxRounds = maxRounds, RoundRelativeTolerance = 1e-3 });
        var joint = new JointKgr(problem);
        var result = ao.RunBlockAlternation(new AlternatingProblem<Complex>
        {
            Block1Bounds = BoxBounds.Uniform(problem.LayoutLength, 0, problem.Region.SideWavelengths),
            Block2Start = incumbentBest.Precoder,
            Block1Start = incumbent,
            InnerSolverFactory = () => new PrecoderSolver(new KeyGenerationEvaluator(problem), PrecoderMethod.Pgd, toConvergence: true),
            JointObjective = joint,
            Penalty = problem.Penalty,
        }, seed);
        return Finish(problem, finalEvaluator, result.Block1, result.Block2, result.Evaluations, result.History, incumbentBest);
    }

    /// <summary>The push-apart repair of spec §3.1 as a PSO hook (plain push-apart first, then relocation of stragglers).</summary>
    public static ParticleRepair RepairHook(KeyGenerationProblem problem) => x => problem.Region.TryRepair(x);

    internal static SchemeOutcome Finish(KeyGenerationProblem problem, KeyGenerationEvaluator evaluator, double[] layout, Complex[] precoder,
        long evaluations, ConvergenceTrace trace, SchemeOutcome incumbent)
    {
        // Score without penalty on a feasible layout; never return less than the (feasible) incumbent.
        if (!problem.Region.IsFeasible(layout)) return incumbent with { FitnessEvaluations = evaluations, Trace = trace };
        double kgr = evaluator.Kgr(precoder, layout);
        return kgr >= incumbent.Kgr
            ? new SchemeOutcome(kgr, layout, precoder, evaluations, trace)
            : incumbent with { FitnessEvaluations = evaluations, Trace = trace };
    }

    private sealed class JointKgr(KeyGenerationProblem problem) : IJointObjective<Complex>
    {
        private readonly KeyGenerationEvaluator _evaluator = new(problem);
        public double Evaluate(ReadOnlySpan<double> block1, ReadOnlySpan<Complex> block2) => _evaluator.Kgr(block2, block1);
    }
}
