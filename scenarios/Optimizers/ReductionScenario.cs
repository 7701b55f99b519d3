using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.Reduction;
using PhyToolkit.Optimization.Results;
using static PhyToolkit.Scenarios.Optimizers.OptimizerReportKit;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-reduction</c>.</summary>
public sealed record ReductionScenarioParameters
{
    /// <summary>cond(XᵀX) values of the scale-symmetric least-squares problem, each in [1, 10^4].</summary>
    public double[] GramConditions { get; init; } = [1, 3, 10, 30, 100, 300];

    /// <summary>Start radius relative to ‖x*‖, in (0, 2] (spec §4.2: 0.1, local analysis).</summary>
    public double StartRadius { get; init; } = 0.1;

    /// <summary>Relative suboptimality target in (0, 1) (spec: 1e-8).</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Further problems of spec §4.1, each one of "E1" (variable projection), "E2" (low-rank factorisation), "E4" (movable antennas).</summary>
    public string[] Problems { get; init; } = ["E1", "E2", "E4"];

    /// <summary>Start radius of the locality points relative to ‖x*‖, in [0, 10] (spec claim 6: 2; 0 disables them).</summary>
    public double FarRadius { get; init; } = 2;

    /// <summary>Starts run on E1 (its full GD needs ~10⁵–10⁶ iterations), in [1, 1000] (spec: 10; the quick run uses fewer).</summary>
    public int E1Starts { get; init; } = 10;

    /// <summary>Iteration cap of every run at the spec radius, ≥ 100 (a capped run counts as not converged).</summary>
    public int MaxIterations { get; init; } = 1_000_000;

    /// <summary>Iteration cap of the locality runs, ≥ 100.</summary>
    public int FarMaxIterations { get; init; } = 200_000;

    /// <summary>E1 noise standard deviation on y, in [0, 0.1] (spec: 0 or 1e-3; with noise the reference minimiser is computed).</summary>
    public double E1NoiseStd { get; init; }

    /// <summary>Inner tolerance tol_in of the inexact argmin reduction (variant C) on E1 and E2, in [1e-14, 1e-2] (spec §1.3 C: 1e-10).</summary>
    public double InnerTolerance { get; init; } = 1e-10;

    /// <summary>E4 noise variance σ² relative to the symbol power, in [1e-4, 10] (our choice 0.1).</summary>
    public double AntennaNoiseVariance { get; init; } = 0.1;
}

/// <summary>
/// Reduced vs full gradient descent iteration counts vs condition number (docs/optim-reduction.md, claims 3–4) on the
/// scale-symmetric least-squares problem E3 (<see cref="ScaleSymmetricLeastSquares"/>, m = 100, n = 10). Points = cond(XᵀX);
/// trials = random starts, each run by full GD (step 1/β_f), reduced GD (1/β_F) and pullback-metric reduced GD (1/β_G), and
/// the spec §1.3 baselines (full GD with Armijo, Jacobi-preconditioned full GD, alternating minimisation). Problems E1, E2, E4
/// add per-start points (E1/E2 also run the inexact argmin reduction, variant C). Only deterministic counts reach the results
/// (claim 5 is judged on work counts and the E1 flop model; wall-clock lives in benchmarks/).
/// </summary>
public sealed partial class ReductionScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "optim-reduction";

    /// <inheritdoc/>
    public string Summary => "Reduction mappings: reduced vs full gradient descent iterations vs condition number (scale-symmetric least squares)";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        Run = new RunSettings { TrialsPerBlock = quick ? 5 : 10, Stop = "fixed", MinBlocks = 2, MaxBlocks = 2 },
        Parameters = ConfigBinder.ToJsonObject(quick
            ? new ReductionScenarioParameters { E1Starts = 1, MaxIterations = 300_000, FarMaxIterations = 5_000 }
            : new ReductionScenarioParameters()),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<ReductionScenarioParameters>(config.Parameters, "parameters");
        Check.AllInRange(p.GramConditions, 1, 1e4, "parameters.gramConditions");
        Check.InRange(p.StartRadius, 1e-6, 2, "parameters.startRadius");
        Check.InRange(p.Tolerance, 1e-14, 0.5, "parameters.tolerance");
        foreach (var name in p.Problems ?? throw new ConfigException("parameters.problems", "must be a list of \"E1\", \"E2\", \"E4\"."))
            Check.OneOf(name, "parameters.problems", "E1", "E2", "E4");
        Check.InRange(p.FarRadius, 0, 10, "parameters.farRadius");
        Check.InRange(p.E1Starts, 1, 1000, "parameters.e1Starts");
        Check.InRange(p.MaxIterations, 100, 100_000_000, "parameters.maxIterations");
        Check.InRange(p.FarMaxIterations, 100, 100_000_000, "parameters.farMaxIterations");
        Check.InRange(p.E1NoiseStd, 0, 0.1, "parameters.e1NoiseStd");
        Check.InRange(p.InnerTolerance, 1e-14, 1e-2, "parameters.innerTolerance");
        Check.InRange(p.AntennaNoiseVariance, 1e-4, 10, "parameters.antennaNoiseVariance");
        return new Run(p, config);
    }

    private sealed partial class Run : IScenarioRun
    {
        // Armijo baseline: backtracking (c = 1e-4, shrink 0.5, spec §1.3) from 2/β_f each iteration (our choice: the search may
        // double the fixed step where the curvature along −∇f is below β_f, and halves back to 1/β_f otherwise).
        private const double ArmijoStartFactor = 2;

        private const string BaselineNote = "Baselines (spec §1.3, [proposal]): full GD with step 1/β_f; full GD with Armijo backtracking (c = 1e-4, shrink 0.5) from 2/β_f; "
            + "Jacobi-preconditioned full GD x ← x − η D⁻¹∇f with D = diag(∇²f(x*)) and η = 1/λ_max(D^{−1/2}∇²f D^{−1/2}); alternating minimisation "
            + "x1-update then x2 ← Ψ(x1), with the exact x1-block minimiser where a closed form exists (E2: U = MV(VᵀV)⁻¹; E3: w = (XᵀX)⁻¹Xᵀy/s) and "
            + "otherwise (E1) one gradient step on x1 with step 1/λ_max(H11), which for an exact argmin Ψ is Euclidean reduced GD with the block step [derived].";

        private readonly ReductionScenarioParameters _p;

        private static double[] Diagonal(double[] h)
        {
            int n = (int)Math.Round(Math.Sqrt(h.Length));
            var d = new double[n];
            for (int i = 0; i < n; i++) d[i] = h[i * n + i];
            return d;
        }

        public Run(ReductionScenarioParameters p, ScenarioConfig config)
        {
            _p = p;
            var points = new List<SweepPoint>();
            foreach (double k in p.GramConditions) Point(points, $"cond(XᵀX)={k}", ("gramCondition", k));
            AddProblemPoints(points);
            Plan = new SweepPlan { Points = points, TrialsPerBlock = config.Run.TrialsPerBlock, Stop = ScenarioConfigResolver.ToStoppingRule(config.Run) };
        }

        public SweepPlan Plan { get; }

        public object? CreateWorkspace() => null;

        public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
        {
            if (Plan.Points[context.PointIndex].Coordinates.ContainsKey("problem"))
            {
                RunProblem(context, sink);
                return;
            }
            double kappaX = _p.GramConditions[context.PointIndex];
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
            double radius = _p.StartRadius * Math.Sqrt(xs.Sum(v => v * v)) / Math.Sqrt(xs.Length);
            var o = new DescentOptions { MaxIterations = 1_000_000, TargetValue = 0, RelativeTolerance = _p.Tolerance };
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

        public void BuildReport(RunResults results, ReportBuilder report)
        {
            var k = _p.GramConditions;
            int n = k.Length;
            double M(int i, string m) => Mean(results, i, m);
            report.AddText("Problem E3 of docs/optim-reduction.md: f(w, s) = ½‖X(s·w) − y‖², y = Xθ*, minimisers s·w = θ* (a curve). "
                + "The argmin reduction Ψ(w) = (Xw)ᵀy/‖Xw‖² removes the scale. κ = β/μ_MB from central-difference Hessians at the minimiser "
                + $"(μ_MB = smallest eigenvalue above 1e-6·β). Each start is drawn within relative radius {F(_p.StartRadius)} of x* = (θ*, 1); "
                + $"every method runs to relative suboptimality {G(_p.Tolerance)} with step 1/β of its own Hessian. "
                + "Where κ_F ≈ 1 the reduced problem is solved in a few steps, so the κ·log(1/ε) iteration model (and the factor-2 claim) is not expected to apply there.");
            report.AddFigure(new Figure
            {
                Id = "reduction-iterations", Title = "Iterations to tolerance vs cond(XᵀX)", XLabel = "cond(XᵀX)", YLabel = "iterations (mean over starts)", LogX = true, LogY = true,
                Series =
                [
                    Line("full GD on (w, s)", k, Enumerable.Range(0, n).Select(i => M(i, "itFull")), 0),
                    Line("reduced GD, Euclidean", k, Enumerable.Range(0, n).Select(i => M(i, "itReduced")), 1),
                    Line("reduced GD, pullback metric", k, Enumerable.Range(0, n).Select(i => M(i, "itPullback")), 2),
                    Line("full GD, Armijo", k, Enumerable.Range(0, n).Select(i => M(i, "itArmijo")), 3),
                    Line("full GD, Jacobi-preconditioned", k, Enumerable.Range(0, n).Select(i => M(i, "itJacobi")), 4),
                    Line("alternating minimisation (exact blocks)", k, Enumerable.Range(0, n).Select(i => M(i, "itAlternating")), 5),
                ],
                Caption = "Iterations grow like κ·log(1/ε) for each gradient method; the reduction lowers κ most where the scale direction dominates β_f. "
                    + BaselineNote + " On E3 the w-block minimiser w = (XᵀX)⁻¹Xᵀy/s lands on the minimiser set s·w = θ* in one sweep, so alternating minimisation needs one iteration [derived].",
            });
            var ratio = Enumerable.Range(0, n).Select(i => Math.Exp(M(i, "logRatio"))).ToArray();
            var predicted = Enumerable.Range(0, n).Select(i => M(i, "kappaFull") / M(i, "kappaReduced")).ToArray();
            bool? within = ratio.Any(double.IsNaN) ? null : Enumerable.Range(0, n).All(i => ratio[i] / predicted[i] is >= 0.5 and <= 2);
            var wins = Enumerable.Range(0, n).Select(i => results.Points[i].Get("reducedWins")?.Mean ?? double.NaN).ToArray();
            bool? winHeld = wins.Any(double.IsNaN) ? null : wins.All(w => w >= 0.9);
            bool? condHeld = Enumerable.Range(0, n).Any(i => double.IsNaN(M(i, "kappaReduced"))) ? null
                : Enumerable.Range(0, n).All(i => M(i, "betaReduced") <= M(i, "betaFull") && M(i, "kappaReduced") < M(i, "kappaFull"));
            report.AddFigure(new Figure
            {
                Id = "reduction-ratio", Title = "Iteration ratio full/reduced vs κ_f/κ_F", XLabel = "cond(XᵀX)", YLabel = "ratio", LogX = true, LogY = true,
                Series =
                [
                    Line("measured iteration ratio (geometric mean)", k, ratio, 0),
                    Line("predicted κ_f/κ_F", k, predicted, 1, SeriesStyle.Line),
                ],
                Caption = Claim("β_F ≤ β_f and κ_F < κ_f at every condition number (claim 3)", condHeld, "see table") + " "
                    + Claim("median iteration ratio within a factor 2 of κ_f/κ_F (claim 4)", within, string.Join(", ", Enumerable.Range(0, n).Select(i => $"{F(ratio[i], "0.00")} vs {F(predicted[i], "0.00")}"))) + " "
                    + Claim("reduced GD needs fewer iterations than full GD on ≥ 90 % of starts (claim 4)", winHeld, "win fractions " + string.Join(", ", wins.Select(w => F(w, "0.00")))),
            });
            report.AddTable(new Table
            {
                Id = "reduction-curvature", Title = "Curvature at the minimiser and iteration counts",
                Columns = ["cond(XᵀX)", "β_f", "κ_f", "β_F", "κ_F (Euclidean)", "κ_F (pullback)", "it. full", "it. Armijo", "it. Jacobi", "it. alternating", "it. reduced", "it. pullback", "reduced wins", "baselines converged"],
                Rows = Enumerable.Range(0, n).Select(i => (IReadOnlyList<string>)[F(k[i]), G(M(i, "betaFull")), G(M(i, "kappaFull")), G(M(i, "betaReduced")),
                    G(M(i, "kappaReduced")), G(M(i, "kappaPullback")), F(M(i, "itFull"), "0"), F(M(i, "itArmijo"), "0"), F(M(i, "itJacobi"), "0"), F(M(i, "itAlternating"), "0"),
                    F(M(i, "itReduced"), "0"), F(M(i, "itPullback"), "0"), F(wins[i], "0.00"), F(M(i, "baselinesConverged"), "0.00")]).ToList(),
                Caption = "Mean iterations over starts. " + BaselineNote,
            });
            BuildProblemReport(results, report);
        }
    }
}
