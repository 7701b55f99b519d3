using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using PhyToolkit.Channels.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.LinearAlgebra;

// Tolerances: every kernel is backward stable and the test matrices are well scaled (entries O(1), condition numbers
// ≤ ~1e4), so agreement with MathNet's managed LAPACK-style routines is expected at 1e-12 relative to the matrix norm.
public class HermitianMatrixTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 3, 5, 8, 16, 32 };

    private static Complex[] Hpd(ref Xoshiro256StarStar rng, int n)
    {
        var r = TestMatrices.PsdOfRank(ref rng, n, n + 2);
        for (int i = 0; i < n; i++) r[i * n + i] += 0.1;
        return r;
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Cholesky_MatchesMathNetFactor(int n)
    {
        var rng = new Xoshiro256StarStar(100 + (ulong)n);
        var a = Hpd(ref rng, n);
        var l = (Complex[])a.Clone();
        Assert.True(HermitianMatrix.TryCholesky(l, n));
        var expected = TestMatrices.ToMathNet(a, n, n).Cholesky().Factor;
        double scale = TestMatrices.MaxAbs(a);
        Assert.True(TestMatrices.MaxAbsDiff(l, TestMatrices.FromMathNet(expected)) <= 1e-12 * Math.Max(1, scale));
    }

    [Fact]
    public void TryCholesky_ReturnsFalseForIndefinite()
    {
        var a = new Complex[] { 1, 2, 2, 1 }; // eigenvalues 3, -1
        Assert.False(HermitianMatrix.TryCholesky(a, 2));
    }

    [Theory, MemberData(nameof(Sizes))]
    public void CholeskySolve_MatchesMathNetSolve(int n)
    {
        var rng = new Xoshiro256StarStar(200 + (ulong)n);
        var a = Hpd(ref rng, n);
        var b = TestMatrices.Gaussian(ref rng, n, 3);
        var l = (Complex[])a.Clone();
        Assert.True(HermitianMatrix.TryCholesky(l, n));
        var x = (Complex[])b.Clone();
        HermitianMatrix.CholeskySolve(l, n, x, 3);
        var expected = TestMatrices.ToMathNet(a, n, n).Solve(TestMatrices.ToMathNet(b, n, 3));
        // Solutions scale with the condition number (≤ ~1e3 here): 1e-12 relative to max|x|.
        Assert.True(TestMatrices.MaxAbsDiff(x, TestMatrices.FromMathNet(expected)) <= 1e-12 * TestMatrices.MaxAbs(x) * 10);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void SolveLowerTriangular_MatchesMathNet(int n)
    {
        var rng = new Xoshiro256StarStar(250 + (ulong)n);
        var l = Hpd(ref rng, n);
        Assert.True(HermitianMatrix.TryCholesky(l, n));
        var b = TestMatrices.Gaussian(ref rng, n, 2);
        var x = (Complex[])b.Clone();
        HermitianMatrix.SolveLowerTriangular(l, n, x, 2);
        var expected = TestMatrices.ToMathNet(l, n, n).Solve(TestMatrices.ToMathNet(b, n, 2));
        Assert.True(TestMatrices.MaxAbsDiff(x, TestMatrices.FromMathNet(expected)) <= 1e-11 * Math.Max(1, TestMatrices.MaxAbs(x)));
    }

    [Theory, MemberData(nameof(Sizes))]
    public void LogDeterminant_MatchesMathNetDeterminantLn(int n)
    {
        var rng = new Xoshiro256StarStar(300 + (ulong)n);
        var a = Hpd(ref rng, n);
        double ld = HermitianMatrix.LogDeterminant(a, n, new Complex[n * n]);
        double expected = TestMatrices.ToMathNet(a, n, n).Cholesky().DeterminantLn.Real;
        Assert.Equal(expected, ld, 1e-12 * Math.Max(1, Math.Abs(expected)));
    }

    [Theory, MemberData(nameof(Sizes))]
    public void CholeskyIdentityPlus_MatchesMathNetAndLeavesFactor(int n)
    {
        var rng = new Xoshiro256StarStar(400 + (ulong)n);
        var x = TestMatrices.PsdOfRank(ref rng, n, Math.Max(1, n / 2));
        var buf = (Complex[])x.Clone();
        double ld = HermitianMatrix.CholeskyIdentityPlus(buf, n);
        var ipx = Matrix<Complex>.Build.DenseIdentity(n) + TestMatrices.ToMathNet(x, n, n);
        Assert.Equal(ipx.Cholesky().DeterminantLn.Real, ld, 1e-12 * Math.Max(1, Math.Abs(ld)));
        Assert.True(TestMatrices.MaxAbsDiff(buf, TestMatrices.FromMathNet(ipx.Cholesky().Factor)) <= 1e-12 * Math.Max(1, TestMatrices.MaxAbs(x)));
    }

    [Fact]
    public void CholeskyIdentityPlus_KeepsRelativeAccuracyForTinyX()
    {
        // X = 1e-12·(random PSD): ln det(I + X) ≈ 1e-12·tr; forming 1 + x first would lose ~4 of 16 digits.
        // Reference: Σ log1p(λ_i) from MathNet eigenvalues (absolute error ~1e-28, i.e. ~1e-16 relative here).
        var rng = new Xoshiro256StarStar(401);
        int n = 6;
        var x = TestMatrices.PsdOfRank(ref rng, n, 3);
        for (int i = 0; i < x.Length; i++) x[i] *= 1e-12;
        var evd = TestMatrices.ToMathNet(x, n, n).Evd(Symmetricity.Hermitian);
        double expected = 0;
        foreach (var l in evd.EigenValues) expected += Log1PReference(l.Real);
        double ld = HermitianMatrix.CholeskyIdentityPlus((Complex[])x.Clone(), n);
        Assert.Equal(expected, ld, 1e-13 * Math.Abs(expected));
    }

    private static double Log1PReference(double v) => v - v * v / 2 + v * v * v / 3; // |v| ≤ 1e-11: truncation 1e-44

    [Theory, MemberData(nameof(Sizes))]
    public void Eigen_MatchesMathNetEigenvaluesAndReconstructs(int n)
    {
        var rng = new Xoshiro256StarStar(500 + (ulong)n);
        var a = TestMatrices.Gaussian(ref rng, n, n);
        for (int i = 0; i < n; i++) // make Hermitian (indefinite)
            for (int j = 0; j <= i; j++)
            {
                Complex h = 0.5 * (a[i * n + j] + Complex.Conjugate(a[j * n + i]));
                a[i * n + j] = h; a[j * n + i] = Complex.Conjugate(h);
            }
        for (int i = 0; i < n; i++) a[i * n + i] = a[i * n + i].Real;
        CheckEigen(a, n);
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(8, 3)]
    [InlineData(16, 1)]
    [InlineData(32, 5)]
    public void Eigen_HandlesRankDeficientPsdWithRepeatedZeroEigenvalues(int n, int rank)
    {
        var rng = new Xoshiro256StarStar(600 + (ulong)(n * 10 + rank));
        CheckEigen(TestMatrices.PsdOfRank(ref rng, n, rank), n);
    }

    private static void CheckEigen(Complex[] a, int n)
    {
        var values = new double[n];
        var vectors = new Complex[n * n];
        HermitianMatrix.Eigen(a, n, values, vectors, new Complex[n * n]);
        var am = TestMatrices.ToMathNet(a, n, n);
        double norm = am.FrobeniusNorm();
        var expected = am.Evd(Symmetricity.Hermitian).EigenValues.Select(z => z.Real).OrderBy(v => v).ToArray();
        for (int i = 0; i < n; i++) Assert.Equal(expected[i], values[i], 1e-12 * norm);
        for (int i = 1; i < n; i++) Assert.True(values[i - 1] <= values[i]);
        var v = TestMatrices.ToMathNet(vectors, n, n);
        // Unitary and A·V = V·Λ (eigenvectors are only defined up to phase / within degenerate subspaces).
        Assert.True((v.ConjugateTranspose() * v - Matrix<Complex>.Build.DenseIdentity(n)).FrobeniusNorm() <= 1e-12 * n);
        var lam = Matrix<Complex>.Build.DenseOfDiagonalArray(values.Select(x => new Complex(x, 0)).ToArray());
        Assert.True((am * v - v * lam).FrobeniusNorm() <= 1e-12 * Math.Max(1, norm));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    [InlineData(8, 8)]
    [InlineData(12, 5)]
    [InlineData(32, 7)]
    public void PivotedCholesky_FindsRankAndReconstructs(int n, int rank)
    {
        var rng = new Xoshiro256StarStar(700 + (ulong)(n * 10 + rank));
        var a = TestMatrices.PsdOfRank(ref rng, n, rank);
        var f = new Complex[n * n];
        int r = HermitianMatrix.PivotedCholesky(a, n, f, new Complex[n * n]);
        Assert.Equal(rank, r);
        var fm = TestMatrices.ToMathNet(f, n, n);
        for (int i = 0; i < n; i++)
            for (int j = r; j < n; j++) Assert.Equal(Complex.Zero, f[i * n + j]);
        double err = (fm * fm.ConjugateTranspose() - TestMatrices.ToMathNet(a, n, n)).FrobeniusNorm();
        Assert.True(err <= 1e-12 * Math.Max(1, TestMatrices.ToMathNet(a, n, n).FrobeniusNorm()), $"reconstruction error {err}");
    }

    [Fact]
    public void Hermitize_TakesHermitianPart()
    {
        var a = new Complex[] { new(1, 0.5), new(2, 1), new(4, -3), new(5, 0.1) };
        HermitianMatrix.Hermitize(a, 2);
        Assert.Equal(new Complex(1, 0), a[0]);
        Assert.Equal(new Complex(3, 2), a[1]);
        Assert.Equal(new Complex(3, -2), a[2]);
        Assert.Equal(new Complex(5, 0), a[3]);
    }

    [Fact]
    public void BadSizes_Throw()
    {
        Assert.Throws<ArgumentException>(() => HermitianMatrix.TryCholesky(new Complex[3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => HermitianMatrix.TryCholesky(new Complex[3], -1));
        Assert.Throws<ArgumentException>(() => HermitianMatrix.LogDeterminant(new Complex[] { 1, 2, 2, 1 }, 2, new Complex[4]));
        Assert.Throws<ArgumentException>(() => HermitianMatrix.Eigen(new Complex[4], 2, new double[1], new Complex[4], new Complex[4]));
    }
}
