using PhyToolkit.Scenarios.Tests.Optimizers;

namespace PhyToolkit.Scenarios.Tests.Optimizers.Reduction;

/// <summary>The scenario at --quick scale: the claims its docs page expects to hold at that scale (soft "paper direction" claims are reported in the captions, not asserted).</summary>
public class ReductionScenarioTests
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
        // Baselines (docs/optim-reduction.md) on E1–E3 and variant C on E1/E2.
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
}
