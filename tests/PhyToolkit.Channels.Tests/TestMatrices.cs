using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests;

/// <summary>Random test matrices (row-major Complex[]) and MathNet conversions, all from explicit seeds.</summary>
internal static class TestMatrices
{
    public static Complex[] Gaussian(ref Xoshiro256StarStar rng, int rows, int cols, double variance = 1)
    {
        var a = new Complex[rows * cols];
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextComplexGaussian(variance);
        return a;
    }

    /// <summary>R = G·Gᴴ/rank with G M×rank Gaussian: Hermitian PSD of rank min(M, rank), mean diagonal ≈ 1.</summary>
    public static Complex[] PsdOfRank(ref Xoshiro256StarStar rng, int m, int rank)
    {
        var g = Gaussian(ref rng, m, rank);
        var r = new Complex[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                Complex s = 0;
                for (int l = 0; l < rank; l++) s += g[i * rank + l] * Complex.Conjugate(g[j * rank + l]);
                r[i * m + j] = s / rank;
            }
        for (int i = 0; i < m; i++) r[i * m + i] = r[i * m + i].Real;
        return r;
    }

    /// <summary>Haar-like unitary from MathNet's QR of a complex Gaussian matrix (independent of our own kernels).</summary>
    public static Matrix<Complex> Unitary(ref Xoshiro256StarStar rng, int m) => ToMathNet(Gaussian(ref rng, m, m), m, m).QR().Q;

    /// <summary>R = U·diag(λ)·Uᴴ with a random unitary U (row-major).</summary>
    public static Complex[] WithEigenvalues(ref Xoshiro256StarStar rng, double[] lambda)
    {
        int m = lambda.Length;
        var u = Unitary(ref rng, m);
        var d = Matrix<Complex>.Build.DenseOfDiagonalArray(lambda.Select(l => new Complex(l, 0)).ToArray());
        var r = u * d * u.ConjugateTranspose();
        var a = FromMathNet(r);
        for (int i = 0; i < m; i++)
        {
            a[i * m + i] = a[i * m + i].Real;
            for (int j = i + 1; j < m; j++) a[j * m + i] = Complex.Conjugate(a[i * m + j]);
        }
        return a;
    }

    public static Matrix<Complex> ToMathNet(ReadOnlySpan<Complex> a, int rows, int cols)
    {
        var m = Matrix<Complex>.Build.Dense(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) m[i, j] = a[i * cols + j];
        return m;
    }

    public static Complex[] FromMathNet(Matrix<Complex> m)
    {
        var a = new Complex[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) a[i * m.ColumnCount + j] = m[i, j];
        return a;
    }

    public static double MaxAbsDiff(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Complex.Abs(a[i] - b[i]));
        return d;
    }

    public static double MaxAbs(ReadOnlySpan<Complex> a)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Complex.Abs(a[i]));
        return d;
    }
}
