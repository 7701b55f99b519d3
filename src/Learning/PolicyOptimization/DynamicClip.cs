using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// Dynamic-adaptive clipping (DAC) of DCPO (Yang et al., arXiv:2509.02333, §"Dynamic-Adaptive Clipping"): the fixed bound
/// |r − 1| ≤ ε on the token ratio r = p/q is replaced by a bound on the probability change weighted by the new probability,
/// |(r − 1)·p| ≤ ε with p = r·q. Solving (1 − r)·r·q = ε_low and (r − 1)·r·q = ε_high for the root on the side of r = 1 gives
/// <c>lower(q) = ½ + ½·√max(1 − 4ε_low/q, 0)</c> and <c>upper(q) = min(½ + ½·√(1 + 4ε_high/q), cap)</c>.
/// </summary>
/// <remarks>
/// Low-probability tokens get a much wider ratio range (q = 0.01 → r ∈ [0.5, 5]) than likely ones (q = 0.9 → [0.769, 1.187]).
/// The paper's setting is ε_low = 0.16, ε_high = 0.2; its reference code caps the upper ratio at 10.
/// When 1 − 4ε_low/q &lt; 0 every r ∈ (0, 1) satisfies the low-side bound and the code uses ½ (the max(·, 0) above).
/// </remarks>
public static class DynamicClip
{
    /// <summary>The paper's ε_low (arXiv:2509.02333).</summary>
    public const double PaperEpsLow = 0.16;

    /// <summary>The paper's ε_high (arXiv:2509.02333).</summary>
    public const double PaperEpsHigh = 0.2;

    /// <summary>The upper-ratio cap of the reference code (max(clip_ratio_c, 10) = 10).</summary>
    public const double PaperRatioCap = 10;

    /// <summary>Ratio bounds [lower(q), upper(q)] of DAC for an old token probability <paramref name="q"/>.</summary>
    /// <param name="q">Old-policy probability of the token, in (0, 1].</param>
    /// <param name="epsLow">ε_low &gt; 0.</param>
    /// <param name="epsHigh">ε_high &gt; 0.</param>
    /// <param name="cap">Upper cap of the ratio, ≥ 1.</param>
    /// <returns>(lower, upper) with ½ ≤ lower ≤ 1 ≤ upper ≤ cap.</returns>
    public static (double Lower, double Upper) Bounds(double q, double epsLow = PaperEpsLow, double epsHigh = PaperEpsHigh, double cap = PaperRatioCap)
    {
        if (!(q > 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "q must lie in (0, 1].");
        CheckEpsilons(epsLow, epsHigh, cap);
        double lower = 0.5 + 0.5 * Math.Sqrt(Math.Max(1 - 4 * epsLow / q, 0));
        double upper = Math.Min(0.5 + 0.5 * Math.Sqrt(1 + 4 * epsHigh / q), cap);
        return (lower, upper);
    }

    /// <summary>Element-wise <see cref="Bounds(double, double, double, double)"/> for a tensor of old probabilities (no gradient flows into q).</summary>
    /// <param name="q">Old-policy token probabilities in (0, 1] (any shape, floating point).</param>
    /// <param name="epsLow">ε_low &gt; 0.</param>
    /// <param name="epsHigh">ε_high &gt; 0.</param>
    /// <param name="cap">Upper cap of the ratio, ≥ 1.</param>
    public static (Tensor Lower, Tensor Upper) Bounds(Tensor q, double epsLow, double epsHigh, double cap)
    {
        ArgumentNullException.ThrowIfNull(q);
        CheckEpsilons(epsLow, epsHigh, cap);
        using var scope = NewDisposeScope();
        var qd = q.detach();
        // Scalars held explicitly, alpha included: an implicit temporary Scalar can be finalised while libtorch reads it (TorchSharp 0.107).
        using Scalar half = 0.5, one = 1, zero = 0, sLow = -4 * epsLow, sHigh = 4 * epsHigh, sCap = cap;
        var lower = qd.reciprocal().mul(sLow).add(one, one).clamp_min(zero).sqrt().mul(half).add(half, one);
        var upper = qd.reciprocal().mul(sHigh).add(one, one).sqrt().mul(half).add(half, one).clamp_max(sCap);
        return (lower.MoveToOuterDisposeScope(), upper.MoveToOuterDisposeScope());
    }

    private static void CheckEpsilons(double epsLow, double epsHigh, double cap)
    {
        if (!(epsLow > 0 && double.IsFinite(epsLow))) throw new ArgumentOutOfRangeException(nameof(epsLow), epsLow, "ε_low must be positive and finite.");
        if (!(epsHigh > 0 && double.IsFinite(epsHigh))) throw new ArgumentOutOfRangeException(nameof(epsHigh), epsHigh, "ε_high must be positive and finite.");
        if (!(cap >= 1)) throw new ArgumentOutOfRangeException(nameof(cap), cap, "the ratio cap must be at least 1.");
    }
}
