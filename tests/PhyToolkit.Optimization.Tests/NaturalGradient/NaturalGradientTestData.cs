using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Tests.NaturalGradient;

/// <summary>Seeded random matrices and a small nonlinear residual model for the natural-gradient tests.</summary>
internal static class NaturalGradientTestData
{
    public static double[] Gaussian(int count, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new double[count];
        for (int i = 0; i < count; i++) x[i] = rng.NextGaussian();
        return x;
    }

    public static double RelativeDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { num += (a[i] - b[i]) * (a[i] - b[i]); den += b[i] * b[i]; }
        return Math.Sqrt(num / den);
    }
}

/// <summary>
/// A nonlinear residual model: rᵢ(θ) = sin(aᵢᵀθ) + ½(aᵢᵀθ)² − bᵢ (smooth, non-convex loss), for line-search and SPRING checks.
/// </summary>
internal sealed class SineResidualModel(double[] a, double[] b, int p) : PhyToolkit.Optimization.NaturalGradient.IResidualModel
{
    public int ParameterCount => p;
    public int ResidualCount => b.Length;

    public void Residuals(ReadOnlySpan<double> theta, Span<double> residuals)
    {
        for (int i = 0; i < b.Length; i++)
        {
            double z = PhyToolkit.Core.LinearAlgebra.VectorOps.Dot(a.AsSpan(i * p, p), theta);
            residuals[i] = Math.Sin(z) + 0.5 * z * z - b[i];
        }
    }

    public void Jacobian(ReadOnlySpan<double> theta, Span<double> residuals, Span<double> jacobian)
    {
        for (int i = 0; i < b.Length; i++)
        {
            var ai = a.AsSpan(i * p, p);
            double z = PhyToolkit.Core.LinearAlgebra.VectorOps.Dot(ai, theta);
            residuals[i] = Math.Sin(z) + 0.5 * z * z - b[i];
            double dz = Math.Cos(z) + z;
            for (int k = 0; k < p; k++) jacobian[i * p + k] = dz * ai[k];
        }
    }
}
