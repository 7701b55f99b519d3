using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.KeyGeneration;

public class KgrWaterFillingTests
{
    [Theory]
    [InlineData(4, 3, 4, 10.0)]
    [InlineData(4, 4, 4, 0.0)]
    [InlineData(4, 3, 2, 10.0)]   // K < rank: only the two strongest modes can be loaded
    [InlineData(6, 2, 6, -10.0)]
    [InlineData(5, 5, 7, 20.0)]   // K > M: extra columns stay zero
    public void Oracle_BeatsRandomFeasiblePrecodersAndMatchesValue(int m, int rank, int k, double snrDb)
    {
        var rng = new Xoshiro256StarStar(5000 + (ulong)(m * 100 + rank * 10 + k));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, rank);
        var pStar = new Complex[m * k];
        var powers = new double[k];
        double opt = model.WaterFillingPrecoder(r, pStar, powers, out _, ws);
        // The returned value is the mode sum; Value(P*) recomputes it through the Schur form (1e-10 relative).
        Assert.Equal(opt, model.Value(pStar, r, ws), 1e-10 * opt);
        Assert.Equal(opt, model.OptimalValue(r, ws));
        // The budget is met with equality (KGR increases with power), to the bisection accuracy.
        double used = powers.Sum();
        Assert.True(used <= model.EnergyBudget && used >= model.EnergyBudget * (1 - 1e-12));
        Assert.Equal(used, pStar.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary), 1e-12 * used);

        // 2000 random feasible precoders on the sphere ‖P‖² = E, with random column ranks: none beats the oracle.
        double best = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            var p = TestMatrices.Gaussian(ref rng, m, k);
            int zeroCols = rng.NextInt(k);
            for (int c = 0; c < zeroCols; c++)
                for (int i = 0; i < m; i++) p[i * k + c] = 0;
            double n2 = p.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary);
            for (int i = 0; i < p.Length; i++) p[i] *= Math.Sqrt(model.EnergyBudget / n2);
            best = Math.Max(best, model.Value(p, r, ws));
        }
        Assert.True(best <= opt * (1 + 1e-12), $"random {best} > oracle {opt}");

        // Local perturbations of P* projected back onto the ball never improve (global optimum).
        for (int trial = 0; trial < 200; trial++)
        {
            var p = (Complex[])pStar.Clone();
            for (int i = 0; i < p.Length; i++) p[i] += rng.NextComplexGaussian(1e-3 * model.EnergyBudget / (m * k));
            PrecoderProjection.ProjectFrobeniusBall(p, model.EnergyBudget);
            Assert.True(model.Value(p, r, ws) <= opt * (1 + 1e-12));
        }
    }

    [Theory]
    [InlineData(4, 3, 4, 10.0)]
    [InlineData(4, 2, 4, -10.0)]
    [InlineData(6, 6, 3, 20.0)]
    public void Oracle_SatisfiesKkt(int m, int rank, int k, double snrDb)
    {
        // KKT of max KGR s.t. ‖P‖²_F ≤ E: ∂KGR/∂P* = ν·P with ν = μ/ln 2 ≥ 0, and every unloaded mode has g_i ≤ μ.
        var rng = new Xoshiro256StarStar(6000 + (ulong)(m * 100 + rank * 10 + k));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, rank);
        var pStar = new Complex[m * k];
        var powers = new double[k];
        model.WaterFillingPrecoder(r, pStar, powers, out double mu, ws);
        var grad = new Complex[m * k];
        model.PrecoderGradient(pStar, r, grad, ws);
        double nu = mu / Math.Log(2);
        double res = 0, gn = 0;
        for (int i = 0; i < grad.Length; i++)
        {
            res += Complex.Abs(grad[i] - nu * pStar[i]) * Complex.Abs(grad[i] - nu * pStar[i]);
            gn += Complex.Abs(grad[i]) * Complex.Abs(grad[i]);
        }
        // Residual limited by the bisection (μ to ~1e-15) and the eigenvectors (1e-12·‖R‖): 1e-8 relative is ample.
        Assert.True(Math.Sqrt(res / gn) < 1e-8, $"KKT residual {Math.Sqrt(res / gn)}");
        Assert.True(mu > 0);

        var evd = TestMatrices.ToMathNet(r, m, m).Evd(Symmetricity.Hermitian);
        var lambda = evd.EigenValues.Select(z => Math.Max(z.Real, 0)).OrderByDescending(v => v).ToArray();
        for (int c = 0; c < Math.Min(m, k); c++)
        {
            double l = lambda[c];
            double g = l * l / ((l + model.AliceNoiseVariance) * model.BobNoiseVariance);
            if (powers[c] == 0) Assert.True(g <= mu * (1 + 1e-9), $"unloaded mode {c} has g = {g} > μ = {mu}");
            else Assert.True(g > mu);
        }
    }

    [Theory]
    [InlineData(4, 3, 4, 10.0)]
    [InlineData(4, 3, 4, -10.0)]
    [InlineData(4, 4, 2, 20.0)]
    public void ProjectedGradientAscent_FromFiveRandomStarts_ReachesOracle(int m, int rank, int k, double snrDb)
    {
        // docs/fa-plkg.md item 5 (oracle part) with a minimal PGA of §3.3 written here (the generic PGD lives elsewhere).
        var rng = new Xoshiro256StarStar(7000 + (ulong)(m * 100 + rank * 10 + k) + (ulong)(snrDb + 100));
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, rank);
        double opt = model.OptimalValue(r, ws);
        for (int start = 0; start < 5; start++)
        {
            var p = KgrFormsTests.RandomPrecoder(ref rng, m, k, model.EnergyBudget);
            double f = Ascend(model, r, p, ws);
            // 1e-4 relative (docs/fa-plkg.md item 5); and never above the global optimum beyond round-off.
            Assert.True(Math.Abs(f - opt) <= 1e-4 * opt, $"start {start}: PGA {f} vs oracle {opt}");
            Assert.True(f <= opt * (1 + 1e-12));
        }
    }

    private static double Ascend(KgrModel model, Complex[] r, Complex[] p, KgrWorkspace ws)
    {
        var g = new Complex[p.Length];
        var trial = new Complex[p.Length];
        double f = model.PrecoderGradient(p, r, g, ws);
        for (int it = 0; it < 3000; it++)
        {
            double pn = Math.Sqrt(p.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary));
            double gnorm = Math.Sqrt(g.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary));
            if (gnorm == 0) break;
            double step = 0.5 * pn / gnorm, fn = f;
            while (step > 1e-14)
            {
                for (int i = 0; i < p.Length; i++) trial[i] = p[i] + step * g[i];
                PrecoderProjection.ProjectFrobeniusBall(trial, model.EnergyBudget);
                fn = model.Value(trial, r, ws);
                if (fn >= f) break;
                step *= 0.5;
            }
            if (!(fn >= f)) break;
            trial.CopyTo(p, 0);
            bool done = fn - f <= 1e-12 * Math.Abs(fn);
            f = model.PrecoderGradient(p, r, g, ws);
            if (done) break;
        }
        return f;
    }

    [Theory]
    [InlineData(new double[] { 1.5, 0.8, 0, 0 })]        // rank 2
    [InlineData(new double[] { 2.0, 1.2, 0.6, 0 })]      // rank 3
    [InlineData(new double[] { 1.3, 1.1, 0.9, 0.7 })]    // rank 4
    public void HighSnrSlope_IsRankTimesLog2Of10Per10Db(double[] lambda)
    {
        // docs/fa-plkg.md / §6.2 item 8: non-zero eigenvalues > 0.5, so λ_min·ρ ≥ 500 at 30 dB and the asymptote holds.
        var rng = new Xoshiro256StarStar(8000 + (ulong)lambda.Count(l => l > 0));
        var r = TestMatrices.WithEigenvalues(ref rng, lambda);
        int rank = lambda.Count(l => l > 0);
        var ws = new KgrWorkspace(4, 4);
        double k30 = KgrModel.FromSnrDb(30, 4).OptimalValue(r, ws);
        double k40 = KgrModel.FromSnrDb(40, 4).OptimalValue(r, ws);
        double predicted = rank * Math.Log2(10);
        Assert.True(Math.Abs((k40 - k30) - predicted) <= 0.02 * predicted, $"increment {k40 - k30} vs {predicted}");
    }

    [Theory]
    [InlineData(-30.0, 2)]
    [InlineData(-30.0, 4)]
    [InlineData(60.0, 2)]
    [InlineData(60.0, 4)]
    [InlineData(-100.0, 2)]  // the limits accepted by FromSnrDb
    [InlineData(100.0, 3)]
    public void ExtremeSnr_GivesFiniteCorrectValues(double snrDb, int rank)
    {
        var rng = new Xoshiro256StarStar(9000 + (ulong)rank + (ulong)(snrDb + 100));
        const int m = 4, k = 4;
        var model = KgrModel.FromSnrDb(snrDb, k);
        var ws = new KgrWorkspace(m, k);
        var r = TestMatrices.PsdOfRank(ref rng, m, rank);
        var pStar = new Complex[m * k];
        double opt = model.WaterFillingPrecoder(r, pStar, ws);
        double value = model.Value(pStar, r, ws);
        Assert.True(double.IsFinite(opt) && opt > 0);
        Assert.Equal(opt, value, 1e-10 * opt);
        var grad = new Complex[m * m];
        model.Gradients(pStar, r, new Complex[m * k], grad, ws);
        Assert.All(grad, z => Assert.True(double.IsFinite(z.Real) && double.IsFinite(z.Imaginary)));

        var lambda = TestMatrices.ToMathNet(r, m, m).Evd(Symmetricity.Hermitian).EigenValues.Select(z => z.Real).Max();
        double sA = model.AliceNoiseVariance, e = model.EnergyBudget;
        if (snrDb < 0)
        {
            // Rigorous low-SNR bracket (docs/fa-plkg.md): all power on the top mode ≤ optimum ≤ E·g_max/ln 2 (concavity).
            double b = lambda * sA / (lambda + sA), g = lambda * lambda / (lambda + sA); // σ_B² = 1; g = a − b without cancellation
            double lower = KgrFormsTests.Log1P(g * e / (1 + b * e)) / Math.Log(2); // log2((1+aE)/(1+bE)), cancellation-free
            double upper = e * g / Math.Log(2);
            Assert.True(opt >= lower * (1 - 1e-12) && opt <= upper, $"{lower} <= {opt} <= {upper}");
            Assert.True((upper - lower) / upper < 0.05); // the bracket is tight (about 2·a·E relative)
        }
        else
        {
            // High SNR: below the infinite-power bound, and the joint-covariance and Sylvester forms agree. Those two
            // forms subtract quantities of size ρ·λ (Schur complement inside the joint Cholesky; LU of I + RS/σ_B²
            // against a near-singular C_A), losing about log10(ρ) digits: tolerance max(1e-10, 1e-15·ρ) relative
            // (1e-9 at 60 dB, 1e-5 at 100 dB). The Schur form's own accuracy is checked above against the mode sum.
            double rho = Math.Pow(10, snrDb / 10);
            double tol = Math.Max(1e-10, 1e-15 * rho) * value;
            Assert.True(opt < model.UpperBound(r, ws));
            Assert.Equal(value, model.ValueJointCovariance(pStar, r, ws), tol);
            Assert.Equal(value, model.ValueSylvester(pStar, r, ws), tol);
        }
    }

    [Fact]
    public void DegenerateInputs_ZeroBudgetOrZeroCovariance()
    {
        var rng = new Xoshiro256StarStar(10);
        var r = TestMatrices.PsdOfRank(ref rng, 3, 2);
        var ws = new KgrWorkspace(3, 3);
        var p = new Complex[9];
        var powers = new double[3];
        var zeroBudget = new KgrModel(0.1, 1, 0);
        Assert.Equal(0.0, zeroBudget.WaterFillingPrecoder(r, p, powers, out double mu, ws));
        Assert.All(p, z => Assert.Equal(Complex.Zero, z));
        Assert.True(mu > 0); // marginal gain of the strongest mode at zero power
        var model = new KgrModel(0.1, 1, 3);
        Assert.Equal(0.0, model.WaterFillingPrecoder(new Complex[9], p, powers, out mu, ws));
        Assert.Equal(0.0, mu);
        Assert.Equal("modePowers", Assert.Throws<ArgumentException>(() => model.WaterFillingPrecoder(r, p, new double[2], out _, ws)).ParamName);
    }
}
