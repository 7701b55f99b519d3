using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Reduction;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Tests.Reduction;

/// <summary>
/// Baselines of docs/optim-reduction.md (Armijo, Jacobi-preconditioned and alternating minimisation) on quadratics
/// with known answers, variant C (inexact argmin reduction) against the exact reduction, the Hessian products it relies on,
/// and the work counts of claim 5.
/// </summary>
public class ReductionBaselineTests
{
    /// <summary>f(x) = ½(x − x*)ᵀA(x − x*), split as x = (x[..n1], x[n1..]).</summary>
    private sealed class Quadratic(double[] a, double[] xStar, int n1) : ISplitObjective, IReduction, IBlockMinimizer
    {
        private readonly int _n = xStar.Length;

        public int N1 => n1;

        public int N2 => _n - n1;

        public bool IsArgmin => true;

        public bool HasJacobian => false;

        public double Evaluate(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
        {
            var e = Error(x1, x2);
            double v = 0;
            for (int i = 0; i < _n; i++) for (int j = 0; j < _n; j++) v += e[i] * a[i * _n + j] * e[j];
            return 0.5 * v;
        }

        public void Gradient(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, Span<double> g1, Span<double> g2)
        {
            var e = Error(x1, x2);
            for (int i = 0; i < _n; i++)
            {
                double s = 0;
                for (int j = 0; j < _n; j++) s += a[i * _n + j] * e[j];
                if (i < n1) g1[i] = s; else g2[i - n1] = s;
            }
        }

        // Ψ(x1) = x2* − A22⁻¹A21(x1 − x1*), x1-block analogue for MinimizeFirstBlock (both via MathNet).
        public void Psi(ReadOnlySpan<double> x1, Span<double> x2) => BlockSolve(x1, x2, first: false);

        public void MinimizeFirstBlock(ReadOnlySpan<double> x2, Span<double> x1) => BlockSolve(x2, x1, first: true);

        private void BlockSolve(ReadOnlySpan<double> other, Span<double> result, bool first)
        {
            int k0 = first ? 0 : n1, k1 = first ? n1 : _n, o0 = first ? n1 : 0;
            int nk = k1 - k0, no = _n - nk;
            var akk = Matrix<double>.Build.Dense(nk, nk, (i, j) => a[(k0 + i) * _n + k0 + j]);
            var rhs = Vector<double>.Build.Dense(nk);
            for (int i = 0; i < nk; i++)
            {
                double s = 0;
                for (int j = 0; j < no; j++) s += a[(k0 + i) * _n + o0 + j] * (other[j] - xStar[o0 + j]);
                rhs[i] = -s;
            }
            var d = akk.Solve(rhs);
            for (int i = 0; i < nk; i++) result[i] = xStar[k0 + i] + d[i];
        }

        private double[] Error(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
        {
            var e = new double[_n];
            for (int i = 0; i < n1; i++) e[i] = x1[i] - xStar[i];
            for (int i = n1; i < _n; i++) e[i] = x2[i - n1] - xStar[i];
            return e;
        }
    }

    private static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < u.Length; i++) s += u[i] * v[i];
        return s;
    }

    [Fact]
    public void JacobiGradientDescentSolvesADiagonalQuadraticInOneStep()
    {
        double[] d = [1, 10, 100, 1000];
        var a = new double[16];
        for (int i = 0; i < 4; i++) a[i * 5] = d[i];
        double[] xs = [1, -2, 3, 0.5];
        var q = new Quadratic(a, xs, 2);
        var r = ReducedGradientDescent.MinimizeFullJacobi(q, [0, 0], [0, 0], d,
            new DescentOptions { StepSize = 1, TargetValue = 0, RelativeTolerance = 1e-14, MaxIterations = 10 });
        // x − D⁻¹A(x − x*) = x* exactly in exact arithmetic; one rounding per entry (≤ 1 ulp of the O(1) values).
        Assert.Equal(1, r.Iterations);
        Assert.Equal(StopReason.Converged, r.Reason);
        for (int i = 0; i < 4; i++) Assert.Equal(xs[i], r.X[i], 1e-15);
        Assert.Equal(1, r.DirectionSolves);
        // Plain GD with its best step 1/β = 1/1000 needs ~κ·ln(1/ε) ≈ 1000·32 iterations instead: the conditioning Jacobi removes.
        var plain = ReducedGradientDescent.MinimizeFull(q, [0, 0], [0, 0], new DescentOptions { StepSize = 1e-3, TargetValue = 0, RelativeTolerance = 1e-14, MaxIterations = 100 });
        Assert.Equal(StopReason.MaxIterations, plain.Reason);
    }

    [Fact]
    public void ArmijoStepsSatisfySufficientDecreaseAndAreTheLargestTriedStep()
    {
        // SPD, non-diagonal, κ ≈ 60: backtracking is active on most steps from t0 = 1.
        double[] a = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 0.1];
        double[] xs = [1, 2, -1];
        var q = new Quadratic(a, xs, 1);
        var o = new DescentOptions { Rule = DescentStepRule.Armijo, StepSize = 1, ArmijoC = 1e-4, Shrink = 0.5, MaxIterations = 60 };
        var r = ReducedGradientDescent.MinimizeFull(q, [0], [0, 0], o);
        Assert.Equal(60, r.Steps.Count);
        var f = new ConcatenatedObjective(q);
        var x = new double[] { 0, 0, 0 };
        var g = new double[3]; var next = new double[3]; var longer = new double[3];
        bool shrunk = false;
        for (int k = 0; k < r.Steps.Count; k++)
        {
            double t = r.Steps[k], fx = f.Evaluate(x);
            f.Gradient(x, g);
            double gg = Dot(g, g);
            for (int i = 0; i < 3; i++) next[i] = x[i] - t * g[i];
            double ft = f.Evaluate(next);
            // Sufficient decrease f(x − tg) ≤ f(x) − c·t‖g‖² (the replayed iterate is computed exactly as the solver does).
            Assert.True(ft <= fx - o.ArmijoC * t * gg, $"iteration {k}");
            Assert.Equal(r.History[k + 1], ft);
            if (t < o.StepSize)
            {
                shrunk = true;
                // The previous trial 2t was rejected (t = t0·0.5^j is the first accepted step).
                for (int i = 0; i < 3; i++) longer[i] = x[i] - 2 * t * g[i];
                Assert.True(f.Evaluate(longer) > fx - o.ArmijoC * 2 * t * gg, $"iteration {k}");
            }
            next.CopyTo(x, 0);
        }
        Assert.True(shrunk);
        Assert.Equal(r.X, x);
        // Work counts: one gradient per iteration, one evaluation per trial plus the initial one.
        Assert.Equal(60, r.Gradients);
        Assert.Equal(1 + r.Steps.Sum(t => 1 + (int)Math.Round(Math.Log2(o.StepSize / t))), r.Evaluations);
    }

    [Fact]
    public void FixedStepWorkCountsAreOneEvaluationAndOneGradientPerIteration()
    {
        var p = ExponentialSumLeastSquares.SpecInstance();
        var o = new DescentOptions { StepSize = 1e-3, MaxIterations = 25 };
        var full = ReducedGradientDescent.MinimizeFull(p, [0.55, 1.4, 3.1], [1, -0.5, 2], o);
        Assert.Equal((26L, 25L, 0L), (full.Evaluations, full.Gradients, full.DirectionSolves));
        var pb = ReducedGradientDescent.Minimize(new ReducedObjective(p, p), [0.55, 1.4, 3.1], ReductionMetric.Pullback, o);
        Assert.Equal((26L, 25L, 25L), (pb.Evaluations, pb.Gradients, pb.DirectionSolves));
        // Flop model (derived by counting loops; m = 200, k = 3): evaluation 3mk + 2m, gradient 7mk + k.
        Assert.Equal(3 * 200 * 3 + 2 * 200, p.FlopsPerEvaluation);
        Assert.Equal(7 * 200 * 3 + 3, p.FlopsPerGradient);
        Assert.Equal(26 * p.FlopsPerEvaluation + 25 * p.FlopsPerGradient, p.EstimatedFlops(full, reduced: false));
        Assert.Equal(26 * (p.FlopsPerInnerSolve + p.FlopsPerEvaluation) + 25 * (p.FlopsPerGradient + 9) + 25 * p.FlopsPerPullbackDirection,
            p.EstimatedFlops(pb, reduced: true));
        // Householder QR of a 200×3 matrix with Qᵀy: Σ_j 4(m − j)(k − j + 1) = 3200 + 2388 + 1584, plus Φ (600) and back-substitution (9).
        Assert.Equal(600 + 3200 + 2388 + 1584 + 9, p.FlopsPerInnerSolve);
    }

    [Fact]
    public void AlternatingExactBlocksContractByTheGaussSeidelFactor()
    {
        // f = ½[a e1² + 2b e1 e2 + c e2²]: exact block minimisation is Gauss–Seidel, e1 ← (b²/(ac))·e1 per sweep, so the gap
        // F − F* = ½(a − b²/c)e1² contracts by ρ² = (b²/(ac))² per iteration (derived).
        double av = 2, bv = 1.5, cv = 3;
        var q = new Quadratic([av, bv, bv, cv], [0.7, -0.3], 1);
        var r = ReducedGradientDescent.MinimizeAlternating(q, q, [2.0], new DescentOptions { MaxIterations = 4, StepSize = 1 }, q);
        double rho = bv * bv / (av * cv);
        Assert.Equal(4, r.BlockMinimizations);
        for (int k = 0; k < 4; k++) Assert.Equal(rho * rho, r.History[k + 1] / r.History[k], 1e-10); // gaps ≥ 1e-4: rounding ≲ 1e-13 relative
    }

    [Fact]
    public void AlternatingGradientVariantIsEuclideanReducedDescent()
    {
        // Envelope identity: ∇_1 f(x1, Ψ(x1)) = ∇F(x1), so with the same step the two methods produce the same iterates (to rounding).
        double[] a = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2];
        var q = new Quadratic(a, [1, 2, -1], 2);
        var o = new DescentOptions { StepSize = 0.2, MaxIterations = 30 };
        var alt = ReducedGradientDescent.MinimizeAlternating(q, q, [0, 0], o);
        var red = ReducedGradientDescent.Minimize(new ReducedObjective(q, q), [0, 0], ReductionMetric.Euclidean, o);
        for (int k = 0; k <= 30; k++) Assert.Equal(red.History[k], alt.History[k], 1e-13);
        Assert.Equal(30, alt.Gradients);
    }

    [Fact]
    public void BlockMinimisersOfE2AndE3AreExact()
    {
        // E2: U = MV(VᵀV)⁻¹ at V = B gives A (M = ABᵀ); Cholesky of a 3×3 Gram matrix, errors ~1e-14 on O(1) entries.
        var e2 = new LowRankFactorization(30, 3, 5);
        var u = new double[90];
        e2.MinimizeFirstBlock(e2.FactorB, u);
        for (int i = 0; i < 90; i++) Assert.Equal(e2.FactorA[i], u[i], 1e-10);
        // E3: w = (XᵀX)⁻¹Xᵀy/s = θ*/s (cond(XᵀX) = 100: ≲ 1e-13 relative).
        var e3 = new ScaleSymmetricLeastSquares(100, 10, 100, 5);
        var w = new double[10];
        e3.MinimizeFirstBlock([2.0], w);
        for (int i = 0; i < 10; i++) Assert.Equal(e3.ThetaStar[i] / 2, w[i], 1e-10);
        Assert.Throws<ArithmeticException>(() => e3.MinimizeFirstBlock([0.0], w));
    }

    public static TheoryData<string> HessianProblems => new() { "E1", "E2" };

    [Theory]
    [MemberData(nameof(HessianProblems))]
    public void HessianProductsMatchCentralDifferencesAndAreAdjoint(string name)
    {
        ISplitObjective f = name == "E1" ? ExponentialSumLeastSquares.SpecInstance() : new LowRankFactorization(30, 3, 5);
        var h = (ISplitHessianProducts)f;
        int n1 = f.N1, n2 = f.N2;
        var rng = new Xoshiro256StarStar(42);
        double[] x1 = name == "E1" ? [0.55, 1.4, 3.1] : Enumerable.Range(0, n1).Select(_ => rng.NextGaussian()).ToArray();
        var x2 = Enumerable.Range(0, n2).Select(_ => rng.NextGaussian()).ToArray();
        var u = Enumerable.Range(0, n1).Select(_ => rng.NextGaussian()).ToArray();
        var v = Enumerable.Range(0, n2).Select(_ => rng.NextGaussian()).ToArray();
        var w = Enumerable.Range(0, n2).Select(_ => rng.NextGaussian()).ToArray();
        const double step = 1e-5;
        var g1 = new double[n1]; var gp = new double[n2]; var gm = new double[n2];
        double[] Shift(double[] x, double[] d, double s) => x.Zip(d, (a, b) => a + s * b).ToArray();
        // H22 v ≈ [∇_2 f(x1, x2 + hv) − ∇_2 f(x1, x2 − hv)]/2h; error O(h²·‖∇³f‖) ≈ 1e-9 relative.
        f.Gradient(x1, Shift(x2, v, step), g1, gp);
        f.Gradient(x1, Shift(x2, v, -step), g1, gm);
        var h22 = new double[n2];
        h.MultiplyH22(x1, x2, v, h22);
        double scale = h22.Max(Math.Abs);
        for (int i = 0; i < n2; i++) Assert.True(Math.Abs(h22[i] - (gp[i] - gm[i]) / (2 * step)) <= 1e-6 * scale, $"H22[{i}]");
        // H21 u ≈ [∇_2 f(x1 + hu, x2) − ∇_2 f(x1 − hu, x2)]/2h.
        f.Gradient(Shift(x1, u, step), x2, g1, gp);
        f.Gradient(Shift(x1, u, -step), x2, g1, gm);
        var h21 = new double[n2];
        h.MultiplyH21(x1, x2, u, h21);
        scale = h21.Max(Math.Abs);
        for (int i = 0; i < n2; i++) Assert.True(Math.Abs(h21[i] - (gp[i] - gm[i]) / (2 * step)) <= 1e-6 * scale, $"H21[{i}]");
        // Adjoint: ⟨w, H21 u⟩ = ⟨H12 w, u⟩ to rounding (sums of n² products: 1e-12 relative).
        var h12 = new double[n1];
        h.MultiplyH12(x1, x2, w, h12);
        double lhs = Dot(w, h21), rhs = Dot(h12, u);
        Assert.Equal(lhs, rhs, 1e-12 * Math.Max(1, Math.Abs(lhs)));
    }

    [Fact]
    public void InexactInnerSolveMeetsItsToleranceBound()
    {
        // ‖c̃ − c‖ ≤ ‖H22⁻¹‖·‖∇_2 f(a, c̃)‖ ≤ tol_in·‖∇_2 f(a, 0)‖/λ_min(ΦᵀΦ) (derived), plus QR rounding ~1e-12 relative.
        var p = ExponentialSumLeastSquares.SpecInstance();
        double[] a = [0.55, 1.4, 3.1];
        var exact = new double[3];
        p.Psi(a, exact);
        var h22 = Matrix<double>.Build.Dense(3, 3);
        var e = new double[3]; var col = new double[3];
        for (int j = 0; j < 3; j++)
        {
            Array.Clear(e); e[j] = 1;
            p.MultiplyH22(a, exact, e, col);
            for (int i = 0; i < 3; i++) h22[i, j] = col[i];
        }
        double lambdaMin = h22.Evd().EigenValues.Min(z => z.Real);
        var g1 = new double[3]; var g20 = new double[3];
        p.Gradient(a, new double[3], g1, g20);
        foreach (double tol in new[] { 1e-4, 1e-8, 1e-10 })
        {
            var inexact = new InexactReducedObjective(p, p, tol);
            var c = new double[3];
            inexact.Psi(a, c);
            double err = Math.Sqrt(c.Zip(exact, (x, y) => (x - y) * (x - y)).Sum());
            double bound = tol * Math.Sqrt(Dot(g20, g20)) / lambdaMin + 1e-12 * Math.Sqrt(Dot(exact, exact));
            Assert.True(err <= bound, $"tol {tol}: error {err} > bound {bound}");
            Assert.True(inexact.InnerIterations > 0);
        }
    }

    [Fact]
    public void InexactReductionWithSmallToleranceFollowsTheExactIterates()
    {
        // With tol_in = 1e-13 the inner solution differs from the QR solution by ≲ 1e-9 (bound above), and fixed-step descent
        // with a contraction ≤ 1 carries this forward additively: after 200 steps the iterates agree to ~1e-7 relative.
        var p = ExponentialSumLeastSquares.SpecInstance();
        double[] a0 = [0.55, 1.4, 3.1];
        var o = new DescentOptions { StepSize = 0.5, MaxIterations = 200 };
        var exact = ReducedGradientDescent.Minimize(new ReducedObjective(p, p), a0, ReductionMetric.Euclidean, o);
        var inexact = ReducedGradientDescent.Minimize(new InexactReducedObjective(p, p, 1e-13), a0, ReductionMetric.Euclidean, o);
        for (int i = 0; i < 3; i++) Assert.Equal(exact.X[i], inexact.X[i], 1e-7);
        Assert.True(inexact.InnerIterations > 0);
        // Pullback: G⁻¹ by nested CG (to 1e-13 relative) instead of the dense Jacobian and Cholesky.
        var ob = o with { StepSize = 0.1, MaxIterations = 100 };
        var exactPb = ReducedGradientDescent.Minimize(new ReducedObjective(p, p), a0, ReductionMetric.Pullback, ob);
        var inexactPb = ReducedGradientDescent.Minimize(new InexactReducedObjective(p, p, 1e-13), a0, ReductionMetric.Pullback, ob);
        for (int i = 0; i < 3; i++) Assert.Equal(exactPb.X[i], inexactPb.X[i], 1e-7);
        for (int k = 0; k <= 100; k++) Assert.Equal(exactPb.History[k], inexactPb.History[k], 1e-9 * exactPb.History[0]);
        Assert.Equal(100, inexactPb.DirectionSolves);
    }

    [Fact]
    public void InexactReductionOnE2MatchesTheExactOne()
    {
        var p = new LowRankFactorization(30, 3, 5);
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(3, 0x5EED));
        var u0 = p.FactorA.Select(v => v + 0.1 * rng.NextGaussian()).ToArray();
        var o = new DescentOptions { StepSize = 1.0 / 50, MaxIterations = 20 };
        var exact = ReducedGradientDescent.Minimize(new ReducedObjective(p, p), u0, ReductionMetric.Pullback, o);
        var inexact = ReducedGradientDescent.Minimize(new InexactReducedObjective(p, p, 1e-12), u0, ReductionMetric.Pullback, o);
        // E2's H22 = I ⊗ UᵀU is well conditioned: CG errors ~1e-12 relative, carried over 20 steps.
        for (int i = 0; i < u0.Length; i++) Assert.Equal(exact.X[i], inexact.X[i], 1e-8);
    }

    [Fact]
    public void BadBaselineArgumentsAreRejected()
    {
        var q = new Quadratic([1, 0, 0, 1], [0, 0], 1);
        var o = new DescentOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => ReducedGradientDescent.MinimizeFullJacobi(q, [0], [0], [1, -1], o));
        Assert.Throws<ArgumentException>(() => ReducedGradientDescent.MinimizeFullJacobi(q, [0], [0], [1], o));
        Assert.Throws<ArgumentException>(() => ReducedGradientDescent.MinimizeAlternating(q, q, [0, 0], o));
        Assert.Throws<ArgumentOutOfRangeException>(() => CurvatureDiagnostics.DiagonallyScaled([1, 0, 0, 1], [1, 0]));
        var p = ExponentialSumLeastSquares.SpecInstance();
        Assert.Throws<ArgumentOutOfRangeException>(() => new InexactReducedObjective(p, p, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InexactReducedObjective(p, p, 1e-10, 0));
        Assert.Throws<ArgumentException>(() => new InexactReducedObjective(p, p, initialX2: [1.0]));
    }
}
