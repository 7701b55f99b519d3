namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Reduced gradient descent on F(x1) = f(x1, Ψ(x1)) with the Euclidean or pullback metric, and the full-variable gradient
/// descent baseline on f(x1, x2) (spec reduction-mappings.md §1.3 A/B, [proposal]; the paper arXiv:2506.08428 gives no
/// pseudo-code). Both <b>minimise</b>. For μ-PŁ, β-smooth objectives, step 1/β contracts the gap by (1 − μ/β) per step, so
/// iterations to a tolerance scale with κ = β/μ; a reduction lowering κ_f to κ_F cuts them by about κ_f/κ_F (locally).
/// </summary>
public static class ReducedGradientDescent
{
    /// <summary>Minimises the reduced objective from <paramref name="x1"/>.</summary>
    /// <param name="objective">F = f∘Φ.</param>
    /// <param name="x1">Start (length n1; copied).</param>
    /// <param name="metric">Euclidean or pullback (the latter needs the reduction's Jacobian).</param>
    /// <param name="options">Step rule and stopping tests (validated).</param>
    /// <exception cref="ArgumentException">Wrong start length, or pullback without a Jacobian.</exception>
    public static DescentResult Minimize(ReducedObjective objective, ReadOnlySpan<double> x1, ReductionMetric metric, DescentOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        if (x1.Length != objective.Dimension) throw new ArgumentException($"x1 must have length {objective.Dimension} (got {x1.Length}).", nameof(x1));
        if (metric == ReductionMetric.Pullback && !objective.Reduction.HasJacobian)
            throw new ArgumentException("the pullback metric needs a reduction with HasJacobian = true.", nameof(metric));
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "metric must be Euclidean or Pullback.");
        return Run(objective, x1, metric == ReductionMetric.Pullback ? objective : null, options);
    }

    /// <summary>Minimises the full objective f(x1, x2) by plain gradient descent on x = (x1, x2) (the baseline).</summary>
    /// <param name="objective">f.</param>
    /// <param name="x1">Start of x1 (length n1).</param>
    /// <param name="x2">Start of x2 (length n2).</param>
    /// <param name="options">Step rule and stopping tests (validated).</param>
    /// <exception cref="ArgumentException">Wrong start lengths.</exception>
    public static DescentResult MinimizeFull(ISplitObjective objective, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, DescentOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        if (x1.Length != objective.N1) throw new ArgumentException($"x1 must have length {objective.N1} (got {x1.Length}).", nameof(x1));
        if (x2.Length != objective.N2) throw new ArgumentException($"x2 must have length {objective.N2} (got {x2.Length}).", nameof(x2));
        var x = new double[objective.N1 + objective.N2];
        x1.CopyTo(x);
        x2.CopyTo(x.AsSpan(objective.N1));
        return Run(new ConcatenatedObjective(objective), x, null, options);
    }

    private static DescentResult Run(IObjective f, ReadOnlySpan<double> start, ReducedObjective? pullback, DescentOptions o)
    {
        o.Validate();
        int n = start.Length;
        var x = start.ToArray();
        var g = new double[n]; var d = new double[n]; var trial = new double[n];
        double fx = f.Evaluate(x);
        double f0 = fx, fStar = o.TargetValue;
        var history = new List<double> { fx };
        for (int k = 0; k < o.MaxIterations; k++)
        {
            if (!double.IsNaN(fStar) && fx - fStar <= o.RelativeTolerance * (f0 - fStar))
                return new DescentResult(x, fx, k, StopReason.Converged, history);
            f.Gradient(x, g);
            if (o.GradientTolerance > 0 && Norm(g) <= o.GradientTolerance)
                return new DescentResult(x, fx, k, StopReason.Converged, history);
            if (pullback is null) g.CopyTo(d, 0);
            else pullback.PullbackDirection(x, g, d);
            double t = o.StepSize;
            if (o.Rule == DescentStepRule.Fixed)
            {
                for (int i = 0; i < n; i++) x[i] -= t * d[i];
                fx = f.Evaluate(x);
            }
            else
            {
                double slope = 0;
                for (int i = 0; i < n; i++) slope += g[i] * d[i];
                while (true)
                {
                    for (int i = 0; i < n; i++) trial[i] = x[i] - t * d[i];
                    double ft = f.Evaluate(trial);
                    if (ft <= fx - o.ArmijoC * t * slope) { trial.CopyTo(x, 0); fx = ft; break; }
                    t *= o.Shrink;
                    if (t < 1e-20 * o.StepSize) return new DescentResult(x, fx, k, StopReason.LineSearchFailed, history);
                }
            }
            history.Add(fx);
            if (!double.IsFinite(fx)) return new DescentResult(x, fx, k + 1, StopReason.MaxIterations, history);
        }
        bool done = !double.IsNaN(fStar) && fx - fStar <= o.RelativeTolerance * (f0 - fStar);
        return new DescentResult(x, fx, o.MaxIterations, done ? StopReason.Converged : StopReason.MaxIterations, history);
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double a in v) s += a * a;
        return Math.Sqrt(s);
    }
}
