using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Alternating;

/// <summary>
/// Alternating optimisation over two blocks (fa-plkg docs/fa-plkg.md), maximising F(x, y) − penalty(x):
/// <list type="bullet">
/// <item><see cref="RunTwoLoop{T}"/> — scheme A (default reading of the paper): an outer PSO over x whose fitness is
/// max over y by the inner solver, warm-started from the y of the current gbest; then an optional final solve.</item>
/// <item><see cref="RunBlockAlternation{T}"/> — scheme B (ablation): alternately a block-2 pass at fixed x and a swarm
/// run over x at fixed y seeded with the incumbent x, until a round gains less than the relative tolerance.</item>
/// </list>
/// </summary>
/// <remarks>Both are deterministic for a seed and independent of <see cref="AlternatingOptimizerOptions.MaxDegreeOfParallelism"/>:
/// within a swarm batch every particle uses the same warm start (the gbest block 2 before the batch), and the best is
/// chosen in particle order after the batch.</remarks>
public sealed partial class AlternatingOptimizer
{
    /// <summary>Creates the optimizer with validated <paramref name="options"/>.</summary>
    public AlternatingOptimizer(AlternatingOptimizerOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The settings.</summary>
    public AlternatingOptimizerOptions Options { get; }

    /// <summary>
    /// Scheme A (docs/fa-plkg.md-A): F_outer(x) = Solve(x, y_g) − penalty(x), where y_g is the block 2 of the best x so far;
    /// outer PSO over x seeded with <see cref="AlternatingProblem{T}.Block1Start"/>; finally
    /// <see cref="AlternatingProblem{T}.FinalSolver"/> at the best x.
    /// </summary>
    /// <param name="problem">Blocks, solvers and hooks.</param>
    /// <param name="seed">Seed of the outer swarm.</param>
    /// <param name="cancellationToken">Checked once per swarm move.</param>
    public AlternatingResult<T> RunTwoLoop<T>(AlternatingProblem<T> problem, ulong seed, CancellationToken cancellationToken = default) where T : struct
    {
        Validate(problem, requireJoint: false, requireStart: false);
        var batch = new TwoLoopBatch<T>(problem, Options.MaxDegreeOfParallelism);
        var swarm = new ParticleSwarm(Options.Swarm);
        var pso = swarm.Maximize(new ParticleSwarmProblem(batch, problem.Block1Bounds, null, problem.Repair), seed,
            problem.Block1Start ?? ReadOnlySpan<double>.Empty, cancellationToken);

        // The batch tracked the same strict first-best rule as the swarm, so its (x, y) pair is the gbest.
        var x = batch.HasBest ? batch.BestBlock1 : pso.BestX; // no finite fitness at all: keep the swarm's placeholder
        var y = batch.BestBlock2;
        double best = batch.BestValue;
        long evals = pso.Evaluations;
        var trace = pso.History;
        if (problem.FinalSolver != null && cancellationToken.IsCancellationRequested == false && batch.HasBest)
        {
            var yFinal = new T[y.Length];
            double v = problem.FinalSolver.Solve(x, y, yFinal) - (problem.Penalty?.Invoke(x) ?? 0);
            evals++;
            if (v >= best) { best = v; y = yFinal; }
            trace.Add(pso.Iterations + 1, evals, best);
        }
        return new AlternatingResult<T>(x, y, best, pso.Iterations, evals, pso.StopReason, trace);
    }

    /// <summary>
    /// Scheme B (docs/fa-plkg.md-B, ablation): y ← Solve(x, y); then per round: x ← PSO over x of F(x, y) − penalty(x) at fixed y,
    /// seeded with the incumbent x (seed <c>SeedMixer.Mix(seed, round)</c>); y ← Solve(x, y). Stops when a round gains at
    /// most <see cref="AlternatingOptimizerOptions.RoundRelativeTolerance"/>·|value|, or after MaxRounds. The value never
    /// decreases (the incumbent is in every swarm; a block-2 solve is kept only if not worse).
    /// </summary>
    /// <param name="problem">Blocks, solvers, joint objective (required) and starting x (required).</param>
    /// <param name="seed">Master seed of the per-round swarms.</param>
    /// <param name="cancellationToken">Checked once per round (and inside each swarm run).</param>
    public AlternatingResult<T> RunBlockAlternation<T>(AlternatingProblem<T> problem, ulong seed, CancellationToken cancellationToken = default) where T : struct
    {
        Validate(problem, requireJoint: true, requireStart: true);
        var joint = problem.JointObjective!;
        var pen = problem.Penalty;
        var solver = problem.InnerSolverFactory() ?? throw new InvalidOperationException("InnerSolverFactory returned null.");
        var x = (double[])problem.Block1Start!.Clone();
        var y = (T[])problem.Block2Start.Clone();
        var yNew = new T[y.Length];
        var trace = new ConvergenceTrace(Options.MaxRounds + 1);

        double v = solver.Solve(x, y, yNew) - (pen?.Invoke(x) ?? 0);
        long evals = 1;
        (y, yNew) = (yNew, y);
        trace.Add(0, evals, v);
        var fixedY = new FixedBlock2Objective<T>(joint);
        var batch = new PointwiseBatchObjective(fixedY, Options.MaxDegreeOfParallelism);
        var swarm = new ParticleSwarm(Options.Swarm);
        var psoProblem = new ParticleSwarmProblem(batch, problem.Block1Bounds, pen, problem.Repair);
        int round = 0;
        StopReason reason = StopReason.MaxIterations;
        while (round < Options.MaxRounds)
        {
            if (cancellationToken.IsCancellationRequested) { reason = StopReason.Cancelled; break; }
            round++;
            fixedY.Block2 = y;
            var pso = swarm.Maximize(psoProblem, SeedMixer.Mix(seed, (ulong)round), x, cancellationToken);
            evals += pso.Evaluations;
            pso.BestX.CopyTo(x, 0);
            double vx = pso.BestValue; // F(x, y) − penalty(x) ≥ previous v (incumbent seeded)
            double vy = solver.Solve(x, y, yNew) - (pen?.Invoke(x) ?? 0);
            evals++;
            double vNew = vx;
            if (vy >= vx) { vNew = vy; (y, yNew) = (yNew, y); }
            trace.Add(round, evals, vNew);
            bool small = !(vNew - v > Options.RoundRelativeTolerance * Math.Abs(v));
            v = Math.Max(v, vNew);
            if (small) { reason = StopReason.Converged; break; }
        }
        return new AlternatingResult<T>(x, y, v, round, evals, reason, trace);
    }

    private static void Validate<T>(AlternatingProblem<T> problem, bool requireJoint, bool requireStart) where T : struct
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Block2Start.Length == 0)
            throw new ArgumentOutOfRangeException(nameof(problem), "Block2Start must have length >= 1.");
        if (requireJoint && problem.JointObjective == null)
            throw new ArgumentException("JointObjective is required by the block alternation.", nameof(problem));
        if (requireStart && problem.Block1Start == null)
            throw new ArgumentException("Block1Start is required by the block alternation.", nameof(problem));
        if (problem.Block1Start != null && !problem.Block1Bounds.Contains(problem.Block1Start))
            throw new ArgumentOutOfRangeException(nameof(problem), "Block1Start must be a finite point inside Block1Bounds.");
    }
}
