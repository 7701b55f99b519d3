using System.Numerics;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.KeyGeneration;

// Finite-difference tolerance: central differences have truncation error O(h²·f''') and round-off O(ε·f/h). With
// h = 1e-5 relative to the variable scale, both are ~1e-10 relative here, so a 1e-5 relative error bound (docs/fa-plkg.md
// item 4) leaves a wide margin while still catching any wrong term (which gives O(1) errors).
public class KgrGradientTests
{
    [Theory]
    [InlineData(4, 2, 4, 10.0)]
    [InlineData(4, 4, 2, 0.0)]
    [InlineData(6, 3, 6, -10.0)]
    [InlineData(5, 1, 7, 20.0)]
    [InlineData(1, 1, 1, 5.0)]
    [InlineData(4, 2, 4, -30.0)]  // extreme SNRs of the spec's range
    [InlineData(4, 3, 4, 60.0)]
    public void PrecoderGradient_MatchesCentralDifferences(int m, int rank, int k, double snrDb)
    {
        var rng = new Xoshiro256StarStar(3000 + (ulong)(m * 100 + rank * 10 + k));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, rank);
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, k, model.EnergyBudget);
        var g = new Complex[m * k];
        double value = model.PrecoderGradient(p, r, g, ws);
        Assert.Equal(model.Value(p, r, ws), value, 1e-14 * value);

        double h = 1e-5 * Math.Sqrt(model.EnergyBudget / (m * k));
        var fd = new double[2 * m * k];
        var an = new double[2 * m * k];
        var q = (Complex[])p.Clone();
        for (int i = 0; i < m * k; i++)
        {
            // ∂/∂Re P_i = 2 Re G_i and ∂/∂Im P_i = 2 Im G_i (Wirtinger convention of §2.5a).
            q[i] = p[i] + h; double fp = model.Value(q, r, ws);
            q[i] = p[i] - h; double fm = model.Value(q, r, ws);
            fd[2 * i] = (fp - fm) / (2 * h);
            q[i] = p[i] + new Complex(0, h); fp = model.Value(q, r, ws);
            q[i] = p[i] - new Complex(0, h); fm = model.Value(q, r, ws);
            fd[2 * i + 1] = (fp - fm) / (2 * h);
            q[i] = p[i];
            an[2 * i] = 2 * g[i].Real;
            an[2 * i + 1] = 2 * g[i].Imaginary;
        }
        Assert.True(RelativeError(an, fd) < 1e-5, $"relative error {RelativeError(an, fd)}");
    }

    [Theory]
    [InlineData(4, 2, 4, 10.0)]
    [InlineData(4, 4, 3, 0.0)]
    [InlineData(6, 6, 6, 20.0)]
    [InlineData(3, 3, 1, -10.0)]
    [InlineData(4, 2, 4, -30.0)]
    [InlineData(4, 3, 4, 60.0)]
    public void CovarianceGradient_MatchesCentralDifferencesOverHermitianDirections(int m, int rank, int k, double snrDb)
    {
        // Directions: E_ii, E_ij + E_ji, j(E_ij − E_ji) span the Hermitian matrices; dKGR/dθ = Re⟨G, dR⟩ = tr(G dR).
        var rng = new Xoshiro256StarStar(4000 + (ulong)(m * 100 + rank * 10 + k));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, rank);
        if (rank < m) for (int i = 0; i < m; i++) r[i * m + i] += 0.05; // keep R + θdR PSD along the probes
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, k, model.EnergyBudget);
        var g = new Complex[m * m];
        model.CovarianceGradient(p, r, g, ws);
        double h = 1e-5;
        var fd = new List<double>();
        var an = new List<double>();
        var dr = new Complex[m * m];
        var rr = new Complex[m * m];
        for (int i = 0; i < m; i++)
            for (int j = i; j < m; j++)
                for (int kind = 0; kind < (i == j ? 1 : 2); kind++)
                {
                    Array.Clear(dr);
                    if (i == j) dr[i * m + i] = 1;
                    else if (kind == 0) { dr[i * m + j] = 1; dr[j * m + i] = 1; }
                    else { dr[i * m + j] = Complex.ImaginaryOne; dr[j * m + i] = -Complex.ImaginaryOne; }
                    for (int t = 0; t < rr.Length; t++) rr[t] = r[t] + h * dr[t];
                    double fp = model.Value(p, rr, ws);
                    for (int t = 0; t < rr.Length; t++) rr[t] = r[t] - h * dr[t];
                    double fm = model.Value(p, rr, ws);
                    fd.Add((fp - fm) / (2 * h));
                    an.Add(ComplexMatrix.RealInnerProduct(g, dr));
                }
        Assert.True(RelativeError(an.ToArray(), fd.ToArray()) < 1e-5, $"relative error {RelativeError(an.ToArray(), fd.ToArray())}");
    }

    [Fact]
    public void Gamma_IsHermitianEqualsLn2TimesGradientAndVanishesAtZeroPrecoder()
    {
        var rng = new Xoshiro256StarStar(5);
        var model = KgrModel.FromSnrDb(10, 4);
        var ws = new KgrWorkspace(4, 4);
        var r = TestMatrices.PsdOfRank(ref rng, 4, 3);
        var p = KgrFormsTests.RandomPrecoder(ref rng, 4, 4, model.EnergyBudget);
        var gamma = new Complex[16];
        var g = new Complex[16];
        var gp = new Complex[16];
        var gp2 = new Complex[16];
        double v1 = model.Gamma(p, r, gamma, ws);
        double v2 = model.Gradients(p, r, gp, g, ws);
        model.PrecoderGradient(p, r, gp2, ws);
        Assert.Equal(v1, v2);
        Assert.Equal(gp2, gp); // one-pass and separate precoder gradients are the same computation
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(gamma[i * 4 + j], Complex.Conjugate(gamma[j * 4 + i]));
                Assert.True(Complex.Abs(gamma[i * 4 + j] - Math.Log(2) * g[i * 4 + j]) <= 1e-14 * TestMatrices.MaxAbs(gamma));
            }
        model.Gamma(new Complex[16], r, gamma, ws);
        Assert.All(gamma, z => Assert.Equal(Complex.Zero, z));
    }

    [Fact]
    public void PositionChainRule_FieldResponseModel_MatchesFiniteDifferences()
    {
        // docs/fa-plkg.md/§2.5c: R(x) = Σ_l p_l a_l a_lᴴ, [a_l]_m = exp(jκ(u_l x_m + v_l y_m)); only the chain rule with the
        // analytic ∂R/∂x_m is used here (the geometry helper owns the real model).
        const int m = 4, paths = 3;
        var rng = new Xoshiro256StarStar(6);
        var u = new double[paths]; var v = new double[paths]; var pw = new double[paths];
        for (int l = 0; l < paths; l++)
        {
            double th = rng.NextDouble(0, Math.PI), ph = rng.NextDouble(0, Math.PI);
            u[l] = Math.Sin(th) * Math.Cos(ph); v[l] = Math.Cos(th); pw[l] = 1.0 / paths;
        }
        var x = new double[] { 0, 0.5, 0.1, 0.6 };
        var y = new double[] { 0, 0.05, 0.5, 0.55 };
        double kappa = 2 * Math.PI;
        Complex[] Cov(double[] xs)
        {
            var r = new Complex[m * m];
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                    for (int l = 0; l < paths; l++)
                        r[a * m + b] += pw[l] * Complex.FromPolarCoordinates(1, kappa * (u[l] * (xs[a] - xs[b]) + v[l] * (y[a] - y[b])));
            return r;
        }
        var model = KgrModel.FromSnrDb(10, m);
        var ws = new KgrWorkspace(m, m);
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, m, model.EnergyBudget);
        var g = new Complex[m * m];
        model.CovarianceGradient(p, Cov(x), g, ws);
        var dR = new Complex[m * m];
        double h = 1e-6;
        var an = new double[m]; var fd = new double[m];
        for (int t = 0; t < m; t++)
        {
            Array.Clear(dR);
            for (int b = 0; b < m; b++)
            {
                if (b == t) continue;
                Complex d = 0;
                for (int l = 0; l < paths; l++)
                    d += pw[l] * new Complex(0, kappa * u[l]) * Complex.FromPolarCoordinates(1, kappa * (u[l] * (x[t] - x[b]) + v[l] * (y[t] - y[b])));
                dR[t * m + b] = d;                       // ∂R_tb/∂x_t
                dR[b * m + t] = Complex.Conjugate(d);    // ∂R_bt/∂x_t
            }
            an[t] = ComplexMatrix.RealInnerProduct(g, dR);
            var xp = (double[])x.Clone(); xp[t] += h;
            var xm = (double[])x.Clone(); xm[t] -= h;
            fd[t] = (model.Value(p, Cov(xp), ws) - model.Value(p, Cov(xm), ws)) / (2 * h);
        }
        Assert.True(RelativeError(an, fd) < 1e-5, $"relative error {RelativeError(an, fd)}");
    }

    [Fact]
    public void RisWirtingerChainRule_MatchesFiniteDifferencesAndSpecFormula()
    {
        // docs/fa-plkg.md: R_eff(φ) = β_d R_d + β_r H Φ R_r Φᴴ Hᴴ; ∂KGR/∂φ* = ⟨G, ∂R/∂φ_n*⟩ = (β_r/ln2)[(HᴴΓH)∘R_rᵀ]φ.
        const int m = 3, n = 4;
        var rng = new Xoshiro256StarStar(7);
        double betaD = 0.1, betaR = 1;
        var rd = TestMatrices.PsdOfRank(ref rng, m, 2);
        var rr = TestMatrices.PsdOfRank(ref rng, n, 3);
        var hm = TestMatrices.Gaussian(ref rng, m, n, 0.5);
        var phi = new Complex[n];
        for (int i = 0; i < n; i++) phi[i] = Complex.FromPolarCoordinates(1, rng.NextDouble(0, 2 * Math.PI));
        Complex[] Reff(Complex[] f)
        {
            var r = new Complex[m * m];
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                {
                    Complex s = betaD * rd[a * m + b];
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                            s += betaR * hm[a * n + i] * f[i] * rr[i * n + j] * Complex.Conjugate(f[j]) * Complex.Conjugate(hm[b * n + j]);
                    r[a * m + b] = s;
                }
            return r;
        }
        var model = KgrModel.FromSnrDb(5, m);
        var ws = new KgrWorkspace(m, m);
        var p = KgrFormsTests.RandomPrecoder(ref rng, m, m, model.EnergyBudget);
        var g = new Complex[m * m];
        var gamma = new Complex[m * m];
        model.CovarianceGradient(p, Reff(phi), g, ws);
        model.Gamma(p, Reff(phi), gamma, ws);
        double h = 1e-6;
        var an = new double[2 * n]; var fd = new double[2 * n]; var spec = new double[2 * n];
        var dR = new Complex[m * m];
        for (int t = 0; t < n; t++)
        {
            // ∂R_ab/∂φ_t* = β_r (H Φ R_r)_{a t} conj(H_{b t}).
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                {
                    Complex s = 0;
                    for (int i = 0; i < n; i++) s += hm[a * n + i] * phi[i] * rr[i * n + t];
                    dR[a * m + b] = betaR * s * Complex.Conjugate(hm[b * n + t]);
                }
            Complex w = ComplexMatrix.InnerProduct(g, dR);
            an[2 * t] = 2 * w.Real; an[2 * t + 1] = 2 * w.Imaginary; // real gradient = 2·∂/∂φ*
            // Spec formula: Σ_k (HᴴΓH)_tk (R_r)_kt φ_k β_r/ln2.
            Complex sp = 0;
            for (int kk = 0; kk < n; kk++)
            {
                Complex hgh = 0;
                for (int a = 0; a < m; a++)
                    for (int b = 0; b < m; b++) hgh += Complex.Conjugate(hm[a * n + t]) * gamma[a * m + b] * hm[b * n + kk];
                sp += hgh * rr[kk * n + t] * phi[kk];
            }
            sp *= betaR / Math.Log(2);
            spec[2 * t] = 2 * sp.Real; spec[2 * t + 1] = 2 * sp.Imaginary;
            var fp = (Complex[])phi.Clone(); var fmn = (Complex[])phi.Clone();
            fp[t] += h; fmn[t] -= h;
            fd[2 * t] = (model.Value(p, Reff(fp), ws) - model.Value(p, Reff(fmn), ws)) / (2 * h);
            fp[t] = phi[t] + new Complex(0, h); fmn[t] = phi[t] - new Complex(0, h);
            fd[2 * t + 1] = (model.Value(p, Reff(fp), ws) - model.Value(p, Reff(fmn), ws)) / (2 * h);
        }
        Assert.True(RelativeError(an, fd) < 1e-5, $"relative error {RelativeError(an, fd)}");
        Assert.True(RelativeError(spec, an) < 1e-12, $"spec formula relative error {RelativeError(spec, an)}");
    }

    internal static double RelativeError(double[] analytic, double[] numeric)
    {
        double num = 0, den = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            num += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            den += numeric[i] * numeric[i];
        }
        return Math.Sqrt(num / Math.Max(den, 1e-300));
    }
}
