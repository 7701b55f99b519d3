using PhyToolkit.Core.Compute;
using System.Numerics;
using PhyToolkit.Optimization.Alternating;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// Algorithm 2 of FA-PLKG (arXiv 2509.00018, "AO combining PGD and PSO"; our reading, fa-plkg docs/fa-plkg.md):
/// (A) the two-loop AO — an outer PSO over the 2M position coordinates whose fitness is max_P KGR(P, t̃) − η·V(t̃),
/// the inner precoder solve being J warm-started PGD iterations or the §2.4 oracle, then a final solve to convergence;
/// (B) the strict block alternation (PGD on P at fixed t̃, then PSO on t̃ at fixed P, seeded with the incumbent), an
/// ablation that the spec predicts to stall at its starting layout.
/// Both are seeded with an incumbent layout (the UPA, or a previous solution), so they never return less than it.
/// </summary>
public static class FluidAntennaAlternating
{
    /// <summary>Runs the two-loop AO (docs/fa-plkg.md-A).</summary>
    /// <param name="problem">The problem instance.</param>
    /// <param name="swarm">Outer PSO settings (docs/fa-plkg.md: S × T = 20 × 25 reduced, 30 × 50 report).</param>
    /// <param name="method">Inner precoder solver: oracle or PGD.</param>
    /// <param name="innerIterations">J for the PGD inner solve.</param>
    /// <param name="incumbent">Seed layout (particle 0), feasible: the UPA or a previous solution.</param>
    /// <param name="seed">PSO seed.</param>
    /// <param name="repair">Optional repair applied to every moved particle: the push-apart spacing repair
    /// (<see cref="RepairHook"/>, docs/fa-plkg.md option) or the snap to discrete ports (docs/fa-plkg.md variant); null relies on the penalty.</param>
    /// <param name="backend">Back-end of the batched fitness when the fast path applies (auto: chosen by batch size).</param>
    /// <param name="maxDegreeOfParallelism">Managed workers of the batched fitness (1 by default; 0 = all processors).</param>
    /// <param name="path">Auto (the default) lets this method pick; Scalar forces the reference scheme.</param>
    /// <remarks>
    /// Fast paths (chosen here, not by callers): with a model the batched fitness supports
    /// (<see cref="BatchedLayoutFitness.Supports"/>) and no repair or the push-apart repair of <see cref="RepairHook"/>, the
    /// whole swarm is scored per iteration in one batched call: by <see cref="BatchedLayoutFitness"/> with the oracle inner
    /// solver, by <see cref="BatchedPgdLayoutFitness"/> (J PGD steps for all particles together, managed SIMD) with the PGD
    /// inner solver. Their fitness equals the scalar inner solve to round-off, so the PSO takes the same decisions and
    /// returns the same layout (tested); any other set-up (another correlation model, a custom repair such as the snap to
    /// discrete ports) runs the scalar scheme. The PGD fast path ignores <paramref name="backend"/> (managed only).
    /// </remarks>
    public static SchemeOutcome TwoLoop(KeyGenerationProblem problem, ParticleSwarmOptions swarm, PrecoderMethod method, int innerIterations,
        double[] incumbent, ulong seed, ParticleRepair? repair = null, ComputeBackendKind backend = ComputeBackendKind.Auto, int maxDegreeOfParallelism = 1,
        TwoLoopPath path = TwoLoopPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(swarm);
        ArgumentNullException.ThrowIfNull(incumbent);
        bool batchable = path == TwoLoopPath.Auto && BatchedLayoutFitness.Supports(problem) && (repair is null || repair.Target is PushApartRepair);
        if (batchable && method == PrecoderMethod.Oracle)
            return TwoLoopBatched(problem, swarm, incumbent, seed, repair, backend, maxDegreeOfParallelism);
        if (batchable && method == PrecoderMethod.Pgd && innerIterations >= 1)
            return TwoLoopBatchedPgd(problem, swarm, innerIterations, incumbent, seed, repair, maxDegreeOfParallelism);

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

    /// <summary>Runs the strict block alternation (docs/fa-plkg.md-B), an ablation.</summary>
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

    /// <summary>The push-apart repair of docs/fa-plkg.md as a PSO hook (plain push-apart first, then relocation of stragglers).</summary>
    public static ParticleRepair RepairHook(KeyGenerationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new PushApartRepair(problem.Region).Apply;
    }

    /// <summary>The push-apart repair (a type of its own so that <see cref="TwoLoop"/> recognises it for its fast path).</summary>
    private sealed class PushApartRepair(PhyToolkit.Antennas.PlanarRegion region)
    {
        public void Apply(Span<double> x) => region.TryRepair(x);
    }

    /// <summary>
    /// The two-loop AO with the oracle inner solver and the swarm scored in one batched call per iteration: the same steps as
    /// the scalar scheme (seeded incumbent, outer PSO over the 2M coordinates, final oracle solve at the best layout, never
    /// below the incumbent).
    /// </summary>
    private static SchemeOutcome TwoLoopBatched(KeyGenerationProblem problem, ParticleSwarmOptions swarm, double[] incumbent, ulong seed,
        ParticleRepair? repair, ComputeBackendKind backend, int maxDegreeOfParallelism)
    {
        var finalEvaluator = new KeyGenerationEvaluator(problem);
        var incumbentBest = FixedArrayBaselines.Optimized(finalEvaluator, incumbent, PrecoderMethod.Oracle);
        using var fitness = new BatchedLayoutFitness(problem, backend, maxDegreeOfParallelism);
        var pso = new ParticleSwarm(swarm).Maximize(
            new ParticleSwarmProblem(fitness, BoxBounds.Uniform(problem.LayoutLength, 0, problem.Region.SideWavelengths), null, repair),
            seed, incumbent);
        var x = pso.BestX;
        var trace = pso.History;
        long evals = pso.Evaluations;
        var precoder = new Complex[problem.PrecoderLength];
        if (double.IsFinite(pso.BestValue))
        {
            // Final inner solve at the best layout (the scalar scheme's FinalSolver; the oracle is already exact).
            finalEvaluator.SetLayout(x);
            double v = finalEvaluator.Oracle(precoder) - problem.Penalty(x);
            evals++;
            trace.Add(pso.Iterations + 1, evals, Math.Max(v, pso.BestValue));
        }
        else incumbentBest.Precoder.CopyTo(precoder, 0); // no finite fitness at all: as the scalar scheme, keep the start precoder
        return Finish(problem, finalEvaluator, x, precoder, evals, trace, incumbentBest);
    }

    /// <summary>
    /// The two-loop AO with the PGD inner solver and the swarm's inner solves batched (<see cref="BatchedPgdLayoutFitness"/>):
    /// the steps of the scalar scheme (seeded incumbent, outer PSO whose particles all warm-start from the gbest precoder,
    /// final PGD solve to convergence at the best layout, never below the incumbent).
    /// </summary>
    private static SchemeOutcome TwoLoopBatchedPgd(KeyGenerationProblem problem, ParticleSwarmOptions swarm, int innerIterations, double[] incumbent,
        ulong seed, ParticleRepair? repair, int maxDegreeOfParallelism)
    {
        var finalEvaluator = new KeyGenerationEvaluator(problem, innerIterations);
        var incumbentBest = FixedArrayBaselines.Optimized(finalEvaluator, incumbent, PrecoderMethod.Pgd);
        using var fitness = new BatchedPgdLayoutFitness(problem, innerIterations, incumbentBest.Precoder, maxDegreeOfParallelism);
        var pso = new ParticleSwarm(swarm).Maximize(
            new ParticleSwarmProblem(fitness, BoxBounds.Uniform(problem.LayoutLength, 0, problem.Region.SideWavelengths), null, repair),
            seed, incumbent);
        // As AlternatingOptimizer.RunTwoLoop: the fitness tracked the swarm's strict first-best rule, so its pair is the gbest.
        var x = fitness.HasBest ? fitness.BestLayout : pso.BestX;
        var precoder = fitness.BestPrecoder;
        double best = fitness.BestValue;
        long evals = pso.Evaluations;
        var trace = pso.History;
        if (fitness.HasBest)
        {
            var final = new Complex[problem.PrecoderLength];
            double v = new PrecoderSolver(finalEvaluator, PrecoderMethod.Pgd, toConvergence: true).Solve(x, precoder, final) - problem.Penalty(x);
            evals++;
            if (v >= best) { best = v; precoder = final; }
            trace.Add(pso.Iterations + 1, evals, best);
        }
        return Finish(problem, finalEvaluator, x, precoder, evals, trace, incumbentBest);
    }

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
