namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// The closed-form guarantees of the Memory Pair (arXiv 2508.10193, Theorems A, C and D) under its standing
/// assumptions: ℓ_t λ-strongly convex and G-Lipschitz, W of diameter D, cI ⪯ B_t⁻¹ ⪯ CI, at most m deletions.
/// </summary>
public static class MemoryPairBounds
{
    /// <summary>Δ_m = m·G·σ_step·√(2 ln(1/δ_B)), the regret cost of m noisy deletions (Theorem A) [P].</summary>
    public static double DeletionCost(int m, double gradientBound, double sigmaStep, double deltaB)
    {
        Guard.AtLeast(m, 0, nameof(m));
        Guard.NonNegative(gradientBound, nameof(gradientBound));
        Guard.NonNegative(sigmaStep, nameof(sigmaStep));
        CheckProbability(deltaB, nameof(deltaB));
        return m * gradientBound * sigmaStep * Math.Sqrt(2 * Math.Log(1 / deltaB));
    }

    /// <summary>Theorem A [P]: R_T(m) ≤ (G²/(λc))(1 + ln T) + Δ_m.</summary>
    public static double RegretBound(long t, double gradientBound, double lambda, double c, double deletionCost)
    {
        Guard.AtLeast(t, 1, nameof(t));
        Guard.Positive(lambda, nameof(lambda));
        Guard.Positive(c, nameof(c));
        Guard.NonNegative(deletionCost, nameof(deletionCost));
        return gradientBound * gradientBound / (lambda * c) * (1 + Math.Log(t)) + deletionCost;
    }

    /// <summary>
    /// Theorem D [P]: the γ-sample complexity N* = ⌈((A + √(A² + 4γB))/(2γ))²⌉ with A = G²D√(cC) and B = Δ_m, the
    /// inference-gate threshold.
    /// </summary>
    public static long SampleComplexity(double gamma, double gradientBound, double diameter, double c, double cUpper, double deletionCost)
    {
        Guard.Positive(gamma, nameof(gamma));
        Guard.Positive(diameter, nameof(diameter));
        Guard.Positive(c, nameof(c));
        Guard.Positive(cUpper, nameof(cUpper));
        Guard.NonNegative(deletionCost, nameof(deletionCost));
        double a = gradientBound * gradientBound * diameter * Math.Sqrt(c * cUpper);
        double root = (a + Math.Sqrt(a * a + 4 * gamma * deletionCost)) / (2 * gamma);
        double n = Math.Ceiling(root * root);
        return n >= long.MaxValue ? long.MaxValue : (long)n;
    }

    /// <summary>
    /// Theorem C [P]: the γ-deletion capacity m_max = ⌊(γN − GD√(cC·S_N)) / (G σ_step √(2 ln(1/δ_B)))⌋, and 0 when the
    /// right-hand side is negative. S_N = Σ‖g_t‖² (worst case G²N).
    /// </summary>
    public static long DeletionCapacity(long n, double sumSquaredGradients, double gradientBound, double diameter, double c, double cUpper,
        double sigmaStep, double gamma, double deltaB)
    {
        Guard.AtLeast(n, 0, nameof(n));
        Guard.NonNegative(sumSquaredGradients, nameof(sumSquaredGradients));
        Guard.Positive(gradientBound, nameof(gradientBound));
        Guard.Positive(sigmaStep, nameof(sigmaStep));
        Guard.Positive(gamma, nameof(gamma));
        CheckProbability(deltaB, nameof(deltaB));
        double num = gamma * n - gradientBound * diameter * Math.Sqrt(c * cUpper * sumSquaredGradients);
        if (num <= 0) return 0;
        double m = Math.Floor(num / (gradientBound * sigmaStep * Math.Sqrt(2 * Math.Log(1 / deltaB))));
        return m >= long.MaxValue ? long.MaxValue : (long)m;
    }

    private static void CheckProbability(double p, string name)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(name, p, $"{name} = {p}; allowed: a number in (0, 1).");
    }
}
