using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Correlation;

public class RisEffectiveCovarianceTests
{
    private const int M = 4, N = 9;

    /// <summary>The docs/fa-plkg.md set-up at small size: 2×2 UPA (L_d = 4), 3×3 RIS (L_r = 4), L_G = 2, β_d = 0.1, β_r = 1.</summary>
    private static (RisEffectiveCovariance Model, Complex[] Rd, Complex[] H, Complex[] Rr, Complex[] Phases) Build(ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var upa = new UniformPlanarArray(2, 2, 3);
        var ris = new RisPanel(3, 3);
        var rd = new Complex[M * M];
        new FieldResponseCovariance(PathGeometry.Sample(4, ref rng)).Covariance(upa.Positions, rd);
        var rr = new Complex[N * N];
        new FieldResponseCovariance(PathGeometry.Sample(4, ref rng)).Covariance(ris.Positions, rr);
        var h = new Complex[M * N];
        RisLinkSampler.SampleRisToAlice(upa.Positions, ris.Positions, 2, ref rng, h);
        var phases = new Complex[N];
        for (int i = 0; i < N; i++) phases[i] = Complex.FromPolarCoordinates(1, 2 * Math.PI * rng.NextDouble());
        return (new RisEffectiveCovariance(M, N, rd, 0.1, h, rr, 1.0), rd, h, rr, phases);
    }

    [Fact]
    public void EvaluateEqualsDenseReference()
    {
        var (model, rd, h, rr, phases) = Build(1);
        var r = new Complex[M * M];
        model.Evaluate(phases, r);
        var phi = Matrix<Complex>.Build.DenseOfDiagonalArray(phases);
        var hm = TestHelpers.ToMatrix(h, M, N);
        var reference = 0.1 * TestHelpers.ToMatrix(rd, M, M) + hm * phi * TestHelpers.ToMatrix(rr, N, N) * phi.ConjugateTranspose() * hm.ConjugateTranspose();
        Assert.True(TestHelpers.MaxAbsDiff(r, TestHelpers.ToArray(reference)) < 1e-12);
        Assert.True(TestHelpers.HermitianDefect(r, M) < 1e-13);
        Assert.True(TestHelpers.Eigenvalues(r, M)[0] > -1e-12);
    }

    [Fact]
    public void PhaseRotationDerivativeMatchesCentralDifferences()
    {
        var (model, _, _, _, phases) = Build(2);
        var analytic = new Complex[M * M];
        var plus = new Complex[M * M];
        var minus = new Complex[M * M];
        const double h = 1e-6; // R is a trigonometric polynomial in θ with O(1) derivatives: truncation ~1e-12
        for (int n = 0; n < N; n++)
        {
            model.PhaseRotationDerivative(phases, n, analytic);
            var q = (Complex[])phases.Clone();
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, h); model.Evaluate(q, plus);
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, -h); model.Evaluate(q, minus);
            var fd = new Complex[M * M];
            for (int i = 0; i < fd.Length; i++) fd[i] = (plus[i] - minus[i]) / (2 * h);
            var diff = new Complex[M * M];
            for (int i = 0; i < fd.Length; i++) diff[i] = fd[i] - analytic[i];
            Assert.True(TestHelpers.FrobeniusNorm(diff) < 1e-6 * TestHelpers.FrobeniusNorm(analytic), $"n = {n}");
        }
    }

    [Fact]
    public void PhaseGradientMatchesFiniteDifferencesOfLogDet()
    {
        // f(φ) = log det(R_eff(φ) + σ² I), G = (R_eff + σ² I)⁻¹; df = 2 Re Σ conj(∂f/∂φ*) dφ ⇒
        // ∂f/∂Re φ_n = 2 Re g_n and ∂f/∂Im φ_n = 2 Im g_n (docs/fa-plkg.md(e) Wirtinger convention).
        var (model, _, _, _, phases) = Build(3);
        const double s2 = 0.5;
        double F(Complex[] ph) { var r = new Complex[M * M]; model.Evaluate(ph, r); return TestHelpers.LogDet(r, M, s2).Value; }
        var r0 = new Complex[M * M];
        model.Evaluate(phases, r0);
        var (_, g) = TestHelpers.LogDet(r0, M, s2);
        var grad = new Complex[N];
        model.PhaseGradient(phases, g, grad);
        var angle = new double[N];
        model.PhaseAngleGradient(phases, g, angle);
        const double h = 1e-6;
        double num = 0, den = 0;
        for (int n = 0; n < N; n++)
        {
            var q = (Complex[])phases.Clone();
            q[n] = phases[n] + h; double fpr = F(q); q[n] = phases[n] - h; double fmr = F(q);
            q[n] = phases[n] + new Complex(0, h); double fpi = F(q); q[n] = phases[n] - new Complex(0, h); double fmi = F(q);
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, h); double fpa = F(q);
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, -h); double fma = F(q);
            double dRe = (fpr - fmr) / (2 * h), dIm = (fpi - fmi) / (2 * h), dTheta = (fpa - fma) / (2 * h);
            num += Sq(dRe - 2 * grad[n].Real) + Sq(dIm - 2 * grad[n].Imaginary) + Sq(dTheta - angle[n]);
            den += Sq(dRe) + Sq(dIm) + Sq(dTheta);
        }
        // Central differences with h = 1e-6 on O(1) smooth f: error ~1e-11 + round-off ε/h ~ 1e-10.
        Assert.True(Math.Sqrt(num / den) < 1e-6, $"relative error {Math.Sqrt(num / den):E2}");
    }

    [Fact]
    public void PhaseGradientEqualsSpecFormulaForHermitianSensitivity()
    {
        // docs/fa-plkg.md(e): ∂f/∂φ* = β_r [(H_ARᴴ Γ H_AR) ∘ R_rᵀ] φ, evaluated densely with MathNet.
        var (model, _, h, rr, phases) = Build(4);
        var x = TestHelpers.ToMatrix(TestHelpers.RandomComplex(M * M, 5), M, M);
        var gamma = x + x.ConjugateTranspose();
        var grad = new Complex[N];
        model.PhaseGradient(phases, TestHelpers.ToArray(gamma), grad);
        var hm = TestHelpers.ToMatrix(h, M, N);
        var b = hm.ConjugateTranspose() * gamma * hm;
        var reference = b.PointwiseMultiply(TestHelpers.ToMatrix(rr, N, N).Transpose()) * MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.DenseOfArray(phases);
        for (int n = 0; n < N; n++) Assert.True((grad[n] - reference[n]).Magnitude < 1e-12 * (1 + reference[n].Magnitude));
    }

    [Fact]
    public void NonHermitianSensitivityFollowsRealTraceConvention()
    {
        // f(φ) = Re tr(G₀ R_eff(φ)) for a fixed non-Hermitian G₀: the angle gradient must match finite differences.
        var (model, _, _, _, phases) = Build(6);
        var g0 = TestHelpers.RandomComplex(M * M, 7);
        double F(Complex[] ph)
        {
            var r = new Complex[M * M]; model.Evaluate(ph, r);
            Complex tr = 0; for (int a = 0; a < M; a++) for (int c = 0; c < M; c++) tr += g0[a * M + c] * r[c * M + a];
            return tr.Real;
        }
        var angle = new double[N];
        model.PhaseAngleGradient(phases, g0, angle);
        const double h = 1e-6;
        for (int n = 0; n < N; n++)
        {
            var q = (Complex[])phases.Clone();
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, h); double fp = F(q);
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, -h); double fm = F(q);
            Assert.True(Math.Abs((fp - fm) / (2 * h) - angle[n]) < 1e-6 * (1 + Math.Abs(angle[n])), $"n = {n}");
        }
    }

    [Fact]
    public void BadInputsThrow()
    {
        var rd = new Complex[4]; var h = new Complex[6]; var rr = new Complex[9];
        Assert.Equal("risToAlice", Assert.Throws<ArgumentException>(() => new RisEffectiveCovariance(2, 3, rd, 0.1, new Complex[5], rr, 1)).ParamName);
        Assert.Equal("directGain", Assert.Throws<ArgumentOutOfRangeException>(() => new RisEffectiveCovariance(2, 3, rd, -1, h, rr, 1)).ParamName);
        var model = new RisEffectiveCovariance(2, 3, rd, 0.1, h, rr, 1);
        Assert.Equal("phases", Assert.Throws<ArgumentException>(() => model.Evaluate(new Complex[2], new Complex[4])).ParamName);
    }

    private static double Sq(double x) => x * x;

    [Fact]
    public void ExpectedTraceWithRandomPhasesMatchesMonteCarlo()
    {
        var (model, rd, h, rr, _) = Build(3);
        // Closed form written out independently: β_d tr R_d + β_r Σ_n (R_r)_nn ‖H[:, n]‖².
        double closed = 0;
        for (int a = 0; a < M; a++) closed += 0.1 * rd[a * M + a].Real;
        for (int n = 0; n < N; n++)
        {
            double col = 0;
            for (int a = 0; a < M; a++) col += h[a * N + n].Magnitude * h[a * N + n].Magnitude;
            closed += rr[n * N + n].Real * col;
        }
        Assert.Equal(closed, model.ExpectedTraceRandomPhases(), 12);

        // Monte Carlo over uniform phases: the sample mean lies within 5 standard errors (sample variance) of the closed form.
        var rng = new Xoshiro256StarStar(42);
        var phases = new Complex[N];
        var r = new Complex[M * M];
        const int draws = 20_000;
        double sum = 0, sum2 = 0;
        for (int d = 0; d < draws; d++)
        {
            for (int i = 0; i < N; i++) phases[i] = Complex.FromPolarCoordinates(1, 2 * Math.PI * rng.NextDouble());
            model.Evaluate(phases, r);
            double t = 0;
            for (int a = 0; a < M; a++) t += r[a * M + a].Real;
            sum += t; sum2 += t * t;
        }
        double mean = sum / draws, se = Math.Sqrt((sum2 / draws - mean * mean) / (draws - 1));
        Assert.True(Math.Abs(mean - closed) <= 5 * se, $"Monte Carlo {mean} ± {se}, closed form {closed}");
        // With phases all 1 the trace differs from the expectation (coherent combining): the test can tell the two apart.
        Array.Fill(phases, Complex.One);
        model.Evaluate(phases, r);
        double coherent = 0;
        for (int a = 0; a < M; a++) coherent += r[a * M + a].Real;
        Assert.True(Math.Abs(coherent - closed) > 10 * se);
    }

    [Fact]
    public void GainMatchedCovarianceHasTraceMAndIsAPositiveMultiple()
    {
        var (model, _, _, _, phases) = Build(4);
        var r = new Complex[M * M];
        var gm = new Complex[M * M];
        model.Evaluate(phases, r);
        double c = model.EvaluateGainMatched(phases, M, gm);
        double trace = 0;
        for (int a = 0; a < M; a++) trace += gm[a * M + a].Real;
        Assert.Equal(M, trace, 12);
        Assert.True(c > 0);
        for (int i = 0; i < r.Length; i++) Assert.True((gm[i] - c * r[i]).Magnitude < 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.EvaluateGainMatched(phases, 0, gm));
    }

    [Fact]
    public void GainMatchedPhaseGradientMatchesCentralDifferences()
    {
        // f(θ) = Re tr(A R_gm(φ(θ))) with φ_n = e^{jθ_n} and a fixed Hermitian A: the sensitivity of f at R_gm is G = A, and
        // ∂f/∂θ_n = −2 Im(conj(g_n) φ_n) with g = ∂f/∂φ*.
        var (model, _, _, _, phases) = Build(5);
        var rng = new Xoshiro256StarStar(7);
        var a = new Complex[M * M];
        for (int i = 0; i < M; i++)
            for (int j = i; j < M; j++)
            {
                var z = i == j ? new Complex(rng.NextGaussian(), 0) : rng.NextComplexGaussian();
                a[i * M + j] = z; a[j * M + i] = Complex.Conjugate(z);
            }
        double F(Complex[] phi)
        {
            var r = new Complex[M * M];
            model.EvaluateGainMatched(phi, M, r);
            double f = 0;
            for (int i = 0; i < M; i++)
                for (int j = 0; j < M; j++) f += (a[i * M + j] * r[j * M + i]).Real;
            return f;
        }
        var g = new Complex[N];
        model.GainMatchedPhaseGradient(phases, M, a, g);
        const double h = 1e-6;
        for (int n = 0; n < N; n++)
        {
            var q = (Complex[])phases.Clone();
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, h); double fp = F(q);
            q[n] = phases[n] * Complex.FromPolarCoordinates(1, -h); double fm = F(q);
            double fd = (fp - fm) / (2 * h);
            double analytic = -2 * (Complex.Conjugate(g[n]) * phases[n]).Imaginary;
            // Central differences of a smooth O(1) function: truncation ~h², round-off ~1e-16/h ≈ 1e-10.
            Assert.True(Math.Abs(fd - analytic) < 1e-7 * Math.Max(1, Math.Abs(analytic)), $"n={n}: fd {fd}, analytic {analytic}");
        }
    }
}
