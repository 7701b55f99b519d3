using System.Numerics;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Core.Compute;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// The outer-PSO fitness of the two-loop AO with the PGD inner solver (fa-plkg docs/fa-plkg.md-A, the paper's AO in kind),
/// evaluated for the whole swarm in one batched call: F(t̃_s) = KGR(P_s, R(t̃_s)) − η·V(t̃_s) (bits), P_s after J projected
/// gradient-ascent steps on ‖P‖²_F ≤ E warm-started from the precoder of the best layout so far, exactly the scalar
/// scheme's inner solve (<see cref="PrecoderSolver"/> with <see cref="PrecoderMethod.Pgd"/>), but with the layout set-up
/// done once per particle, value and gradient fused and all particles advanced together in SIMD lanes
/// (<see cref="BatchedKgrEvaluator.PrepareLayouts(ReadOnlySpan{double})"/>,
/// <see cref="ProjectedGradient.MaximizeBatchInPlace"/>).
/// </summary>
/// <remarks>
/// <para>Like the scalar two-loop batch, every particle of a call starts from the same warm start (the precoder of the
/// best particle before the call), and the best (layout, precoder) pair is updated in particle order with a strict
/// "greater than" after the call, so the result does not depend on the thread count. A NaN fitness becomes −∞.</para>
/// <para>Only the field-response correlation model is batched (as <see cref="BatchedLayoutFitness"/>); managed SIMD
/// back-end only. Not thread-safe; one instance per optimisation run.</para>
/// </remarks>
public sealed class BatchedPgdLayoutFitness : IBatchObjective, IDisposable
{
    private readonly Shard[] _shards;
    private readonly BlockWorkerPool? _pool;
    private readonly Action<int> _shardBody;
    private readonly ProjectedGradient _pgd;
    private readonly FrobeniusBallProjection _ball;
    private readonly Complex[] _warm;
    private readonly int _dimension, _precoderLength;
    private Complex[] _x = [];
    private SolveSummary[] _summaries = [];
    private double[] _points = [];
    private int _batch, _activeShards;
    private long _profileTicks;
    private bool _profiling;

    /// <summary>Creates the fitness for one problem instance.</summary>
    /// <param name="problem">The problem; its correlation must be a <see cref="FieldResponseCovariance"/> and M, K ≤ 32.</param>
    /// <param name="innerIterations">J, PGD iterations per inner solve, ≥ 1 (docs/fa-plkg.md: 10–20).</param>
    /// <param name="warmStart">The first warm start (the incumbent's precoder), M×K row-major.</param>
    /// <param name="maxDegreeOfParallelism">Workers, in [0, 256]; 0 = all processors. With W &gt; 1 workers the swarm is split
    /// into W contiguous shards of whole 4-particle blocks, each solved (layout set-up and all J PGD steps) by one worker with
    /// its own single-threaded evaluator: one hand-off per swarm evaluation instead of one per evaluator call.</param>
    /// <exception cref="ArgumentException">The correlation model is not the field-response model, or a wrong warm-start length.</exception>
    public BatchedPgdLayoutFitness(KeyGenerationProblem problem, int innerIterations, ReadOnlySpan<Complex> warmStart, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Correlation is not FieldResponseCovariance fr)
            throw new ArgumentException("BatchedPgdLayoutFitness supports the field-response correlation model only (docs/fa-plkg.md).", nameof(problem));
        ArgumentOutOfRangeException.ThrowIfLessThan(innerIterations, 1);
        if (warmStart.Length != problem.PrecoderLength)
            throw new ArgumentException($"warmStart must hold M·K = {problem.PrecoderLength} entries, got {warmStart.Length}", nameof(warmStart));
        Problem = problem;
        _dimension = problem.LayoutLength;
        _precoderLength = problem.PrecoderLength;
        if (maxDegreeOfParallelism < 0 || maxDegreeOfParallelism > 256)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "maxDegreeOfParallelism must be in [0, 256] (0 = all processors)");
        int workers = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        _shards = new Shard[workers];
        for (int w = 0; w < workers; w++)
            _shards[w] = new Shard(new BatchedKgrEvaluator(fr.Geometry, problem.Model, problem.Antennas, problem.Slots, ComputeBackendKind.Managed, 1));
        _pool = workers > 1 ? new BlockWorkerPool(workers) : null;
        _shardBody = SolveShard;
        _pgd = new ProjectedGradient(KeyGenerationEvaluator.DefaultFullPgd with { MaxIterations = innerIterations });
        _ball = new FrobeniusBallProjection(problem.Model.EnergyBudget);
        _warm = warmStart.ToArray();
        BestLayout = new double[_dimension];
        BestPrecoder = warmStart.ToArray();
    }

    /// <summary>The problem.</summary>
    public KeyGenerationProblem Problem { get; }

    /// <summary>Number of layouts scored so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Best fitness seen (−∞ before any finite one).</summary>
    public double BestValue { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether a finite fitness has been seen.</summary>
    public bool HasBest { get; private set; }

    /// <summary>Layout of the best fitness (valid when <see cref="HasBest"/>).</summary>
    public double[] BestLayout { get; }

    /// <summary>Precoder of the best fitness (the warm start until a finite fitness is seen); the next call's warm start.</summary>
    public Complex[] BestPrecoder { get; }

    /// <summary>
    /// Scores S = <c>fitness.Length</c> layouts (row-major S×2M in <paramref name="points"/>): J PGD steps per particle from
    /// the current warm start, fitness_s = KGR(P_s, R(t̃_s)) − η·V(t̃_s), bits.
    /// </summary>
    /// <param name="points">S×2M layouts in wavelengths, finite.</param>
    /// <param name="fitness">Output, length S.</param>
    public void Evaluate(ReadOnlySpan<double> points, Span<double> fitness)
    {
        int s = fitness.Length, n = _precoderLength;
        if (points.Length != s * _dimension)
            throw new ArgumentException($"points must hold S·2M = {s * _dimension} entries, got {points.Length}", nameof(points));
        if (s == 0) return;
        long start = _profiling ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        if (_summaries.Length != s)
        {
            _summaries = new SolveSummary[s];
            _x = new Complex[s * n];
            _points = new double[s * _dimension];
            foreach (var shard in _shards) shard.Workspace = null;
        }
        points.CopyTo(_points);
        for (int p = 0; p < s; p++) _warm.CopyTo(_x, p * n);
        // Shards of whole 4-particle blocks (each particle's iterates do not depend on its block-mates or on the split).
        int blocks = (s + 3) / 4;
        _batch = s;
        _activeShards = Math.Min(_shards.Length, blocks);
        if (_activeShards == 1) SolveShard(0);
        else _pool!.Run(_activeShards, _shardBody);
        for (int p = 0; p < s; p++)
        {
            var layout = points.Slice(p * _dimension, _dimension);
            double f = _summaries[p].BestValue - Problem.Penalty(layout);
            if (double.IsNaN(f)) f = double.NegativeInfinity;
            fitness[p] = f;
            if (f > BestValue)
            {
                BestValue = f; HasBest = true;
                layout.CopyTo(BestLayout);
                Array.Copy(_x, p * n, BestPrecoder, 0, n);
            }
        }
        BestPrecoder.AsSpan().CopyTo(_warm);
        Evaluations += s;
        if (_profiling) _profileTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start;
    }

    // Worker w: the particles of its share of whole blocks, prepared and solved by its own evaluator.
    private void SolveShard(int w)
    {
        int s = _batch, n = _precoderLength, blocks = (s + 3) / 4;
        int from = Math.Min(s, 4 * (int)((long)blocks * w / _activeShards)), to = Math.Min(s, 4 * (int)((long)blocks * (w + 1) / _activeShards));
        int count = to - from;
        if (count == 0) return;
        var shard = _shards[w];
        if (shard.Workspace == null || shard.Workspace.Count != count) shard.Workspace = new ProjectedGradientBatchWorkspace(count, n);
        shard.Evaluator.PrepareLayouts(_points.AsSpan(from * _dimension, count * _dimension));
        _pgd.MaximizeBatchInPlace(shard.Objective, _ball, _x.AsSpan(from * n, count * n), n, shard.Workspace, _summaries.AsSpan(from, count));
    }

    /// <summary>Starts a phase profile (a benchmark diagnostic): the time of every <see cref="Evaluate"/> call and the
    /// first worker's evaluator per-phase time (<see cref="BatchedKgrEvaluator.PhaseNames"/>; all of it with one worker).</summary>
    public void StartPhaseProfile()
    {
        _shards[0].Evaluator.StartPhaseProfile();
        _profileTicks = 0;
        _profiling = true;
    }

    /// <summary>Stops the profile: seconds inside <see cref="Evaluate"/>, and seconds per evaluator phase of the first worker
    /// (<see cref="BatchedKgrEvaluator.PhaseNames"/>); with one worker the difference is the PGD loop itself (steps, projection, Armijo tests).</summary>
    public (double EvaluateSeconds, double[] PhaseSeconds) StopPhaseProfile()
    {
        _profiling = false;
        return (_profileTicks / (double)System.Diagnostics.Stopwatch.Frequency, _shards[0].Evaluator.StopPhaseProfile());
    }

    /// <summary>Stops the worker threads.</summary>
    public void Dispose()
    {
        foreach (var shard in _shards) shard.Evaluator.Dispose();
        _pool?.Dispose();
    }

    private sealed class Shard(BatchedKgrEvaluator evaluator)
    {
        public BatchedKgrEvaluator Evaluator { get; } = evaluator;
        public Objective Objective { get; } = new(evaluator);
        public ProjectedGradientBatchWorkspace? Workspace { get; set; }
    }

    private sealed class Objective(BatchedKgrEvaluator evaluator) : IComplexBatchAscentObjective
    {
        public void EvaluateTrials(ReadOnlySpan<Complex> points, ReadOnlySpan<bool> mask, Span<double> values) => evaluator.EvaluatePrepared(points, mask, values);
        public void AcceptTrials(ReadOnlySpan<bool> mask) => evaluator.AcceptTrials(mask);
        public void Gradients(ReadOnlySpan<bool> mask, Span<Complex> gradients) => evaluator.PrecoderGradients(mask, gradients);
    }
}
