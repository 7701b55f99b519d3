using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Imaging;

internal static class ImagingTestData
{
    public static double[] Gaussian(int n, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.NextGaussian();
        return v;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double MaxAbsDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Math.Abs(a[i] - b[i]));
        return d;
    }

    /// <summary>A non-symmetric odd kernel (so a flipped kernel or a wrong adjoint cannot pass).</summary>
    public static double[] SkewKernel(int rows, int cols)
    {
        var k = new double[rows * cols];
        for (int i = 0; i < k.Length; i++) k[i] = 0.1 + ((i * 7919) % 13) / 13.0;
        return k;
    }

    /// <summary>Dense matrix of a linear operator, column j = A e_j (MathNet), an independent reference.</summary>
    public static MathNet.Numerics.LinearAlgebra.Matrix<double> Dense(IForwardOperator op)
    {
        int n = op.InputShape.Length, m = op.OutputShape.Length;
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, n);
        var e = new double[n];
        var col = new double[m];
        for (int j = 0; j < n; j++)
        {
            e[j] = 1;
            op.Apply(e, col);
            for (int i = 0; i < m; i++) a[i, j] = col[i];
            e[j] = 0;
        }
        return a;
    }
}
