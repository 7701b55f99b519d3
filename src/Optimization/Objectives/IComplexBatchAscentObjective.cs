using System.Numerics;
using PhyToolkit.Optimization.Gradient;

namespace PhyToolkit.Optimization.Objectives;

/// <summary>
/// S real objectives f_s: ℂⁿ → ℝ evaluated together (one per particle of a swarm, each with its own data such as its
/// antenna layout), with a fused value and gradient: each evaluation keeps what the gradient needs as the particle's
/// <i>trial</i> state, <see cref="AcceptTrials"/> makes it the <i>current</i> state, and <see cref="Gradients"/> differentiates at
/// the current point without evaluating again. Maximised by
/// <see cref="ProjectedGradient.MaximizeBatchInPlace(IComplexBatchAscentObjective, Projections.IComplexProjection?, Span{Complex}, int, ProjectedGradientBatchWorkspace, Span{Results.SolveSummary})"/>.
/// </summary>
/// <remarks>Points are stored row-major S×n (particle s at <c>[s·n, (s+1)·n)</c>). A particle's results must depend only on
/// its own point and data (not on the mask of the others or on thread scheduling), so that batched runs are reproducible.
/// An evaluation may overwrite the trial state of particles outside the mask, so accept right after evaluating.</remarks>
public interface IComplexBatchAscentObjective
{
    /// <summary>Writes f_s(x_s) into <paramref name="values"/>[s] for every s with <paramref name="mask"/>[s] set (others
    /// unchanged) and keeps the evaluation as particle s's trial state.</summary>
    /// <param name="points">S×n points; masked points finite.</param>
    /// <param name="mask">Length S.</param>
    /// <param name="values">Length S.</param>
    void EvaluateTrials(ReadOnlySpan<Complex> points, ReadOnlySpan<bool> mask, Span<double> values);

    /// <summary>Makes the trial state of every masked particle its current state.</summary>
    /// <param name="mask">Length S.</param>
    void AcceptTrials(ReadOnlySpan<bool> mask);

    /// <summary>Writes the Wirtinger gradient ∂f_s/∂x_s* at each masked particle's current point (the convention of
    /// <see cref="IComplexObjective.Gradient"/>); others unchanged.</summary>
    /// <param name="mask">Length S.</param>
    /// <param name="gradients">S×n.</param>
    void Gradients(ReadOnlySpan<bool> mask, Span<Complex> gradients);
}
