using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// The Gaussian mechanism on a vector query of L2 sensitivity Δ: release q(D) + N(0, (σΔ)² I), σ the noise multiplier
/// (Dwork and Roth, "The Algorithmic Foundations of Differential Privacy", 2014, App. A; RDP ε(α) = α/(2σ²), Mironov,
/// "Rényi Differential Privacy", arXiv:1702.07476, Prop. 7). Accounting is done by <see cref="RdpAccountant"/>.
/// </summary>
public static class GaussianMechanism
{
    /// <summary>Adds N(0, (<paramref name="noiseMultiplier"/>·<paramref name="sensitivity"/>)²) to every entry of <paramref name="value"/>.</summary>
    /// <param name="value">The query answer (modified).</param>
    /// <param name="noiseMultiplier">σ ≥ 0 (0 = no noise, no privacy).</param>
    /// <param name="sensitivity">Δ &gt; 0 (the clipping norm for a sum of clipped gradients).</param>
    /// <param name="rng">Seeded generator.</param>
    public static void AddNoise(Span<double> value, double noiseMultiplier, double sensitivity, ref Xoshiro256StarStar rng)
    {
        Guard.NonNegative(noiseMultiplier, nameof(noiseMultiplier));
        Guard.Positive(sensitivity, nameof(sensitivity));
        double std = noiseMultiplier * sensitivity;
        if (std == 0) return;
        for (int j = 0; j < value.Length; j++) value[j] += std * rng.NextGaussian();
    }

    /// <summary>RDP of one release at order α: α/(2σ²) (Mironov, arXiv:1702.07476, Prop. 7).</summary>
    /// <param name="noiseMultiplier">σ &gt; 0.</param>
    /// <param name="order">α &gt; 1.</param>
    public static double Rdp(double noiseMultiplier, double order)
    {
        Guard.Positive(noiseMultiplier, nameof(noiseMultiplier));
        if (!(order > 1) || !double.IsFinite(order)) throw new ArgumentOutOfRangeException(nameof(order), order, $"order = {order}; allowed: a finite number > 1.");
        return order / (2 * noiseMultiplier * noiseMultiplier);
    }
}
