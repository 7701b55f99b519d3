using System.Numerics;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Gradient;

public sealed partial class ProjectedGradient
{
    /// <summary>Maximises a real function of a complex vector / column-major matrix from <paramref name="start"/>
    /// (copied) over the set of <paramref name="projection"/> (null = unconstrained).</summary>
    public ComplexOptimizationResult Maximize(IComplexObjective objective, IComplexProjection? projection, ReadOnlySpan<Complex> start)
    {
        var x = start.ToArray();
        var ws = new Complex[WorkspaceLength(x.Length)];
        var trace = new ConvergenceTrace(Options.MaxIterations + 1);
        var r = MaximizeInPlace(objective, projection, x, ws, trace);
        return new ComplexOptimizationResult(x, r.BestValue, r.Iterations, r.Evaluations, r.StopReason, trace);
    }

    /// <summary>
    /// Maximises in place over complex unknowns: <paramref name="x"/> holds the start on entry and the best point on
    /// exit. Ascent direction is the Wirtinger gradient ∂f/∂x* (<see cref="IComplexObjective.Gradient"/>).
    /// Allocation-free apart from <paramref name="trace"/>.
    /// </summary>
    /// <param name="objective">The objective.</param>
    /// <param name="projection">Feasible-set projection, or null.</param>
    /// <param name="x">Start (in) and solution (out).</param>
    /// <param name="workspace">Scratch of length ≥ <see cref="WorkspaceLength"/>(x.Length).</param>
    /// <param name="trace">Optional trace; point 0 is the (projected) start.</param>
    public SolveSummary MaximizeInPlace(IComplexObjective objective, IComplexProjection? projection, Span<Complex> x, Span<Complex> workspace,
        ConvergenceTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var problem = new ComplexProblem(objective, projection);
        return Ascend(ref problem, x, workspace, trace);
    }
}
