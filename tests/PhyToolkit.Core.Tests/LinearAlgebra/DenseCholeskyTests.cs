using PhyToolkit.Core.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Tests.LinearAlgebra;

public class DenseCholeskyTests
{
    private static double[] RandomSpd(int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var b = new double[n * n];
        for (int i = 0; i < b.Length; i++) b[i] = rng.NextGaussian();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? n : 0;                 // BBᵀ + nI is well conditioned
                for (int k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
                a[i * n + j] = s;
            }
        return a;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void FactorReproducesTheMatrixAndSolveInvertsIt(int n)
    {
        var a = RandomSpd(n, (ulong)n);
        var l = new double[n * n];
        DenseCholesky.Factor(a, l, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (j > i) Assert.Equal(0, l[i * n + j]);
                double s = 0;
                for (int k = 0; k < n; k++) s += l[i * n + k] * l[j * n + k];
                Assert.Equal(a[i * n + j], s, 1e-10 * n);
            }

        var x = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++) b[i] = i - 0.5 * n;
        DenseCholesky.Solve(l, n, b, x);
        for (int i = 0; i < n; i++)
            Assert.Equal(b[i], VectorOps.Dot(a.AsSpan(i * n, n), x), 1e-9 * n);
    }

    [Fact]
    public void InPlaceFormGivesIdenticalBitsOnTheLowerTriangle()
    {
        const int n = 7;
        var a = RandomSpd(n, 42);
        var l = new double[n * n];
        DenseCholesky.Factor(a, l, n);
        var m = (double[])a.Clone();
        DenseCholesky.FactorInPlace(m, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) Assert.Equal(l[i * n + j], m[i * n + j]);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) Assert.Equal(a[i * n + j], m[i * n + j]);   // upper triangle untouched
    }

    [Fact]
    public void IndefiniteMatrixIsRefused()
    {
        double[] a = [1, 2, 2, 1];   // eigenvalues 3 and −1
        Assert.Throws<ArithmeticException>(() => DenseCholesky.Factor(a, new double[4], 2));
        Assert.Throws<ArithmeticException>(() => DenseCholesky.FactorInPlace((double[])a.Clone(), 2));
    }

    [Fact]
    public void VectorKernelsMatchTheirDefinitions()
    {
        double[] u = [3, 4, 0];
        double[] v = [1, -2, 5];
        Assert.Equal(3 - 8, VectorOps.Dot(u, v));
        Assert.Equal(5, VectorOps.Norm(u));
        Assert.Equal(4 + 36 + 25, VectorOps.DistanceSquared(u, v));
    }
}
