using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Correlation;

/// <summary>Model-generic checks: Hermitian PSD R with the stated diagonal, analytic derivatives vs central differences,
/// and the chain rule df = Re tr(G dR) (docs/fa-plkg.md(b)–(d)).</summary>
public class SpatialCorrelationTests
{
    public static TheoryData<int> Models => CorrelationModels.Indices();

    [Theory]
    [MemberData(nameof(Models))]
    public void CovarianceIsHermitianPsdWithStatedDiagonal(int modelIndex)
    {
        var (name, model) = CorrelationModels.Get(modelIndex);
        foreach (var (m, side) in new[] { (4, 2.0), (9, 3.0), (16, 3.0) })
            for (int trial = 0; trial < 5; trial++)
            {
                var p = TestHelpers.RandomLayout(new PlanarRegion(side, 0.5), m, SeedMixer.Mix((ulong)m, (ulong)trial));
                var r = new Complex[m * m];
                model.Covariance(p, r);
                // Built symmetric by construction: exact Hermitian symmetry.
                Assert.Equal(0, TestHelpers.HermitianDefect(r, m));
                for (int i = 0; i < m; i++) Assert.Equal(model.DiagonalValue, r[i * m + i].Real, 14);
                Assert.Equal(1.0, model.DiagonalValue, 14); // docs/fa-plkg.md: powers normalised to unit diagonal
                // PSD up to eigen-solver round-off: |λ_min| ≤ 1e-12 · M (entries are O(1)).
                Assert.True(TestHelpers.Eigenvalues(r, m)[0] >= -1e-12 * m, $"{name}: M = {m}, trial {trial}");
            }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void CovarianceDerivativeMatchesCentralDifferences(int modelIndex)
    {
        var (name, model) = CorrelationModels.Get(modelIndex);
        const int m = 6;
        var p = TestHelpers.RandomLayout(new PlanarRegion(2.5, 0.5), m, 77);
        // Include a near-coincident pair (d = 1e-3 λ) to exercise the small-distance branches of the isotropic models.
        p[2 * 5] = p[0] + 6e-4; p[2 * 5 + 1] = p[1] + 8e-4;
        var analytic = new Complex[m * m];
        var plus = new Complex[m * m];
        var minus = new Complex[m * m];
        var fd = new Complex[m * m];
        // Step h = 1e-5 λ: truncation ≈ h²|R'''|/6 ≈ 1e-10·(2π)³/6 ≈ 4e-9 against |R'| ≈ 2π, round-off ≈ ε/h ≈ 1e-11,
        // so the relative error is ~1e-9, well below the 1e-6 bar.
        const double h = 1e-5;
        for (int k = 0; k < m; k++)
            for (int axis = 0; axis < 2; axis++)
            {
                model.CovarianceDerivative(p, k, axis, analytic);
                var q = (double[])p.Clone();
                q[2 * k + axis] = p[2 * k + axis] + h; model.Covariance(q, plus);
                q[2 * k + axis] = p[2 * k + axis] - h; model.Covariance(q, minus);
                for (int i = 0; i < fd.Length; i++) fd[i] = (plus[i] - minus[i]) / (2 * h);
                double err = TestHelpers.FrobeniusNorm(Diff(fd, analytic)) / TestHelpers.FrobeniusNorm(analytic);
                Assert.True(err < 1e-6, $"{name}: k = {k}, axis = {axis}, relative error {err:E2}");
            }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PositionGradientMatchesFiniteDifferencesOfLogDet(int modelIndex)
    {
        // f(t) = log det(R(t) + σ² I) has G = (R + σ² I)⁻¹ (Hermitian) with df = tr(G dR): the §2.5(b) convention.
        var (name, model) = CorrelationModels.Get(modelIndex);
        const int m = 5;
        const double s2 = 0.3;
        var p = TestHelpers.RandomLayout(new PlanarRegion(2.0, 0.5), m, 11);
        var r = new Complex[m * m];
        model.Covariance(p, r);
        var (_, g) = TestHelpers.LogDet(r, m, s2);
        var grad = new double[2 * m];
        model.PositionGradient(p, g, grad);
        var fd = FiniteDifferenceGradient(model, p, q => { var rq = new Complex[m * m]; model.Covariance(q, rq); return TestHelpers.LogDet(rq, m, s2).Value; });
        AssertRelative(fd, grad, 1e-6, name);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PositionGradientUsesRealPartOfTraceForNonHermitianSensitivity(int modelIndex)
    {
        // f(t) = Re tr(G₀ R(t)) with a fixed non-Hermitian complex G₀: by definition df = Re tr(G₀ dR).
        var (name, model) = CorrelationModels.Get(modelIndex);
        const int m = 4;
        var p = TestHelpers.RandomLayout(new PlanarRegion(2.0, 0.5), m, 12);
        var g0 = TestHelpers.RandomComplex(m * m, 99);
        var grad = new double[2 * m];
        model.PositionGradient(p, g0, grad);
        var fd = FiniteDifferenceGradient(model, p, q =>
        {
            var rq = new Complex[m * m];
            model.Covariance(q, rq);
            Complex tr = 0;
            for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) tr += g0[a * m + b] * rq[b * m + a];
            return tr.Real;
        });
        AssertRelative(fd, grad, 1e-6, name);
    }

    [Fact]
    public void BadBuffersThrow()
    {
        var model = IsotropicCorrelation.Jakes;
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() => model.Covariance(new double[3], new Complex[4])).ParamName);
        Assert.Equal("covariance", Assert.Throws<ArgumentException>(() => model.Covariance(new double[4], new Complex[3])).ParamName);
        Assert.Equal("antenna", Assert.Throws<ArgumentOutOfRangeException>(() => model.CovarianceDerivative(new double[4], 2, 0, new Complex[4])).ParamName);
        Assert.Equal("sensitivity", Assert.Throws<ArgumentException>(() => model.PositionGradient(new double[4], new Complex[3], new double[4])).ParamName);
    }

    internal static double[] FiniteDifferenceGradient(ISpatialCorrelation model, double[] p, Func<double[], double> f)
    {
        const double h = 1e-5;
        var g = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            var q = (double[])p.Clone();
            q[i] = p[i] + h; double fp = f(q);
            q[i] = p[i] - h; double fm = f(q);
            g[i] = (fp - fm) / (2 * h);
        }
        return g;
    }

    internal static void AssertRelative(double[] expected, double[] actual, double tol, string what)
    {
        double num = 0, den = 0;
        for (int i = 0; i < expected.Length; i++) { num += (expected[i] - actual[i]) * (expected[i] - actual[i]); den += expected[i] * expected[i]; }
        double err = Math.Sqrt(num / den);
        Assert.True(err < tol, $"{what}: relative error {err:E2}");
    }

    private static Complex[] Diff(Complex[] a, Complex[] b)
    {
        var d = new Complex[a.Length];
        for (int i = 0; i < a.Length; i++) d[i] = a[i] - b[i];
        return d;
    }
}
