using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;
namespace PhyToolkit.Optimization.Gradient;

public sealed partial class ProjectedGradient
{
    /// <summary>Maximises a differentiable real objective from <paramref name="start"/> (copied) over the set of
    /// <paramref name="projection"/> (null = unconstrained).</summary>
    /// <exception cref="ArgumentException">The objective has no gradient.</exception>
    public OptimizationResult Maximize(IObjective objective, IProjection? projection, ReadOnlySpan<double> start)
    {
        var x = start.ToArray();
        var ws = new double[WorkspaceLength(x.Length)];
        var trace = new ConvergenceTrace(Options.MaxIterations + 1);
        var r = MaximizeInPlace(objective, projection, x, ws, trace);
        return new OptimizationResult(x, r.BestValue, r.Iterations, r.Evaluations, r.StopReason, trace);
    }

    /// <summary>
    /// Maximises in place: <paramref name="x"/> holds the start on entry and the best point on exit.
    /// Allocation-free apart from <paramref name="trace"/> (null to skip recording).
    /// </summary>
    /// <param name="objective">Objective with <see cref="IObjective.HasGradient"/> true.</param>
    /// <param name="projection">Feasible-set projection, or null.</param>
    /// <param name="x">Start (in) and solution (out).</param>
    /// <param name="workspace">Scratch of length ≥ <see cref="WorkspaceLength"/>(x.Length).</param>
    /// <param name="trace">Optional trace; point 0 is the (projected) start.</param>
    public SolveSummary MaximizeInPlace(IObjective objective, IProjection? projection, Span<double> x, Span<double> workspace,
        ConvergenceTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!objective.HasGradient) throw new ArgumentException("The objective must provide a gradient (HasGradient).", nameof(objective));
        var problem = new RealProblem(objective, projection);
        return Ascend(ref problem, x, workspace, trace);
    }
}
