using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// Transformer-style time embedding (Vaswani et al. 2017; used by DDPM): for dimension d = 2h,
/// <c>e = [sin(t·ω_k), cos(t·ω_k)]</c>, <c>ω_k = 10000^(−k/h)</c>, k = 0..h−1.
/// </summary>
public static class SinusoidalEmbedding
{
    /// <summary>Embeds the float time steps <paramref name="t"/> [B] into [B, <paramref name="dimension"/>].</summary>
    public static Tensor Embed(Tensor t, int dimension)
    {
        if (dimension < 2 || dimension % 2 != 0) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension = {dimension}; allowed: an even integer >= 2.");
        int half = dimension / 2;
        using Scalar start = 0, stop = half, step = 1, rate = (float)(-Math.Log(10000.0) / half);   // held Scalars (see ScalarLifetimeTests)
        var k = arange(start, stop, step, dtype: ScalarType.Float32);
        var freqs = exp(k.mul(rate));
        var args = t.to_type(ScalarType.Float32).unsqueeze(1) * freqs.unsqueeze(0);
        return cat([sin(args), cos(args)], 1);
    }
}
