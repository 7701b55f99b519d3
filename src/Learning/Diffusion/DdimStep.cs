using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// One deterministic DDIM (η = 0) step with x̂₀ clipping, exactly as the DMPlug/DMILO code implements it
/// (docs/inverse-imaging.md, [code]; algebraically the g_i of arXiv:2505.20789 [note]):
/// <code>
/// x̂₀     = clip((x_t − sqrt(1−ᾱ_t)·ε̂) / sqrt(ᾱ_t), −1, 1)
/// ε̃      = (x_t − sqrt(ᾱ_t)·x̂₀) / sqrt(1−ᾱ_t)
/// x_prev = sqrt(ᾱ_prev)·x̂₀ + sqrt(1−ᾱ_prev)·ε̃
/// </code>
/// Differentiable in x and ε̂ (the clip passes zero gradient where it is active, as torch's clamp does).
/// </summary>
public static class DdimStep
{
    /// <summary>Applies the step to tensors of any (equal) shape.</summary>
    /// <param name="x">x_t.</param>
    /// <param name="epsilon">ε̂ = ε_θ(x_t, t).</param>
    /// <param name="alphaBar">ᾱ_t in (0, 1).</param>
    /// <param name="alphaBarPrevious">ᾱ_prev in (0, 1].</param>
    public static Tensor Apply(Tensor x, Tensor epsilon, double alphaBar, double alphaBarPrevious)
    {
        Guard.InRange(alphaBar, double.Epsilon, 1 - 1e-12, nameof(alphaBar));
        Guard.InRange(alphaBarPrevious, double.Epsilon, 1, nameof(alphaBarPrevious));
        double sa = Math.Sqrt(alphaBar), s1 = Math.Sqrt(1 - alphaBar);
        // Every Scalar held by `using` and every alpha explicit (same operations as the operators, so identical results):
        // an unheld Scalar temporary can be finalised by the GC while libtorch still reads it (see ScalarLifetimeTests).
        using Scalar ssa = sa, ss1 = s1, lo = -1.0, hi = 1.0, sp = Math.Sqrt(alphaBarPrevious), sq = Math.Sqrt(1 - alphaBarPrevious), one = 1;
        var x0 = (x - epsilon.mul(ss1)).div(ssa).clamp(lo, hi);
        var eps = (x - x0.mul(ssa)).div(ss1);
        return x0.mul(sp).add(eps.mul(sq), one);
    }

    /// <summary>Scalar twin of <see cref="Apply(Tensor, Tensor, double, double)"/> (reference for tests and docs).</summary>
    public static double Apply(double x, double epsilon, double alphaBar, double alphaBarPrevious)
    {
        double sa = Math.Sqrt(alphaBar), s1 = Math.Sqrt(1 - alphaBar);
        double x0 = Math.Clamp((x - s1 * epsilon) / sa, -1, 1);
        double eps = (x - sa * x0) / s1;
        return Math.Sqrt(alphaBarPrevious) * x0 + Math.Sqrt(1 - alphaBarPrevious) * eps;
    }
}
