namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// Noise scales of the Memory Pair's certified deletion (arXiv 2508.10193, §"Composition under zCDP" and the
/// "Stream-wide fidelity" theorem; author's reference code for V3) and the zCDP ↔ (ε, δ) conversion of Bun and Steinke
/// (arXiv 1605.02065, Prop. 1.3): ρ-zCDP implies (ρ + 2√(ρ ln(1/δ)), δ)-DP.
/// </summary>
public static class DeletionNoiseCalibration
{
    /// <summary>ε of ρ-zCDP at δ: ρ + 2√(ρ ln(1/δ)) (arXiv 1605.02065, Prop. 1.3).</summary>
    /// <param name="rho">ρ ≥ 0.</param>
    /// <param name="delta">δ ∈ (0, 1).</param>
    public static double ZcdpToEpsilon(double rho, double delta)
    {
        Guard.NonNegative(rho, nameof(rho));
        CheckDelta(delta, nameof(delta));
        return rho + 2 * Math.Sqrt(rho * Math.Log(1 / delta));
    }

    /// <summary>
    /// The largest ρ whose (ε, δ) image is <paramref name="epsilon"/>: the root of ρ + 2√(ρL) = ε, L = ln(1/δ), which is
    /// ρ = (√(L + ε) − √L)² [D]. With ε = 1, δ = 1e−5 this is 0.0209.
    /// </summary>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="delta">δ ∈ (0, 1).</param>
    public static double ZcdpRhoForEpsilon(double epsilon, double delta)
    {
        Guard.Positive(epsilon, nameof(epsilon));
        CheckDelta(delta, nameof(delta));
        double l = Math.Log(1 / delta);
        double r = Math.Sqrt(l + epsilon) - Math.Sqrt(l);
        return r * r;
    }

    /// <summary>V1: σ = S/√(2ρ_s), the Gaussian noise that makes one step of L2 sensitivity S ρ_s-zCDP (arXiv 1605.02065, Prop. 1.6) [P].</summary>
    /// <param name="sensitivity">S &gt; 0 (S_step = G/λ for the certified mode).</param>
    /// <param name="rhoPerDeletion">ρ_s &gt; 0.</param>
    public static double SigmaZcdp(double sensitivity, double rhoPerDeletion)
    {
        Guard.Positive(sensitivity, nameof(sensitivity));
        Guard.Positive(rhoPerDeletion, nameof(rhoPerDeletion));
        return sensitivity / Math.Sqrt(2 * rhoPerDeletion);
    }

    /// <summary>
    /// V2 and V3: the classical Gaussian mechanism σ = S·√(2 ln(1.25/δ_s))/ε_s (Dwork and Roth 2014, Thm A.1) [P].
    /// </summary>
    /// <remarks>The classical analysis assumes ε_s &lt; 1; with the defaults (ε* = 1, m = 20) ε_s = 0.05.</remarks>
    /// <param name="sensitivity">S ≥ 0 (0 gives σ = 0, used by V3 when the realised step is zero).</param>
    /// <param name="epsilonPerDeletion">ε_s &gt; 0.</param>
    /// <param name="deltaPerDeletion">δ_s ∈ (0, 1).</param>
    public static double SigmaGaussian(double sensitivity, double epsilonPerDeletion, double deltaPerDeletion)
    {
        Guard.NonNegative(sensitivity, nameof(sensitivity));
        Guard.Positive(epsilonPerDeletion, nameof(epsilonPerDeletion));
        CheckDelta(deltaPerDeletion, nameof(deltaPerDeletion));
        return sensitivity * Math.Sqrt(2 * Math.Log(1.25 / deltaPerDeletion)) / epsilonPerDeletion;
    }

    private static void CheckDelta(double delta, string name)
    {
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(name, delta, $"{name} = {delta}; allowed: a number in (0, 1).");
    }
}
