using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// Per-sample L2 clipping clip_C(g) = g · min(1, C/‖g‖₂) (Abadi et al., "Deep Learning with Differential Privacy",
/// arXiv:1607.00133, Alg. 1): after clipping every sample's contribution has norm ≤ C, so the sum of clipped vectors has
/// L2 sensitivity C under adding or removing one record.
/// </summary>
public static class PerSampleClipper
{
    /// <summary>Clips <paramref name="gradient"/> in place to L2 norm at most <paramref name="clipNorm"/>; returns the norm before clipping.</summary>
    /// <param name="gradient">One sample's gradient (modified).</param>
    /// <param name="clipNorm">C &gt; 0 (+∞ = no clipping, for non-private baselines).</param>
    public static double Clip(Span<double> gradient, double clipNorm)
    {
        Guard.PositiveOrInfinity(clipNorm, nameof(clipNorm));
        double norm = VectorOps.Norm(gradient);
        if (norm > clipNorm)
        {
            double s = clipNorm / norm;
            for (int j = 0; j < gradient.Length; j++) gradient[j] *= s;
        }
        return norm;
    }

    /// <summary>Adds clip_C(<paramref name="gradient"/>) to <paramref name="sum"/> (the gradient is not modified); returns the norm before clipping.</summary>
    public static double ClipAndAccumulate(ReadOnlySpan<double> gradient, double clipNorm, Span<double> sum)
    {
        Guard.PositiveOrInfinity(clipNorm, nameof(clipNorm));
        Guard.Length(sum.Length, gradient.Length, nameof(sum));
        double norm = VectorOps.Norm(gradient);
        double s = norm > clipNorm ? clipNorm / norm : 1.0;
        for (int j = 0; j < gradient.Length; j++) sum[j] += s * gradient[j];
        return norm;
    }
}
