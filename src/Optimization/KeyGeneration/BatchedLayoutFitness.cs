using System.Numerics;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// The outer-PSO fitness of the two-loop AO with the water-filling oracle as inner solver (fa-plkg spec §3.4-A fast path,
/// §2.4), evaluated for the whole swarm in one batched call:
/// F(t̃_s) = max_P KGR(P, R(t̃_s)) − η·V(t̃_s) (bits), V the number of antenna pairs closer than D (spec §3.1).
/// Uses <see cref="BatchedKgrEvaluator"/> (managed SIMD, ILGPU CPU or CUDA); the values equal the scalar path
/// (<see cref="PrecoderSolver"/> with <see cref="PrecoderMethod.Oracle"/>) to ~1e-12 relative, so a PSO driven by either
/// follows the same trajectory (tested).
/// </summary>
/// <remarks>Only the field-response correlation model (spec §1.3 default) is batched. A NaN fitness becomes −∞ as in
/// the scalar two-loop batch. Not thread-safe; one instance per optimisation run.</remarks>
public sealed class BatchedLayoutFitness : IBatchObjective, IDisposable
{
    private readonly BatchedKgrEvaluator _evaluator;
    private readonly int _dimension;

    /// <summary>Creates the fitness for one problem instance.</summary>
    /// <param name="problem">The problem; its correlation must be a <see cref="FieldResponseCovariance"/> and M, K ≤ 32.</param>
    /// <param name="backend">Back-end request (PHYTK_BACKEND overrides; auto = managed at swarm sizes).</param>
    /// <param name="maxDegreeOfParallelism">Managed workers, 0 = all processors.</param>
    /// <param name="accelerator">Optional shared ILGPU accelerator.</param>
    /// <exception cref="ArgumentException">The correlation model is not the field-response model.</exception>
    public BatchedLayoutFitness(KeyGenerationProblem problem, ComputeBackendKind backend = ComputeBackendKind.Auto, int maxDegreeOfParallelism = 0,
        KgrAccelerator? accelerator = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Correlation is not FieldResponseCovariance fr)
            throw new ArgumentException("BatchedLayoutFitness supports the field-response correlation model only (spec §1.3).", nameof(problem));
        Problem = problem;
        _dimension = problem.LayoutLength;
        _evaluator = new BatchedKgrEvaluator(fr.Geometry, problem.Model, problem.Antennas, problem.Slots, backend, maxDegreeOfParallelism, accelerator);
    }

    /// <summary>The problem.</summary>
    public KeyGenerationProblem Problem { get; }

    /// <summary>The batched evaluator (its <see cref="BatchedKgrEvaluator.LastBackend"/> tells where the last batch ran).</summary>
    public BatchedKgrEvaluator Evaluator => _evaluator;

    /// <summary>Number of layouts scored so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>
    /// Scores S = <c>fitness.Length</c> layouts (row-major S×2M in <paramref name="points"/>):
    /// fitness_s = max_P KGR(P, R(t̃_s)) − η·V(t̃_s), bits.
    /// </summary>
    /// <param name="points">S×2M layouts in wavelengths, finite.</param>
    /// <param name="fitness">Output, length S.</param>
    public void Evaluate(ReadOnlySpan<double> points, Span<double> fitness)
    {
        if (points.Length != fitness.Length * _dimension)
            throw new ArgumentException($"points must hold S·2M = {fitness.Length * _dimension} entries, got {points.Length}", nameof(points));
        _evaluator.OptimalKgr(points, fitness);
        for (int i = 0; i < fitness.Length; i++)
        {
            double f = fitness[i] - Problem.Penalty(points.Slice(i * _dimension, _dimension));
            fitness[i] = double.IsNaN(f) ? double.NegativeInfinity : f;
        }
        Evaluations += fitness.Length;
    }

    /// <summary>
    /// The two-loop AO with the oracle inner solver (spec §3.4-A), with the swarm scored by this batched fitness. It performs
    /// the same steps as <see cref="FluidAntennaAlternating.TwoLoop"/> with <see cref="PrecoderMethod.Oracle"/> (seeded
    /// incumbent, outer PSO over the 2M coordinates, final oracle solve at the best layout, never below the incumbent) and
    /// returns the same outcome up to rounding.
    /// </summary>
    /// <param name="problem">The problem (field-response model).</param>
    /// <param name="swarm">Outer PSO settings.</param>
    /// <param name="incumbent">Feasible seed layout (particle 0), e.g. the UPA.</param>
    /// <param name="seed">PSO seed.</param>
    /// <param name="backend">Back-end request.</param>
    /// <param name="maxDegreeOfParallelism">Managed workers, 0 = all processors.</param>
    /// <param name="accelerator">Optional shared ILGPU accelerator.</param>
    /// <param name="repair">Apply the push-apart repair to every particle (as the scalar scheme's option).</param>
    public static SchemeOutcome TwoLoopOracle(KeyGenerationProblem problem, ParticleSwarmOptions swarm, double[] incumbent, ulong seed,
        ComputeBackendKind backend = ComputeBackendKind.Auto, int maxDegreeOfParallelism = 0, KgrAccelerator? accelerator = null, bool repair = false)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(swarm);
        ArgumentNullException.ThrowIfNull(incumbent);
        var finalEvaluator = new KeyGenerationEvaluator(problem);
        var incumbentBest = FixedArrayBaselines.Optimized(finalEvaluator, incumbent, PrecoderMethod.Oracle);
        using var fitness = new BatchedLayoutFitness(problem, backend, maxDegreeOfParallelism, accelerator);
        var pso = new ParticleSwarm(swarm).Maximize(
            new ParticleSwarmProblem(fitness, BoxBounds.Uniform(problem.LayoutLength, 0, problem.Region.SideWavelengths), null,
                repair ? FluidAntennaAlternating.RepairHook(problem) : null),
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
        return FluidAntennaAlternating.Finish(problem, finalEvaluator, x, precoder, evals, trace, incumbentBest);
    }

    /// <summary>Disposes the evaluator (and any accelerator it created).</summary>
    public void Dispose() => _evaluator.Dispose();
}
