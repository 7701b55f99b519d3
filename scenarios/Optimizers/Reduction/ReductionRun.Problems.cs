using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.Reduction;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Scenarios.Optimizers;

// Problems E1, E2, E4 of docs/optim-reduction.md and the locality points (claim 6): one point per problem, trials = starts.
internal sealed partial class ReductionRun
{
    internal const double NullTolerance = 1e-8;   // spec §4.2: μ_MB = smallest eigenvalue above 1e-8·β
    internal const double EnvelopeBound = 1e-8;   // spec §4.3 claim 1
    internal const double SchurBound = 1e-5;      // spec §4.3 claim 2
    internal static readonly string[] Names = ["", "E1", "E2", "E3", "E4"];
    internal static readonly string[] Titles =
    [
        "", "E1 variable projection: 3 exponentials, 200 samples", "E2 low-rank factorisation: n = 30, r = 3",
        "E3 scale symmetry: cond(XᵀX) = 10", "E4 movable-antenna MMSE combiner: 4 ports, 3 paths",
    ];

    private sealed record Setup(ISplitObjective F, IReduction R, double[] XStar, double FStar);

    private readonly record struct Outcome(int Iterations, bool Converged, long Evaluations, long Gradients, long InnerIterations, double Flops);

    internal static readonly (string Tag, string Label)[] ExtraMethods =
    [
        ("Armijo", "full GD, Armijo"), ("Jacobi", "full GD, Jacobi-preconditioned"), ("Alternating", "alternating minimisation"),
        ("Inexact", "inexact reduced GD (variant C)"), ("InexactPullback", "inexact reduced GD, pullback (variant C)"),
    ];

    internal static int Code(string name) => Array.IndexOf(Names, name);

    private void AddProblemPoints(SweepBuilder sweep)
    {
        foreach (var name in P.Problems) sweep.Add(name, ("problem", name), ("start", "spec"));
        if (P.FarRadius <= 0) return;
        foreach (var name in new[] { "E1", "E2" }.Where(P.Problems.Contains).Append("E3"))
            sweep.Add(name + " far", ("problem", name), ("start", "far"));
    }

    private Setup Create(int code)
    {
        switch (code)
        {
            case 1:
                {
                    var p = ExponentialSumLeastSquares.SpecInstance(P.E1NoiseStd, 17);
                    return P.E1NoiseStd == 0 ? new Setup(p, p, [.. p.RatesStar, .. p.CoefficientsStar], 0) : Refined(p, p, p.RatesStar);
                }
            case 2:
                {
                    var p = new LowRankFactorization(30, 3, 5);
                    return new Setup(p, p, [.. p.FactorA, .. p.FactorB], 0);
                }
            case 3:
                {
                    var p = new ScaleSymmetricLeastSquares(100, 10, 10, 5);
                    return new Setup(p, p, [.. p.ThetaStar, 1.0], 0);
                }
            default:
                {
                    // Ports start as a 1.5λ-spaced line (our choice) and climb to the nearest stationary point of F.
                    var p = new MovableAntennaCombiner(4, 3, P.AntennaNoiseVariance, 11);
                    return Refined(p, p, [-2.25, -0.75, 0.75, 2.25]);
                }
        }
    }

    // Reference minimiser where none is known in closed form: pullback-metric reduced GD with Armijo to ‖∇F‖ ≤ 1e-8
    // (the value error is then ≲ ‖∇F‖²/μ_F, far below the 1e-8 relative target).
    private static Setup Refined(ISplitObjective f, IReduction r, double[] x1)
    {
        var F = new ReducedObjective(f, r);
        var res = ReducedGradientDescent.Minimize(F, x1, ReductionMetric.Pullback,
            new DescentOptions { Rule = DescentStepRule.Armijo, StepSize = 1, MaxIterations = 200_000, GradientTolerance = 1e-8 });
        var x2 = new double[f.N2];
        r.Psi(res.X, x2);
        return new Setup(f, r, [.. res.X, .. x2], F.Evaluate(res.X));
    }

    private void RunProblem(in BlockContext context, MetricSink sink)
    {
        var point = Plan.Points[context.PointIndex];
        int code = Code(point.Category("problem"));
        bool far = point.Is("start", "far");
        var s = Create(code);
        int n1 = s.F.N1, n = s.XStar.Length;
        var F = new ReducedObjective(s.F, s.R);
        var x1Star = s.XStar[..n1];
        var hFull = CurvatureDiagnostics.Hessian(new ConcatenatedObjective(s.F), s.XStar);
        var hF = CurvatureDiagnostics.Hessian(F, x1Star);
        var G = new double[n1 * n1];
        F.PullbackMetric(x1Star, G);
        var cf = CurvatureDiagnostics.Summarize(hFull, NullTolerance);
        var cF = CurvatureDiagnostics.Summarize(hF, NullTolerance);
        var cG = CurvatureDiagnostics.SummarizeInMetric(hF, G, NullTolerance);
        foreach (var (tag, cs) in new[] { ("Full", cf), ("Reduced", cF), ("Pullback", cG) })
        {
            sink.Add("beta" + tag, cs.Beta);
            sink.Add("mu" + tag, cs.MuMorseBott);
            sink.Add("kappa" + tag, cs.Kappa);
            sink.Add("null" + tag, cs.Nullity);
        }
        if (!far) sink.Add("schurErr", SchurError(hFull, hF, n1));
        var rng = new Xoshiro256StarStar(context.Seed);
        double radius = (far ? P.FarRadius : P.StartRadius) * Math.Sqrt(s.XStar.Sum(v => v * v) / n);
        int limit = code == 1 ? P.E1Starts : int.MaxValue;
        // Spec radius: fixed step 1/β of each method's own Hessian at x*. Far starts: Armijo from that step (a fixed step
        // sized at x* may diverge far from it).
        var o = new DescentOptions
        {
            MaxIterations = far ? P.FarMaxIterations : P.MaxIterations, TargetValue = s.FStar, RelativeTolerance = P.Tolerance,
            Rule = far ? DescentStepRule.Armijo : DescentStepRule.Fixed,
        };
        bool baselines = !far && code <= 3, inexact = !far && code <= 2;
        double[] diag = Diagonal(hFull);
        double betaJacobi = baselines ? CurvatureDiagnostics.Summarize(CurvatureDiagnostics.DiagonallyScaled(hFull, diag), NullTolerance).Beta : double.NaN;
        double betaBlock = baselines ? CurvatureDiagnostics.Summarize(Block(hFull, n, n1), NullTolerance).Beta : double.NaN;
        var e1 = s.F as ExponentialSumLeastSquares;
        for (int t = 0; t < context.Trials; t++)
        {
            var x0 = new double[n];
            for (int i = 0; i < n; i++) x0[i] = s.XStar[i] + radius * rng.NextGaussian();
            // Starts interleave across blocks (start = t·blocks + block) so that a few E1 starts run in parallel blocks.
            int start = t * Plan.Stop.MaxBlocks + context.BlockIndex;
            if (start >= limit) continue;
            if (!far) RecordEnvelope(sink, s.F, s.R, x0.AsSpan(0, n1));
            var runs = new List<(string Tag, Outcome R)>
            {
                ("Full", Measure(o.MaxIterations, () => ReducedGradientDescent.MinimizeFull(s.F, x0.AsSpan(0, n1), x0.AsSpan(n1), o with { StepSize = 1 / cf.Beta }), e1, false)),
                ("Reduced", Measure(o.MaxIterations, () => ReducedGradientDescent.Minimize(F, x0.AsSpan(0, n1), ReductionMetric.Euclidean, o with { StepSize = 1 / cF.Beta }), e1, true)),
                ("Pullback", Measure(o.MaxIterations, () => ReducedGradientDescent.Minimize(F, x0.AsSpan(0, n1), ReductionMetric.Pullback, o with { StepSize = 1 / cG.Beta }), e1, true)),
            };
            if (baselines)
            {
                runs.Add(("Armijo", Measure(o.MaxIterations, () => ReducedGradientDescent.MinimizeFull(s.F, x0.AsSpan(0, n1), x0.AsSpan(n1),
                    o with { Rule = DescentStepRule.Armijo, StepSize = ArmijoStartFactor / cf.Beta }), e1, false)));
                runs.Add(("Jacobi", Measure(o.MaxIterations, () => ReducedGradientDescent.MinimizeFullJacobi(s.F, x0.AsSpan(0, n1), x0.AsSpan(n1), diag, o with { StepSize = 1 / betaJacobi }), null, false)));
                // Exact block minimiser over x1 where a closed form exists (E2: ALS, E3: least squares in s·w); E1: gradient step 1/λ_max(H11).
                var block = s.F as IBlockMinimizer;
                runs.Add(("Alternating", Measure(o.MaxIterations, () => ReducedGradientDescent.MinimizeAlternating(s.F, s.R, x0.AsSpan(0, n1),
                    block is null ? o with { StepSize = 1 / betaBlock } : o, block), null, false)));
            }
            if (inexact && s.F is ISplitHessianProducts h)
            {
                // Variant C: a fresh inexact objective per run, warm-started from the start's x2.
                runs.Add(("Inexact", Measure(o.MaxIterations, () => ReducedGradientDescent.Minimize(new InexactReducedObjective(s.F, h, P.InnerTolerance, initialX2: x0[n1..]),
                    x0.AsSpan(0, n1), ReductionMetric.Euclidean, o with { StepSize = 1 / cF.Beta }), null, false)));
                runs.Add(("InexactPullback", Measure(o.MaxIterations, () => ReducedGradientDescent.Minimize(new InexactReducedObjective(s.F, h, P.InnerTolerance, initialX2: x0[n1..]),
                    x0.AsSpan(0, n1), ReductionMetric.Pullback, o with { StepSize = 1 / cG.Beta }), null, false)));
            }
            foreach (var (tag, r) in runs)
            {
                sink.Add("it" + tag, r.Iterations);
                sink.AddRate("conv" + tag, r.Converged ? 1 : 0, 1);
                sink.Add("evals" + tag, r.Evaluations);
                sink.Add("grads" + tag, r.Gradients);
                if (r.InnerIterations > 0) sink.Add("inner" + tag, r.InnerIterations);
                if (!double.IsNaN(r.Flops)) sink.Add("flops" + tag, r.Flops);
                sink.AddAt("it" + tag + "PerStart", start, r.Iterations);
            }
            var full = runs[0].R;
            sink.AddRate("reducedWins", Wins(runs[1].R, full) ? 1 : 0, 1);
            sink.AddRate("pullbackWins", Wins(runs[2].R, full) ? 1 : 0, 1);
            if (!double.IsNaN(full.Flops)) sink.AddRate("reducedWorkWins", runs[1].R.Converged && runs[1].R.Flops < full.Flops ? 1 : 0, 1);
        }
    }

    // A reduced run wins when it converges and the full run either does not or needs more iterations.
    private static bool Wins(Outcome reduced, Outcome full) => reduced.Converged && (!full.Converged || reduced.Iterations < full.Iterations);

    // Deterministic work counts only (no wall-clock: results.csv must be bit-identical for any thread count). A run that
    // breaks down (rank-deficient inner problem far from x*) counts as not converged at the cap, with no work recorded.
    private static Outcome Measure(int cap, Func<DescentResult> run, ExponentialSumLeastSquares? flopModel, bool reduced)
    {
        try
        {
            var r = run();
            return new Outcome(r.Iterations, r.Reason == StopReason.Converged, r.Evaluations, r.Gradients, r.InnerIterations,
                flopModel is null ? double.NaN : flopModel.EstimatedFlops(r, reduced));
        }
        catch (ArithmeticException)
        {
            return new Outcome(cap, false, 0, 0, 0, double.NaN);
        }
    }

    // The leading n1×n1 block H11 of an n×n row-major Hessian.
    private static double[] Block(double[] h, int n, int n1)
    {
        var b = new double[n1 * n1];
        for (int i = 0; i < n1; i++) for (int j = 0; j < n1; j++) b[i * n1 + j] = h[i * n + j];
        return b;
    }

    // Claim 1: the chain-rule term DΨᵀ∇_2 f, relative to ‖∇_1 f‖ (max norms), at Φ(x1).
    private static void RecordEnvelope(MetricSink sink, ISplitObjective f, IReduction r, ReadOnlySpan<double> x1)
    {
        int n1 = f.N1, n2 = f.N2;
        var x2 = new double[n2]; var g1 = new double[n1]; var g2 = new double[n2]; var jac = new double[n2 * n1];
        r.Psi(x1, x2);
        f.Gradient(x1, x2, g1, g2);
        r.Jacobian(x1, jac);
        double chain = 0, scale = 0;
        for (int i = 0; i < n1; i++)
        {
            double v = 0;
            for (int k = 0; k < n2; k++) v += jac[k * n1 + i] * g2[k];
            chain = Math.Max(chain, Math.Abs(v));
            scale = Math.Max(scale, Math.Abs(g1[i]));
        }
        double err = chain / scale;
        sink.Add("envelopeErr", err);
        sink.AddRate("envelopeOk", err <= EnvelopeBound ? 1 : 0, 1);
    }

    // Claim 2: max|∇²F − (H11 − H12 H22⁻¹ H21)| / max|∇²F| from central-difference Hessians at the minimiser.
    private static double SchurError(double[] hFull, double[] hF, int n1)
    {
        var schur = CurvatureDiagnostics.SchurComplement(hFull, n1);
        double d = 0, m = 0;
        for (int i = 0; i < hF.Length; i++) { d = Math.Max(d, Math.Abs(hF[i] - schur[i])); m = Math.Max(m, Math.Abs(hF[i])); }
        return d / m;
    }
}
