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
        int n = x.Length;
        if (workspace.Length < 2 * n)
            throw new ArgumentOutOfRangeException(nameof(workspace), workspace.Length, $"workspace must have length >= {2 * n}.");
        var g = workspace.Slice(0, n);
        var trial = workspace.Slice(n, n);
        var o = Options;

        projection?.Project(x);
        double f = objective.Evaluate(x);
        long evals = 1;
        trace?.Add(0, evals, f);
        int it = 0;
        StopReason reason = StopReason.MaxIterations;
        while (it < o.MaxIterations)
        {
            it++;
            objective.Gradient(x, g);
            double gn = 0, xn = 0;
            for (int i = 0; i < n; i++) { gn += g[i] * g[i]; xn += x[i] * x[i]; }
            gn = Math.Sqrt(gn); xn = Math.Sqrt(xn);
            if (gn == 0) { reason = StopReason.Converged; trace?.Add(it, evals, f); break; }
            double mu0 = o.InitialStepScale * (xn > 0 ? xn : 1) / gn, mu = mu0;
            double ft;
            while (true)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] + mu * g[i];
                projection?.Project(trial);
                ft = objective.Evaluate(trial);
                evals++;
                double dir = 0;
                for (int i = 0; i < n; i++) dir += g[i] * (trial[i] - x[i]);
                if (ft >= f + o.ArmijoConstant * dir) break; // false for NaN
                mu *= o.BacktrackFactor;
                if (mu < o.MinStepRatio * mu0) { ft = double.NaN; break; }
            }
            if (double.IsNaN(ft)) { reason = StopReason.LineSearchFailed; trace?.Add(it, evals, f); break; }
            double fOld = f;
            trial.CopyTo(x);
            f = ft;
            trace?.Add(it, evals, f);
            if (!Improved(fOld, f)) { reason = StopReason.Converged; break; }
        }
        return new SolveSummary(f, it, evals, reason);
    }
}
