namespace PhyToolkit.Scenarios.Tests.Optimizers;

/// <summary>The managed (no TorchSharp) optimiser scenarios at --quick scale: claims the specs expect to hold at that scale.</summary>
public class ManagedOptimizerScenarioTests
{
    [Fact]
    public void ReductionScenarioShowsFewerIterationsTrackingTheConditionRatio()
    {
        using var run = new QuickRun("optim-reduction");
        run.AssertFigures("reduction-iterations", "reduction-ratio", "reduction-e1-iterations", "reduction-e2-iterations", "reduction-e4-iterations");
        Assert.Contains("reduction-problems-curvature", run.Html);
        Assert.Contains("reduction-locality", run.Html);
        int checkedRatios = 0;
        foreach (var p in run.Results.Points.Where(q => !q.Point.Has("problem")))
        {
            string l = p.Point.Label;
            // Claims 1–2 on E3: envelope term at round-off (≤ 1e-8 relative) and the Schur identity to 1e-5 relative.
            Assert.Equal(1.0, run.Mean(l, "envelopeOk"));
            Assert.True(run.Mean(l, "schurErr") <= 1e-5, l);
            // Claim 3 (exact curvature statement up to FD error ~1e-9): β_F ≤ β_f and κ_F < κ_f.
            Assert.True(run.Mean(l, "betaReduced") <= run.Mean(l, "betaFull") && run.Mean(l, "kappaReduced") < run.Mean(l, "kappaFull"), l);
            // Claim 4: reduced GD wins on ≥ 90 % of starts (10 starts per point at --quick).
            Assert.True(run.Mean(l, "reducedWins") >= 0.9, l);
            Assert.Equal(1.0, run.Mean(l, "converged"));
            // Claim 4: iteration ratio within a factor 2 of κ_f/κ_F, where the κ·log(1/ε) model applies (κ_F ≥ 2; at κ_F ≈ 1
            // the reduced problem is solved in a few steps and the ratio is set by log(1/ε) alone).
            if (run.Mean(l, "kappaReduced") < 2) continue;
            double ratio = Math.Exp(run.Mean(l, "logRatio")), predicted = run.Mean(l, "kappaFull") / run.Mean(l, "kappaReduced");
            Assert.InRange(ratio / predicted, 0.5, 2.0);
            checkedRatios++;
        }
        Assert.True(checkedRatios >= 4);
        foreach (var l in new[] { "E1", "E2", "E4" })
        {
            // Claims 1–2 (E4: same identities, reported): exact argmin reductions, FD Hessians good to ~1e-9.
            Assert.Equal(1.0, run.Mean(l, "envelopeOk"));
            Assert.True(run.Mean(l, "schurErr") <= 1e-5, l);
            // Claim 3 holds on every problem (Euclidean and pullback): deterministic curvature at x*.
            Assert.True(run.Mean(l, "betaReduced") <= run.Mean(l, "betaFull") && run.Mean(l, "kappaReduced") < run.Mean(l, "kappaFull"), l);
            Assert.True(run.Mean(l, "kappaPullback") < run.Mean(l, "kappaFull"), l);
            // Reduced runs converge at the spec radius (E1's full GD may hit the quick cap; that is reported, not asserted).
            Assert.Equal(1.0, run.Mean(l, "convReduced"));
            Assert.Equal(1.0, run.Mean(l, "convPullback"));
        }
        // E2: minimisers form the GL(3) orbit (null dimension 9) and claim 4 holds (≥ 90 % wins).
        Assert.Equal(9.0, run.Mean("E2", "nullFull"));
        Assert.True(run.Mean("E2", "reducedWins") >= 0.9);
        // E1 at --quick runs the 1 configured start only; the captions state each claim's outcome either way.
        Assert.Equal(1, run.Results.Points.Single(q => q.Point.Label == "E1").Curve("itFullPerStart")!.Count);
        // Claim 5 is judged on deterministic work counts; no wall-clock metric may reach results.csv.
        Assert.Contains("claim 5 (work model)", run.Html);
        Assert.DoesNotContain(run.Results.Points.SelectMany(p => p.Metrics.Keys), k => k.StartsWith("ms", StringComparison.Ordinal));
        Assert.True(run.Mean("E1", "flopsFull") > 0 && run.Mean("E1", "flopsReduced") > 0);
        // Baselines (spec §1.3) on E1–E3 and variant C on E1/E2.
        Assert.Contains("reduction-baselines", run.Html);
        Assert.Contains("reduction-inexact", run.Html);
        foreach (var tag in new[] { "Armijo", "Jacobi", "Alternating", "Inexact", "InexactPullback" })
            Assert.Equal(1.0, run.Mean("E2", "conv" + tag));
        // E2 is noise-free with exact rank 3: one ALS sweep puts U in range(M), so F = 0 after one iteration [derived].
        Assert.Equal(1.0, run.Mean("E2", "itAlternating"));
        // E3: the w-block minimiser lands on s·w = θ* in one sweep [derived].
        foreach (var p in run.Results.Points.Where(q => !q.Point.Has("problem")))
            Assert.Equal(1.0, run.Mean(p.Point.Label, "itAlternating"));
        // Variant C with tol_in = 1e-10: its iterates differ from the exact ones by ~1e-10, so the stopping iteration may move
        // by at most one on these well-conditioned E2 runs (mean over 10 starts).
        Assert.InRange(run.Mean("E2", "itInexact") - run.Mean("E2", "itReduced"), -1.0, 1.0);
        Assert.InRange(run.Mean("E2", "itInexactPullback") - run.Mean("E2", "itPullback"), -1.0, 1.0);
        Assert.True(run.Mean("E2", "innerInexact") > 0);
        Assert.Contains("Claim 6 is recorded, not asserted", run.Html);
    }

    [Fact]
    public void ZerothOrderScenarioMatchesTheMomentTheory()
    {
        using var run = new QuickRun("optim-zeroth-order");
        run.AssertFigures("zo-moments", "zo-sgd", "zo-scaling");
        string[] samplers = ["gaussian", "sphere", "rademacher", "dap-oracle"];
        foreach (int d in new[] { 10, 50, 200 })
        {
            for (int s = 0; s < 4; s++)
            {
                var m = run.Metric($"moments/d={d}/{samplers[s]}", "secondMoment");
                double theory = s == 0 ? d + 2 : d;
                // Z1: within 5 % (spec), widened to 4 standard errors of the 5-seed mean where that is larger.
                Assert.True(Math.Abs(m.Mean - theory) <= Math.Max(0.05 * theory, 4 * m.StdError), $"{samplers[s]} d={d}: {m.Mean} vs {theory}");
            }
            // Z2: oracle DAP has no error along the gradient (round-off only); Gaussian ≈ 2, sphere ≈ (2d − 2)/(d + 2), 10 % or 4 SE.
            Assert.True(run.Mean($"moments/d={d}/dap-oracle", "alongVariance") < 1e-10);
            var g = run.Metric($"moments/d={d}/gaussian", "alongVariance");
            Assert.True(Math.Abs(g.Mean - 2) <= Math.Max(0.2, 4 * g.StdError), $"Gaussian d={d}: {g.Mean}");
            var sp = run.Metric($"moments/d={d}/sphere", "alongVariance");
            double ths = (2.0 * d - 2) / (d + 2);
            Assert.True(Math.Abs(sp.Mean - ths) <= Math.Max(0.1 * ths, 4 * sp.StdError), $"sphere d={d}: {sp.Mean}");
            // Z3: the oracle-DAP cosine exceeds the sphere cosine (theory ratio ≈ √(π/2) ≈ 1.25, many SE apart at 10⁴ draws).
            Assert.True(run.Mean($"moments/d={d}/dap-oracle", "cosine") > run.Mean($"moments/d={d}/sphere", "cosine"));
        }
        // Logistic ZO-SGD (third R2 problem): f stays above f* (finite log gap) and every sampler at η = 1e-2 more than halves the
        // gap in the run (measured ≈ e^-2.5; the bound only guards against a wrong f* or a broken estimator).
        foreach (string s in new[] { "gaussian", "sphere", "dap-oracle", "dap-ema" })
        {
            double lg = run.Mean($"zo-sgd/logistic/{s}/lr=0.01", "logRelGap");
            Assert.True(double.IsFinite(lg) && lg < Math.Log(0.5), $"{s}: log gap {lg}");
        }
        // Z6: iterations to 1e-3 of the gap grow about linearly in d (slope in [0.7, 1.3]).
        int[] dims = [25, 50, 100, 200];
        double slope = QuickRun.Slope(dims.Select(v => (double)v).ToList(), dims.Select(d => Math.Log(run.Mean($"scaling/d={d}", "iterationsTo1e-3"))).ToList());
        Assert.InRange(slope, 0.7, 1.3);
    }

    [Fact]
    public void HierarchicalScenarioShowsTheNoiseAdaptiveRates()
    {
        using var run = new QuickRun("optim-hierarchical");
        run.AssertFigures("rate-vs-noise", "methods-vs-noise", "knee-vs-noise", "tuning-vs-noise", "tracking-vs-noise", "app-m2", "app-b2", "app-b3");
        // Claims 2, 3, 6 and the data-driven problems each have a verdict computed from the run (AssertFigures checks the vocabulary).
        var claims = run.Claims();
        foreach (string id in new[] { "M1-2", "B1-2", "M1-3", "B1-3", "M1-6", "B1-6", "M2", "B2", "B3" }) Assert.True(claims.ContainsKey(id), id);
        // Every tuning point ran its 25-cell grid; the σ = 0 B1 tracking ratio is finite (z-history recorded).
        foreach (var prob in new[] { "minimax", "bilevel" })
            Assert.Equal(25, run.Results.Points.Single(q => q.Point.Label == $"tuning/{prob}/σ=1").Metrics.Keys.Count(k => k.StartsWith("logErrGrid_", StringComparison.Ordinal)));
        Assert.True(double.IsFinite(run.CurveMean("bilevel/Ada/σ=0", "logTrackZ", 10000)));
        // The data-driven problems produce finite exact ‖∇Φ‖ histories for every method and oracle.
        foreach (var p in run.Results.Points.Where(q => q.Point.Label.StartsWith('M') || q.Point.Label.StartsWith('B')))
            Assert.True(double.IsFinite(run.CurveMean(p.Point.Label, "logErr", 300)), p.Point.Label);
        int[] small = [100, 200, 500, 1000, 2000, 5000, 10000], large = [1000, 2000, 5000, 10000];
        double Slope(string label, int[] hs) => QuickRun.Slope(hs.Select(h => (double)h).ToList(), hs.Select(h => run.CurveMean(label, "logErr", h)).ToList());
        // Claim 1 (±0.1 as in the spec): deterministic bilevel slope −0.5 over [10², 10⁴]; noisy slopes −0.25 at σ = 1 over [10³, 10⁴].
        Assert.InRange(Slope("bilevel/Ada/σ=0", small), -0.6, -0.4);
        Assert.InRange(Slope("minimax/Ada/σ=1", large), -0.35, -0.15);
        Assert.InRange(Slope("bilevel/Ada/σ=1", large), -0.35, -0.15);
        foreach (var prob in new[] { "minimax", "bilevel" })
        {
            // Claim 5: error(4σ)/error(σ) ∈ [1.5, 2.7] at T = 10⁴.
            double ratio = Math.Exp(run.CurveMean($"{prob}/Ada/σ=1", "logErr", 10000) - run.CurveMean($"{prob}/Ada/σ=0.25", "logErr", 10000));
            Assert.InRange(ratio, 1.5, 2.7);
            // Claim 4: NSGD-M with σ = 1 constants is ≥ 5× worse than Ada without noise.
            Assert.True(run.CurveMean($"{prob}/Nsgdm/σ=0", "logErr", 10000) - run.CurveMean($"{prob}/Ada/σ=0", "logErr", 10000) >= Math.Log(5));
        }
    }
}
