namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// The two formulas of the SAMOSA query (Kim, Agiollo, Khanna, arXiv 2510.16757, as reconstructed from the authors' code
/// <c>query_strategies.samisuk</c>): the SGD/SAM disagreement score and the round-dependent sampling weight of the
/// "dynamic" variant.
/// </summary>
public static class SamosaScore
{
    /// <summary>
    /// Disagreement s(x) = ‖p_A − p_B‖₁ = Σ_k |p_A,k − p_B,k| between the softmax outputs of the SGD-trained model A and the
    /// SAM-trained model B; in [0, 2] for probability vectors, 0 when the models agree.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public static double Disagreement(ReadOnlySpan<double> pA, ReadOnlySpan<double> pB)
    {
        if (pA.Length != pB.Length) throw new ArgumentException($"probability vectors differ in length ({pA.Length} vs {pB.Length})", nameof(pB));
        double s = 0;
        for (int k = 0; k < pA.Length; k++) s += Math.Abs(pA[k] - pB[k]);
        return s;
    }

    /// <summary>
    /// Sampling weight of the dynamic variant, w(s, ρ) = (s + 1 − ρ)(1 − s + ρ)((s − ½)² + (ρ − ½)² + ½), for a min–max
    /// normalised score s ∈ [0, 1] and round fraction ρ = r/R ∈ [0, 1] (authors' code). Non-negative on [0, 1]², zero only at
    /// (1, 0) and (0, 1); early rounds (ρ ≈ 0) favour small s, late rounds (ρ ≈ 1) large s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">s or ρ outside [0, 1].</exception>
    public static double DynamicWeight(double s, double rho)
    {
        if (!(s >= 0 && s <= 1)) throw new ArgumentOutOfRangeException(nameof(s), s, "s must be in [0, 1]");
        if (!(rho >= 0 && rho <= 1)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1]");
        return (s + 1 - rho) * (1 - s + rho) * ((s - 0.5) * (s - 0.5) + (rho - 0.5) * (rho - 0.5) + 0.5);
    }
}
