using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Correlation;

public class FieldResponseCovarianceTests
{
    [Fact]
    public void SinglePathQuarterWavelengthGivesPhaseQuadrature()
    {
        // θ = π/2, φ = 0 ⇒ u = 1, v = 0: R_01 = e^{j2π(x0 − x1)} = e^{jπ/2} = j for x0 − x1 = 1/4.
        var model = new FieldResponseCovariance(new PathGeometry([Math.PI / 2], [0.0], [1.0]));
        var r = new Complex[4];
        model.Covariance([1.25, 0.3, 1.0, 0.9], r);
        Assert.Equal(0, r[1].Real, 15);
        Assert.Equal(1, r[1].Imaginary, 15);
        Assert.Equal(-1, r[2].Imaginary, 15);
    }

    [Fact]
    public void CovarianceEqualsSumOfPathOuterProducts()
    {
        // Independent construction: R = Σ_l p_l a_l a_lᴴ with [a_l]_m = g(t_m)_l from FieldResponse (docs/fa-plkg.md).
        var rng = new Xoshiro256StarStar(5);
        var geo = PathGeometry.Sample(5, ref rng, ricianFactor: 2);
        var model = new FieldResponseCovariance(geo);
        const int m = 7;
        var p = TestHelpers.RandomLayout(new PlanarRegion(3, 0.5), m, 6);
        var a = new Complex[m][];
        for (int i = 0; i < m; i++) { a[i] = new Complex[5]; model.FieldResponse(p[2 * i], p[2 * i + 1], a[i]); }
        var r = new Complex[m * m];
        model.Covariance(p, r);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                Complex s = 0;
                for (int l = 0; l < 5; l++) s += geo.Powers[l] * a[i][l] * Complex.Conjugate(a[j][l]);
                Assert.True((s - r[i * m + j]).Magnitude < 1e-13);
            }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void RankIsAtMostPathCount(int paths)
    {
        var rng = new Xoshiro256StarStar(9);
        var model = new FieldResponseCovariance(PathGeometry.Sample(paths, ref rng));
        const int m = 9;
        var r = new Complex[m * m];
        model.Covariance(new UniformPlanarArray(3, 3, 3).Positions, r);
        var ev = TestHelpers.Eigenvalues(r, m);
        // Eigenvalues sum to tr R = M; all but the L largest vanish up to eigen-solver round-off (1e-12·M).
        for (int i = 0; i < m - paths; i++) Assert.True(Math.Abs(ev[i]) < 1e-12 * m, $"λ_{i} = {ev[i]}");
        Assert.Equal(m, ev.Sum(), 12);
    }

    [Fact]
    public void CovarianceIsTranslationInvariant()
    {
        var rng = new Xoshiro256StarStar(10);
        var model = new FieldResponseCovariance(PathGeometry.Sample(4, ref rng));
        var p = TestHelpers.RandomLayout(new PlanarRegion(2, 0.5), 4, 3);
        var q = (double[])p.Clone();
        for (int i = 0; i < 4; i++) { q[2 * i] += 0.37; q[2 * i + 1] -= 1.21; }
        var r1 = new Complex[16]; var r2 = new Complex[16];
        model.Covariance(p, r1); model.Covariance(q, r2);
        Assert.True(TestHelpers.MaxAbsDiff(r1, r2) < 1e-13);
    }

    [Fact]
    public void PositionGradientEqualsSpecFormula()
    {
        // docs/fa-plkg.md(c): ∂f/∂x_m = 2 Re[Σ_{n≠m} Γ_nm Σ_l p_l jκu_l e^{jκ(ρ_l(t_m) − ρ_l(t_n))}] (u → v for y), written
        // here literally for a random Hermitian Γ (f in the units of Γ: nats; the spec's extra 1/ln 2 gives bits).
        var rng = new Xoshiro256StarStar(21);
        var geo = PathGeometry.Sample(3, ref rng);
        var model = new FieldResponseCovariance(geo);
        const int m = 5;
        var p = TestHelpers.RandomLayout(new PlanarRegion(3, 0.5), m, 22);
        var x = TestHelpers.RandomComplex(m * m, 23);
        var gamma = new Complex[m * m];
        for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) gamma[a * m + b] = x[a * m + b] + Complex.Conjugate(x[b * m + a]);
        var grad = new double[2 * m];
        model.PositionGradient(p, gamma, grad);
        double kappa = 2 * Math.PI;
        for (int mm = 0; mm < m; mm++)
        {
            Complex sx = 0, sy = 0;
            for (int n = 0; n < m; n++)
            {
                if (n == mm) continue;
                for (int l = 0; l < 3; l++)
                {
                    double u = Math.Sin(geo.ElevationsRad[l]) * Math.Cos(geo.AzimuthsRad[l]), v = Math.Cos(geo.ElevationsRad[l]);
                    double rhoM = p[2 * mm] * u + p[2 * mm + 1] * v, rhoN = p[2 * n] * u + p[2 * n + 1] * v;
                    Complex e = Complex.Exp(new Complex(0, kappa * (rhoM - rhoN)));
                    sx += gamma[n * m + mm] * geo.Powers[l] * new Complex(0, kappa * u) * e;
                    sy += gamma[n * m + mm] * geo.Powers[l] * new Complex(0, kappa * v) * e;
                }
            }
            Assert.Equal(2 * sx.Real, grad[2 * mm], 11);
            Assert.Equal(2 * sy.Real, grad[2 * mm + 1], 11);
        }
    }

    [Fact]
    public void BadGeometryThrows()
    {
        Assert.Equal("powers", Assert.Throws<ArgumentException>(() => new PathGeometry([0.1], [0.2], [-1.0])).ParamName);
        Assert.Equal("azimuthsRad", Assert.Throws<ArgumentException>(() => new PathGeometry([0.1, 0.2], [0.2], [1.0, 1.0])).ParamName);
        Assert.Equal("elevationsRad", Assert.Throws<ArgumentException>(() => new PathGeometry([double.NaN], [0.2], [1.0])).ParamName);
    }
}
