using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
namespace PhyToolkit.Optimization.Results;

/// <summary>
/// Allocation-free summary returned by the in-place solvers (<see cref="ProjectedGradient.MaximizeInPlace(IObjective, IProjection?, Span{double}, Span{double}, ConvergenceTrace?)"/>);
/// the best point is left in the caller's buffer.
/// </summary>
/// <param name="BestValue">Objective value at the returned point.</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="Evaluations">Function evaluations performed.</param>
/// <param name="StopReason">Why the run ended.</param>
public readonly record struct SolveSummary(double BestValue, int Iterations, long Evaluations, StopReason StopReason);
