using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Antennas;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests;

/// <summary>Dense-matrix helpers (MathNet) used as independent references in the tests.</summary>
internal static class TestHelpers
{
    public static Matrix<Complex> ToMatrix(ReadOnlySpan<Complex> a, int rows, int cols)
    {
        var m = Matrix<Complex>.Build.Dense(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) m[i, j] = a[i * cols + j];
        return m;
    }

    public static Complex[] ToArray(Matrix<Complex> m)
    {
        var a = new Complex[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) a[i * m.ColumnCount + j] = m[i, j];
        return a;
    }

    public static double MaxAbsDiff(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, (a[i] - b[i]).Magnitude);
        return d;
    }

    public static double FrobeniusNorm(ReadOnlySpan<Complex> a)
    {
        double s = 0;
        foreach (var z in a) s += z.Real * z.Real + z.Imaginary * z.Imaginary;
        return Math.Sqrt(s);
    }

    public static double HermitianDefect(ReadOnlySpan<Complex> r, int m)
    {
        double d = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) d = Math.Max(d, (r[i * m + j] - Complex.Conjugate(r[j * m + i])).Magnitude);
        return d;
    }

    /// <summary>Ascending real eigenvalues of a Hermitian matrix.</summary>
    public static double[] Eigenvalues(ReadOnlySpan<Complex> r, int m)
    {
        var evd = ToMatrix(r, m, m).Evd(Symmetricity.Hermitian);
        var ev = new double[m];
        for (int i = 0; i < m; i++) ev[i] = evd.EigenValues[i].Real;
        Array.Sort(ev);
        return ev;
    }

    /// <summary>log det(R + s I) (real; R Hermitian PSD) and its sensitivity G = (R + s I)⁻¹ (df = tr(G dR)).</summary>
    public static (double Value, Complex[] Sensitivity) LogDet(ReadOnlySpan<Complex> r, int m, double s)
    {
        var a = ToMatrix(r, m, m) + s * Matrix<Complex>.Build.DenseIdentity(m);
        var chol = a.Cholesky();
        return (chol.DeterminantLn.Real, ToArray(a.Inverse()));
    }

    public static double[] RandomLayout(PlanarRegion region, int m, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var p = new double[2 * m];
        region.SampleFeasible(p, ref rng);
        return p;
    }

    public static Complex[] RandomComplex(int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var a = new Complex[n];
        for (int i = 0; i < n; i++) a[i] = rng.NextComplexGaussian();
        return a;
    }
}
