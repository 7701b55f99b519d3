namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// Gradient descent on an <see cref="IAnalyticLandscape"/> with a fixed step or the target-aware Polyak-form step, and
/// the escape rule of the resurgence spec (docs/resurgence.md, [Proposed]; pipeline step 4 of arXiv 2509.01329, [P]).
/// </summary>
/// <remarks>
/// Escape rule as implemented: on convergence (‖∇L‖ &lt; tol) compute the targets at the minimum θ0
/// (<see cref="ResurgentTargetFinder.Find"/>); with a barrier gap ΔL &gt; 0, for each Hessian eigendirection u from the
/// softest and each sign, walk along θ0 ± s·u in increments of ¼·√(2ΔL/λ) (the spec's harmonic kick length) until the
/// loss has reached L0 + f·ΔL (f = <see cref="TargetDescentOptions.LevelFraction"/>) and then starts to fall (past the ridge), at most 16 increments; descend from there and
/// accept the new basin if its converged loss is below L0. Walking to the target level instead of one harmonic kick is
/// our choice: the harmonic length undershoots every non-quadratic barrier. No barrier target, or no accepted move →
/// the run stops.
/// </remarks>
public static class TargetDescent
{
    /// <summary>Runs from <paramref name="x0"/>.</summary>
    public static TargetDescentResult Run(IAnalyticLandscape landscape, ReadOnlySpan<double> x0, TargetDescentOptions options)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int d = landscape.Dimension;
        Guard.Length(x0, d, nameof(x0));
        var x = x0.ToArray();
        var state = new State { Evaluations = 0 };
        bool converged = Descend(landscape, x, options, state);
        int escapes = 0, attempts = 0;
        while (converged && options.Escape && !state.Stopped && !state.Diverged && state.Evaluations < options.Budget)
        {
            double l0 = landscape.Evaluate(x);
            ResurgentTargets targets;
            try { targets = ResurgentTargetFinder.Find(landscape, x, options.TargetOrder, options.PoleFilter); }
            catch (ArgumentException) { break; }   // not a non-degenerate minimum
            if (targets.Barrier is not { } dl) break;
            bool accepted = false;
            foreach (var (lambda, u) in ResurgentTargetFinder.HessianModes(landscape, x))
            {
                if (lambda <= 0) continue;
                foreach (int sign in new[] { 1, -1 })
                {
                    if (state.Evaluations >= options.Budget) break;
                    attempts++;
                    var y = Walk(landscape, x, u, sign, l0, dl, lambda, options, state);
                    if (y is null) continue;
                    bool conv = Descend(landscape, y, options, state);
                    if (state.Diverged) break;
                    if (landscape.Evaluate(y) < l0 - 1e-9 && (conv || state.Stopped))
                    {
                        Array.Copy(y, x, d);
                        escapes++;
                        accepted = true;
                        break;
                    }
                }
                if (accepted || state.Evaluations >= options.Budget || state.Diverged) break;
            }
            if (!accepted) break;
        }
        return new TargetDescentResult
        {
            X = x, Value = landscape.Evaluate(x), Evaluations = state.Evaluations, EvaluationsToStop = state.EvaluationsToStop,
            Escapes = escapes, EscapeAttempts = attempts, Diverged = state.Diverged,
        };
    }

    private sealed class State
    {
        public int Evaluations;
        public int? EvaluationsToStop;
        public bool Stopped;
        public bool Diverged;
    }

    /// <summary>Gradient descent until convergence, the stop value or the budget. Returns true on convergence.</summary>
    private static bool Descend(IAnalyticLandscape landscape, double[] x, TargetDescentOptions o, State s)
    {
        var g = new double[x.Length];
        while (s.Evaluations < o.Budget)
        {
            double l = landscape.Evaluate(x);
            if (!double.IsFinite(l)) { s.Diverged = true; return false; }
            if (o.StopValue is { } stop && l <= stop)
            {
                s.EvaluationsToStop ??= s.Evaluations;
                s.Stopped = true;
                return false;
            }
            landscape.Gradient(x, g);
            s.Evaluations++;
            double g2 = 0;
            foreach (double v in g) g2 += v * v;
            if (Math.Sqrt(g2) < o.GradientTolerance) return true;
            double eta = o.Schedule?.Step(l, g2) ?? o.FixedStep;
            for (int i = 0; i < x.Length; i++) x[i] -= eta * g[i];
            foreach (double v in x)
                if (!(Math.Abs(v) <= 1e8)) { s.Diverged = true; return false; }
        }
        return false;
    }

    private static double[]? Walk(IAnalyticLandscape landscape, double[] x0, double[] u, int sign, double l0, double dl, double lambda,
        TargetDescentOptions o, State s)
    {
        double ds = 0.25 * Math.Sqrt(2 * dl / lambda);
        var y = new double[x0.Length];
        bool reached = false;
        double prev = l0;
        for (int k = 1; k <= 16 && s.Evaluations < o.Budget; k++)
        {
            for (int i = 0; i < y.Length; i++) y[i] = x0[i] + sign * k * ds * u[i];
            double l = landscape.Evaluate(y);
            s.Evaluations++;
            if (l >= l0 + o.LevelFraction * dl) reached = true;
            if (reached && l < prev) return y;
            prev = l;
        }
        return null;
    }
}
