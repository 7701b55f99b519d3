using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.LinearAlgebra;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Randomized;

namespace PhyToolkit.Optimization.Tests.Randomized;

/// <summary>Randomized Nyström (arXiv 2110.02820, Alg. 2.1; arXiv 2505.12149, Alg. 2) on PSD matrices with a known spectrum.</summary>
public class NystromApproximationTests
{
    /// <summary>K = Q diag(λ) Qᵀ with a seeded random orthogonal Q (row-major N × N).</summary>
    private static double[] Psd(double[] eigenvalues, ulong seed)
    {
        int n = eigenvalues.Length;
        var rng = new Xoshiro256StarStar(seed);
        var g = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextGaussian());
        var q = g.QR().Q;
        return (q * Matrix<double>.Build.DenseOfDiagonalArray(eigenvalues) * q.Transpose()).ToRowMajorArray();
    }

    private static NystromApproximation Build(double[] k, int n, int l, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        return NystromApproximation.Build((omega, cols, y) =>
        {
            for (int i = 0; i < n; i++)
                for (int c = 0; c < cols; c++)
                {
                    double s = 0;
                    for (int t = 0; t < n; t++) s += k[i * n + t] * omega[t * cols + c];
                    y[i * cols + c] = s;
                }
        }, n, l, ref rng);
    }

    private static double Fro(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }

    [Fact]
    public void FullSketchReproducesTheDampedInverse()
    {
        const int n = 30;
        var eig = Enumerable.Range(0, n).Select(i => Math.Pow(0.6, i)).ToArray();     // condition 1e6 (down to ~2e-7)
        var k = Psd(eig, 1);
        var nys = Build(k, n, n, 2);
        foreach (double lambda in new[] { 1e-3, 1.0 })
        {
            var v = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1.0)).ToArray();
            var x = new double[n];
            nys.SolveDamped(lambda, v, x);
            var m = (double[])k.Clone();
            for (int i = 0; i < n; i++) m[i * n + i] += lambda;
            DenseCholesky.FactorInPlace(m, n);
            var exact = (double[])v.Clone();
            DenseCholesky.SolveInPlace(m, n, exact);
            double rel = Fro(x, exact) / Math.Sqrt(exact.Sum(e => e * e));
            Assert.True(rel < 1e-8, $"λ = {lambda}: relative error {rel:G3}");
        }
    }

    [Fact]
    public void ExactRecoveryOfALowRankMatrix()
    {
        const int n = 40, rank = 6;
        var eig = Enumerable.Range(0, n).Select(i => i < rank ? 1.0 + i : 0.0).ToArray();
        var k = Psd(eig, 3);
        var nys = Build(k, n, rank + 2, 4);
        var kh = new double[n * n];
        nys.Reconstruct(kh);
        double rel = Fro(kh, k) / Fro(k, new double[n * n]);
        Assert.True(rel < 1e-9, $"relative error {rel:G3}");
    }

    [Fact]
    public void ErrorFallsWithTheSketchAndStaysBetweenTheBounds()
    {
        // Spectrum λᵢ = 0.8^i, N = 60. For each ℓ, the mean over 20 seeds of the trace error tr(K − K̂) (= nuclear norm, K − K̂ ⪰ 0)
        // must lie under the expectation bound min_(r ≤ ℓ−2) (1 + r/(ℓ − r − 1)) Σ_(i>r) λᵢ (Frangella, Tropp & Udell, arXiv 2110.02820,
        // eq. (2.3); Gaussian and orthonormalized Gaussian test matrices span the same range) and over the best rank-ℓ error
        // Σ_(i>ℓ) λᵢ (Eckart–Young); the mean Frobenius error must not increase with ℓ.
        const int n = 60, seeds = 20;
        var eig = Enumerable.Range(0, n).Select(i => Math.Pow(0.8, i)).ToArray();
        var k = Psd(eig, 5);
        double fro0 = Fro(k, new double[n * n]);
        double previous = double.PositiveInfinity;
        foreach (int l in new[] { 4, 8, 16, 32 })
        {
            double meanTrace = 0, meanFro = 0;
            for (ulong s = 0; s < seeds; s++)
            {
                var nys = Build(k, n, l, 100 + s);
                var kh = new double[n * n];
                nys.Reconstruct(kh);
                double tr = 0;
                for (int i = 0; i < n; i++) tr += k[i * n + i] - kh[i * n + i];
                meanTrace += tr / seeds;
                meanFro += Fro(k, kh) / fro0 / seeds;
            }
            double best = eig.Skip(l).Sum();
            double bound = double.PositiveInfinity;
            for (int r = 0; r <= l - 2; r++) bound = Math.Min(bound, (1 + r / (double)(l - r - 1)) * eig.Skip(r).Sum());
            Assert.True(meanTrace >= best * (1 - 1e-9), $"ℓ = {l}: mean trace error {meanTrace:G4} below the rank-ℓ optimum {best:G4}");
            Assert.True(meanTrace <= bound, $"ℓ = {l}: mean trace error {meanTrace:G4} above the bound {bound:G4}");
            Assert.True(meanFro <= previous, $"ℓ = {l}: mean relative Frobenius error {meanFro:G4} rose from {previous:G4}");
            previous = meanFro;
        }
    }

    [Fact]
    public void SketchLargerThanTheMatrixIsRejected()
    {
        var rng = new Xoshiro256StarStar(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => NystromApproximation.Build((_, _, _) => { }, 5, 6, ref rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => NystromApproximation.Build((_, _, _) => { }, 5, 0, ref rng));
    }
}
