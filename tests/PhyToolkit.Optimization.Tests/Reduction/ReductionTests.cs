using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Reduction;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Tests.Reduction;

/// <summary>Unit checks and claims 1–4 of docs/optim-reduction.md on the scale-symmetric problem E3.</summary>
public class ReductionTests
{
    private static double[] Start(ScaleSymmetricLeastSquares p, ref Xoshiro256StarStar rng)
    {
        var xs = p.ThetaStar.Append(1.0).ToArray();
        double r = 0.1 * Math.Sqrt(xs.Sum(v => v * v)) / Math.Sqrt(xs.Length);
        var x0 = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++) x0[i] = xs[i] + r * rng.NextGaussian();
        return x0;
    }

    [Fact]
    public void EnvelopeIdentityAndChainRuleAgree()
    {
        var p = new ScaleSymmetricLeastSquares(100, 10, 10, 5);
        var F = new ReducedObjective(p, p);
        var rng = new Xoshiro256StarStar(1);
        var w = Start(p, ref rng)[..10];
        var envelope = new double[10];
        F.Gradient(w, envelope);
        // Chain rule ∇_1 f + DΨᵀ∇_2 f with the analytic Jacobian: ∇_2 f(Φ) = 0 up to round-off, so both agree to 1e-10 relative.
        var s = new double[1]; p.Psi(w, s);
        var g1 = new double[10]; var g2 = new double[1]; var jac = new double[10];
        p.Gradient(w, s, g1, g2); p.Jacobian(w, jac);
        Assert.True(Math.Abs(g2[0]) < 1e-10 * (1 + g1.Max(Math.Abs)));
        double scale = envelope.Max(Math.Abs);
        for (int i = 0; i < 10; i++) Assert.True(Math.Abs(envelope[i] - (g1[i] + jac[i] * g2[0])) <= 1e-10 * scale);
        // Envelope gradient vs central differences of F (h = 1e-6: truncation O(h²), round-off ~1e-10/h): 1e-7 absolute.
        for (int i = 0; i < 10; i++)
        {
            var wp = (double[])w.Clone(); wp[i] += 1e-6;
            var wm = (double[])w.Clone(); wm[i] -= 1e-6;
            Assert.Equal((F.Evaluate(wp) - F.Evaluate(wm)) / 2e-6, envelope[i], 7);
        }
        // Analytic DΨ vs central differences of Ψ: 1e-7 absolute for the same reason.
        for (int i = 0; i < 10; i++)
        {
            var wp = (double[])w.Clone(); wp[i] += 1e-6;
            var wm = (double[])w.Clone(); wm[i] -= 1e-6;
            var sp = new double[1]; var sm = new double[1];
            p.Psi(wp, sp); p.Psi(wm, sm);
            Assert.Equal((sp[0] - sm[0]) / 2e-6, jac[i], 7);
        }
    }

    [Fact]
    public void ReducedHessianIsTheSchurComplement()
    {
        var p = new ScaleSymmetricLeastSquares(100, 10, 10, 5);
        var F = new ReducedObjective(p, p);
        var xs = p.ThetaStar.Append(1.0).ToArray();
        var H = CurvatureDiagnostics.Hessian(new ConcatenatedObjective(p), xs);
        var HF = CurvatureDiagnostics.Hessian(F, p.ThetaStar);
        int n = 10;
        double h22 = H[n * 11 + n];
        double maxAbs = HF.Max(Math.Abs);
        // Spec claim 2: ∇²F = H11 − H12 H22⁻¹ H21 at the minimiser; FD Hessians (h = 1e-5) are accurate to ~1e-9, assert 1e-5 relative.
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double schur = H[i * 11 + j] - H[i * 11 + n] * H[n * 11 + j] / h22;
                Assert.True(Math.Abs(HF[i * n + j] - schur) <= 1e-5 * maxAbs, $"({i},{j}): {HF[i * n + j]} vs {schur}");
            }
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(30.0)]
    public void ReductionImprovesConditioningAndIterationCounts(double gramCondition)
    {
        var p = new ScaleSymmetricLeastSquares(100, 10, gramCondition, 5);
        var F = new ReducedObjective(p, p);
        var xs = p.ThetaStar.Append(1.0).ToArray();
        var cf = CurvatureDiagnostics.Summarize(CurvatureDiagnostics.Hessian(new ConcatenatedObjective(p), xs));
        var hF = CurvatureDiagnostics.Hessian(F, p.ThetaStar);
        var cF = CurvatureDiagnostics.Summarize(hF);
        var G = new double[100]; F.PullbackMetric(p.ThetaStar, G);
        var cP = CurvatureDiagnostics.SummarizeInMetric(hF, G);
        // The minimisers form a curve (s·w = θ*) and F is scale-invariant: exactly one null direction in each Hessian.
        Assert.Equal(1, cf.Nullity);
        Assert.Equal(1, cF.Nullity);
        // Spec claim 3: β_F ≤ β_f and κ_F < κ_f (Euclidean and pullback).
        Assert.True(cF.Beta <= cf.Beta && cF.Kappa < cf.Kappa && cP.Kappa < cf.Kappa);
        var rng = new Xoshiro256StarStar(9);
        var ratios = new List<double>();
        int wins = 0;
        for (int s = 0; s < 10; s++)
        {
            var x0 = Start(p, ref rng);
            var o = new DescentOptions { StepSize = 1 / cf.Beta, MaxIterations = 100_000, TargetValue = 0 };
            var full = ReducedGradientDescent.MinimizeFull(p, x0.AsSpan(0, 10), x0.AsSpan(10), o);
            var red = ReducedGradientDescent.Minimize(F, x0.AsSpan(0, 10), ReductionMetric.Euclidean, o with { StepSize = 1 / cF.Beta });
            Assert.Equal(StopReason.Converged, full.Reason);
            Assert.Equal(StopReason.Converged, red.Reason);
            if (red.Iterations < full.Iterations) wins++;
            ratios.Add((double)full.Iterations / red.Iterations);
        }
        ratios.Sort();
        double median = 0.5 * (ratios[4] + ratios[5]), predicted = cf.Kappa / cF.Kappa;
        // Spec claim 4: reduced GD wins on ≥ 9 of 10 starts and the median iteration ratio is within a factor 2 of κ_f/κ_F.
        Assert.True(wins >= 9, $"wins {wins}");
        Assert.InRange(median / predicted, 0.5, 2.0);
    }

    [Fact]
    public void PullbackAndArmijoRunsConverge()
    {
        var p = new ScaleSymmetricLeastSquares(100, 10, 10, 5);
        var F = new ReducedObjective(p, p);
        var rng = new Xoshiro256StarStar(3);
        var x0 = Start(p, ref rng);
        var o = new DescentOptions { Rule = DescentStepRule.Armijo, StepSize = 4, MaxIterations = 20_000, TargetValue = 0 };
        var r = ReducedGradientDescent.Minimize(F, x0.AsSpan(0, 10), ReductionMetric.Pullback, o);
        Assert.Equal(StopReason.Converged, r.Reason);
        // Armijo guarantees monotone decrease of the objective.
        for (int k = 1; k < r.History.Count; k++) Assert.True(r.History[k] <= r.History[k - 1]);
        // Converged to relative suboptimality 1e-8: s·w is θ* to ~1e-4 relative (suboptimality is quadratic in the error).
        var s = new double[1]; p.Psi(r.X, s);
        for (int i = 0; i < 10; i++) Assert.Equal(p.ThetaStar[i], s[0] * r.X[i], 2);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var p = new ScaleSymmetricLeastSquares(20, 3, 2, 1);
        var F = new ReducedObjective(p, p);
        Assert.Throws<ArgumentException>("x1", () => ReducedGradientDescent.Minimize(F, new double[2], ReductionMetric.Euclidean, new DescentOptions()));
        Assert.Throws<ArgumentOutOfRangeException>("StepSize", () => ReducedGradientDescent.Minimize(F, new double[3], ReductionMetric.Euclidean, new DescentOptions { StepSize = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>("rows", () => new ScaleSymmetricLeastSquares(2, 3, 2, 1));
    }
}
