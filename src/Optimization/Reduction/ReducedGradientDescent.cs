using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Results;
namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Reduced gradient descent on F(x1) = f(x1, Ψ(x1)) with the Euclidean or pullback metric (exact or inexact argmin Ψ), and
/// the full-variable baselines on f(x1, x2): plain gradient descent (fixed step or Armijo), Jacobi-preconditioned gradient
/// descent and alternating minimisation (docs/optim-reduction.md A/B/C and baselines, [proposal]; the paper
/// arXiv:2506.08428 gives no pseudo-code). All <b>minimise</b>. For μ-PŁ, β-smooth objectives, step 1/β contracts the gap by
/// (1 − μ/β) per step, so iterations to a tolerance scale with κ = β/μ; a reduction lowering κ_f to κ_F cuts them by about
/// κ_f/κ_F (locally).
/// </summary>
public static class ReducedGradientDescent
{
    private delegate void DirectionMap(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> d);

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
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "metric must be Euclidean or Pullback.");
        if (metric == ReductionMetric.Pullback && !objective.Reduction.HasJacobian)
            throw new ArgumentException("the pullback metric needs a reduction with HasJacobian = true.", nameof(metric));
        return Run(objective, x1, metric == ReductionMetric.Pullback ? objective.PullbackDirection : null, options);
    }

    /// <summary>
    /// Minimises an inexact argmin-reduced objective (docs/optim-reduction.md C): Ψ by the warm-started inner solver of
    /// <paramref name="objective"/>, and for the pullback metric the direction G⁻¹∇F with DΨ = −H22⁻¹H21 applied by conjugate
    /// gradients. <see cref="DescentResult.InnerIterations"/> counts the conjugate-gradient steps on H22 of this run.
    /// </summary>
    /// <param name="objective">Inexact reduced objective (its warm start carries over between calls).</param>
    /// <param name="x1">Start (length n1; copied).</param>
    /// <param name="metric">Euclidean or pullback.</param>
    /// <param name="options">Step rule and stopping tests (validated).</param>
    /// <exception cref="ArgumentException">Wrong start length.</exception>
    public static DescentResult Minimize(InexactReducedObjective objective, ReadOnlySpan<double> x1, ReductionMetric metric, DescentOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        if (x1.Length != objective.Dimension) throw new ArgumentException($"x1 must have length {objective.Dimension} (got {x1.Length}).", nameof(x1));
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "metric must be Euclidean or Pullback.");
        long before = objective.InnerIterations;
        var r = Run(objective, x1, metric == ReductionMetric.Pullback ? objective.PullbackDirection : null, options);
        return r with { InnerIterations = objective.InnerIterations - before };
    }

    /// <summary>Minimises the full objective f(x1, x2) by plain gradient descent on x = (x1, x2) (the baseline).</summary>
    /// <param name="objective">f.</param>
    /// <param name="x1">Start of x1 (length n1).</param>
    /// <param name="x2">Start of x2 (length n2).</param>
    /// <param name="options">Step rule and stopping tests (validated).</param>
    /// <exception cref="ArgumentException">Wrong start lengths.</exception>
    public static DescentResult MinimizeFull(ISplitObjective objective, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, DescentOptions options)
    {
        var x = Concatenate(objective, x1, x2);
        ArgumentNullException.ThrowIfNull(options);
        return Run(new ConcatenatedObjective(objective), x, null, options);
    }

    /// <summary>
    /// Jacobi-preconditioned gradient descent on x = (x1, x2): x ← x − η D⁻¹∇f(x), D = diag(<paramref name="diagonal"/>)
    /// (the baseline "diagonal preconditioning on x" of docs/optim-reduction.md). With D = diag(∇²f(x*)) the step to use is 1/λ_max of
    /// D^{−1/2}∇²f D^{−1/2} (<see cref="CurvatureDiagnostics.DiagonallyScaled"/>). On a quadratic with diagonal Hessian D and
    /// η = 1 it reaches the minimiser in one step.
    /// </summary>
    /// <param name="objective">f.</param>
    /// <param name="x1">Start of x1 (length n1).</param>
    /// <param name="x2">Start of x2 (length n2).</param>
    /// <param name="diagonal">Preconditioner diagonal, length n1 + n2, every entry finite and &gt; 0.</param>
    /// <param name="options">Step rule and stopping tests (validated); Armijo uses the slope ∇fᵀD⁻¹∇f.</param>
    /// <exception cref="ArgumentException">Wrong lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A diagonal entry that is not finite and positive.</exception>
    public static DescentResult MinimizeFullJacobi(ISplitObjective objective, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> diagonal, DescentOptions options)
    {
        var x = Concatenate(objective, x1, x2);
        ArgumentNullException.ThrowIfNull(options);
        if (diagonal.Length != x.Length) throw new ArgumentException($"diagonal must have length {x.Length} (got {diagonal.Length}).", nameof(diagonal));
        var inv = new double[x.Length];
        for (int i = 0; i < inv.Length; i++)
        {
            if (!(diagonal[i] > 0) || !double.IsFinite(diagonal[i]))
                throw new ArgumentOutOfRangeException(nameof(diagonal), diagonal[i], $"diagonal[{i}] must be finite and > 0.");
            inv[i] = 1 / diagonal[i];
        }
        var r = Run(new ConcatenatedObjective(objective), x, (_, g, d) => { for (int i = 0; i < d.Length; i++) d[i] = inv[i] * g[i]; }, options);
        return r;
    }

    /// <summary>
    /// Alternating minimisation (block coordinate descent), the second baseline of docs/optim-reduction.md for argmin reductions. Starts
    /// from (x1, Ψ(x1)); each iteration updates x1 and then sets x2 ← Ψ(x1) (exact block minimisation). The x1 update is the
    /// exact block minimiser when <paramref name="firstBlock"/> is given (E2, E3: closed form), otherwise one gradient step on
    /// x1 with x2 fixed (fixed step, or Armijo on t ↦ f(x1 − t∇_1 f, x2)). The history holds f(x1, Ψ(x1)) = F(x1), so the
    /// stopping test matches the reduced runs'.
    /// </summary>
    /// <remarks>For an exact argmin Ψ, ∇_1 f(x1, Ψ(x1)) = ∇F(x1) (envelope identity), so the gradient variant is Euclidean
    /// reduced gradient descent; it differs only in the step one would pick (1/λ_max(H11) for the block, derived).</remarks>
    /// <param name="objective">f.</param>
    /// <param name="reduction">Ψ (an argmin of f over x2 for this to be alternating minimisation).</param>
    /// <param name="x1">Start of x1 (length n1; copied).</param>
    /// <param name="options">Step rule and stopping tests (validated; <see cref="DescentOptions.GradientTolerance"/> applies to the gradient variant only).</param>
    /// <param name="firstBlock">Closed-form argmin over x1 given x2, or null for the gradient step.</param>
    /// <exception cref="ArgumentException">Dimensions disagree.</exception>
    public static DescentResult MinimizeAlternating(ISplitObjective objective, IReduction reduction, ReadOnlySpan<double> x1, DescentOptions options, IBlockMinimizer? firstBlock = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(reduction);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n1 = objective.N1, n2 = objective.N2;
        if (reduction.N1 != n1 || reduction.N2 != n2)
            throw new ArgumentException($"reduction dimensions ({reduction.N1}, {reduction.N2}) must equal the objective's ({n1}, {n2}).", nameof(reduction));
        if (firstBlock is not null && (firstBlock.N1 != n1 || firstBlock.N2 != n2))
            throw new ArgumentException($"firstBlock dimensions ({firstBlock.N1}, {firstBlock.N2}) must equal the objective's ({n1}, {n2}).", nameof(firstBlock));
        if (x1.Length != n1) throw new ArgumentException($"x1 must have length {n1} (got {x1.Length}).", nameof(x1));
        var o = options;
        var x = x1.ToArray();
        var x2 = new double[n2];
        var g1 = new double[n1]; var g2 = new double[n2]; var trial = new double[n1];
        reduction.Psi(x, x2);
        double fx = objective.Evaluate(x, x2);
        long evals = 1, grads = 0, blocks = 0;
        double f0 = fx, fStar = o.TargetValue;
        var history = new List<double> { fx };
        var steps = new List<double>();
        DescentResult Done(int k, StopReason reason) =>
            new(x, fx, k, reason, history) { Evaluations = evals, Gradients = grads, BlockMinimizations = blocks, Steps = steps };
        Func<double[], double> atFixedX2 = v => objective.Evaluate(v, x2);
        for (int k = 0; k < o.MaxIterations; k++)
        {
            if (!double.IsNaN(fStar) && fx - fStar <= o.RelativeTolerance * (f0 - fStar)) return Done(k, StopReason.Converged);
            if (firstBlock is not null)
            {
                firstBlock.MinimizeFirstBlock(x2, x);
                blocks++;
                steps.Add(double.NaN);
            }
            else
            {
                objective.Gradient(x, x2, g1, g2);
                grads++;
                if (o.GradientTolerance > 0 && Norm(g1) <= o.GradientTolerance) return Done(k, StopReason.Converged);
                double t = o.StepSize;
                if (o.Rule == DescentStepRule.Fixed)
                    for (int i = 0; i < n1; i++) x[i] -= t * g1[i];
                else
                {
                    double slope = 0; // f(x1, x2) with x2 = Ψ(x1) is the current value fx
                    foreach (double gi in g1) slope += gi * gi;
                    t = Backtrack(atFixedX2, x, g1, slope, fx, o, trial, ref evals, out _);
                    if (double.IsNaN(t)) return Done(k, StopReason.LineSearchFailed);
                }
                steps.Add(t);
            }
            reduction.Psi(x, x2);
            fx = objective.Evaluate(x, x2);
            evals++;
            history.Add(fx);
            if (!double.IsFinite(fx)) return Done(k + 1, StopReason.MaxIterations);
        }
        bool done = !double.IsNaN(fStar) && fx - fStar <= o.RelativeTolerance * (f0 - fStar);
        return Done(o.MaxIterations, done ? StopReason.Converged : StopReason.MaxIterations);
    }

    private static double[] Concatenate(ISplitObjective objective, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (x1.Length != objective.N1) throw new ArgumentException($"x1 must have length {objective.N1} (got {x1.Length}).", nameof(x1));
        if (x2.Length != objective.N2) throw new ArgumentException($"x2 must have length {objective.N2} (got {x2.Length}).", nameof(x2));
        var x = new double[objective.N1 + objective.N2];
        x1.CopyTo(x);
        x2.CopyTo(x.AsSpan(objective.N1));
        return x;
    }

    private static DescentResult Run(IObjective f, ReadOnlySpan<double> start, DirectionMap? direction, DescentOptions o)
    {
        o.Validate();
        int n = start.Length;
        var x = start.ToArray();
        var g = new double[n]; var d = new double[n]; var trial = new double[n];
        double fx = f.Evaluate(x);
        long evals = 1, grads = 0, solves = 0;
        double f0 = fx, fStar = o.TargetValue;
        var history = new List<double> { fx };
        var steps = new List<double>();
        DescentResult Done(int k, StopReason reason) =>
            new(x, fx, k, reason, history) { Evaluations = evals, Gradients = grads, DirectionSolves = solves, Steps = steps };
        Func<double[], double> evaluate = v => f.Evaluate(v);
        for (int k = 0; k < o.MaxIterations; k++)
        {
            if (!double.IsNaN(fStar) && fx - fStar <= o.RelativeTolerance * (f0 - fStar)) return Done(k, StopReason.Converged);
            f.Gradient(x, g);
            grads++;
            if (o.GradientTolerance > 0 && Norm(g) <= o.GradientTolerance) return Done(k, StopReason.Converged);
            if (direction is null) g.CopyTo(d, 0);
            else { direction(x, g, d); solves++; }
            double t = o.StepSize;
            if (o.Rule == DescentStepRule.Fixed)
            {
                for (int i = 0; i < n; i++) x[i] -= t * d[i];
                fx = f.Evaluate(x);
                evals++;
            }
            else
            {
                double slope = 0;
                for (int i = 0; i < n; i++) slope += g[i] * d[i];
                t = Backtrack(evaluate, x, d, slope, fx, o, trial, ref evals, out double ft);
                if (double.IsNaN(t)) return Done(k, StopReason.LineSearchFailed);
                fx = ft;
            }
            steps.Add(t);
            history.Add(fx);
            if (!double.IsFinite(fx)) return Done(k + 1, StopReason.MaxIterations);
        }
        bool done = !double.IsNaN(fStar) && fx - fStar <= o.RelativeTolerance * (f0 - fStar);
        return Done(o.MaxIterations, done ? StopReason.Converged : StopReason.MaxIterations);
    }

    /// <summary>
    /// Armijo backtracking along −d from x (c = <see cref="DescentOptions.ArmijoC"/>, shrink <see cref="DescentOptions.Shrink"/>,
    /// first trial <see cref="DescentOptions.StepSize"/>): accepts the first t with f(x − t d) ≤ f(x) − c·t·slope, copies
    /// x − t d into x and returns t (its value in <paramref name="fAccepted"/>); NaN when t falls below 1e-20 of the first trial.
    /// </summary>
    private static double Backtrack(Func<double[], double> evaluate, double[] x, double[] d, double slope, double fx, DescentOptions o,
        double[] trial, ref long evals, out double fAccepted)
    {
        double t = o.StepSize;
        while (true)
        {
            for (int i = 0; i < x.Length; i++) trial[i] = x[i] - t * d[i];
            double ft = evaluate(trial);
            evals++;
            if (ft <= fx - o.ArmijoC * t * slope) { trial.CopyTo(x, 0); fAccepted = ft; return t; }
            t *= o.Shrink;
            if (t < 1e-20 * o.StepSize) { fAccepted = double.NaN; return double.NaN; }
        }
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double a in v) s += a * a;
        return Math.Sqrt(s);
    }
}
