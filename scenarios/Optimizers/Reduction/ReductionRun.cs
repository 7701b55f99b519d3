using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.Reduction;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The run of <c>optim-reduction</c>: E3 points (one per cond(XᵀX), trials = starts) and the per-problem points of
/// <c>ReductionRun.Problems.cs</c>. Per-start iteration counts are curves over the start index ("it&lt;method&gt;PerStart").
/// </summary>
internal sealed partial class ReductionRun(ReductionParameters p, ScenarioConfig config) : ScenarioRun<ReductionParameters>(p, config)
{
    // Armijo baseline: backtracking (c = 1e-4, shrink 0.5, spec §1.3) from 2/β_f each iteration (our choice: the search may
    // double the fixed step where the curvature along −∇f is below β_f, and halves back to 1/β_f otherwise).
    internal const double ArmijoStartFactor = 2;

    internal const string BaselineNote = "Baselines (spec §1.3, [proposal]): full GD with step 1/β_f; full GD with Armijo backtracking (c = 1e-4, shrink 0.5) from 2/β_f; "
        + "Jacobi-preconditioned full GD x ← x − η D⁻¹∇f with D = diag(∇²f(x*)) and η = 1/λ_max(D^{−1/2}∇²f D^{−1/2}); alternating minimisation "
        + "x1-update then x2 ← Ψ(x1), with the exact x1-block minimiser where a closed form exists (E2: U = MV(VᵀV)⁻¹; E3: w = (XᵀX)⁻¹Xᵀy/s) and "
        + "otherwise (E1) one gradient step on x1 with step 1/λ_max(H11), which for an exact argmin Ψ is Euclidean reduced GD with the block step [derived].";

    private static double[] Diagonal(double[] h)
    {
        int n = (int)Math.Round(Math.Sqrt(h.Length));
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = h[i * n + i];
        return d;
    }

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (double k in P.GramConditions) sweep.Add($"cond(XᵀX)={k}", ("gramCondition", k));
        AddProblemPoints(sweep);
    }

    /// <inheritdoc/>
    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        if (Plan.Points[context.PointIndex].Has("problem"))
        {
            RunProblem(context, sink);
            return;
        }
        double kappaX = P.GramConditions[context.PointIndex];
        // One problem instance per point (seed 5), shared by all blocks; starts vary with the block seed.
        var prob = new ScaleSymmetricLeastSquares(100, 10, kappaX, 5);
        var F = new ReducedObjective(prob, prob);
        var xs = prob.ThetaStar.Append(1.0).ToArray();
        var hFull = CurvatureDiagnostics.Hessian(new ConcatenatedObjective(prob), xs);
        var cf = CurvatureDiagnostics.Summarize(hFull);
        var hF = CurvatureDiagnostics.Hessian(F, prob.ThetaStar);
        var cF = CurvatureDiagnostics.Summarize(hF);
        var G = new double[100];
        F.PullbackMetric(prob.ThetaStar, G);
        var cG = CurvatureDiagnostics.SummarizeInMetric(hF, G);
        sink.Add("schurErr", SchurError(hFull, hF, 10));
        var rng = new Xoshiro256StarStar(context.Seed);
        double radius = P.StartRadius * Math.Sqrt(xs.Sum(v => v * v)) / Math.Sqrt(xs.Length);
        var o = new DescentOptions { MaxIterations = 1_000_000, TargetValue = 0, RelativeTolerance = P.Tolerance };
        var diag = Diagonal(hFull);
        double betaJacobi = CurvatureDiagnostics.Summarize(CurvatureDiagnostics.DiagonallyScaled(hFull, diag)).Beta;
        for (int t = 0; t < context.Trials; t++)
        {
            var x0 = new double[xs.Length];
            for (int i = 0; i < xs.Length; i++) x0[i] = xs[i] + radius * rng.NextGaussian();
            RecordEnvelope(sink, prob, prob, x0.AsSpan(0, 10));
            var full = ReducedGradientDescent.MinimizeFull(prob, x0.AsSpan(0, 10), x0.AsSpan(10), o with { StepSize = 1 / cf.Beta });
            var red = ReducedGradientDescent.Minimize(F, x0.AsSpan(0, 10), ReductionMetric.Euclidean, o with { StepSize = 1 / cF.Beta });
            var pb = ReducedGradientDescent.Minimize(F, x0.AsSpan(0, 10), ReductionMetric.Pullback, o with { StepSize = 1 / cG.Beta });
            var armijo = ReducedGradientDescent.MinimizeFull(prob, x0.AsSpan(0, 10), x0.AsSpan(10), o with { Rule = DescentStepRule.Armijo, StepSize = ArmijoStartFactor / cf.Beta });
            var jacobi = ReducedGradientDescent.MinimizeFullJacobi(prob, x0.AsSpan(0, 10), x0.AsSpan(10), diag, o with { StepSize = 1 / betaJacobi });
            var alt = ReducedGradientDescent.MinimizeAlternating(prob, prob, x0.AsSpan(0, 10), o, prob);
            sink.Add("itFull", full.Iterations);
            sink.Add("itReduced", red.Iterations);
            sink.Add("itPullback", pb.Iterations);
            sink.Add("itArmijo", armijo.Iterations);
            sink.Add("itJacobi", jacobi.Iterations);
            sink.Add("itAlternating", alt.Iterations);
            sink.Add("logRatio", Math.Log((double)full.Iterations / red.Iterations));
            sink.AddRate("reducedWins", red.Iterations < full.Iterations ? 1 : 0, 1);
            sink.AddRate("converged", (full.Reason == StopReason.Converged ? 1 : 0) + (red.Reason == StopReason.Converged ? 1 : 0) + (pb.Reason == StopReason.Converged ? 1 : 0), 3);
            sink.AddRate("baselinesConverged", (armijo.Reason == StopReason.Converged ? 1 : 0) + (jacobi.Reason == StopReason.Converged ? 1 : 0) + (alt.Reason == StopReason.Converged ? 1 : 0), 3);
            sink.Add("kappaFull", cf.Kappa);
            sink.Add("kappaReduced", cF.Kappa);
            sink.Add("kappaPullback", cG.Kappa);
            sink.Add("betaFull", cf.Beta);
            sink.Add("betaReduced", cF.Beta);
        }
    }

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => ReductionReport.Build(P, results, report);
}
