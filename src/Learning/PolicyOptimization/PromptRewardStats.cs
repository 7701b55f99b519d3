namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// The per-prompt reward statistics that smooth advantage standardisation (SAS, DCPO arXiv:2509.02333) carries across the
/// steps at which the prompt is sampled: the merged mean μ_tot, the merged standard deviation σ_tot and the visit count i.
/// </summary>
/// <param name="Mean">μ_tot after <paramref name="Visits"/> visits.</param>
/// <param name="Std">σ_tot after <paramref name="Visits"/> visits (≥ 0).</param>
/// <param name="Visits">Number of visits merged so far (0 = never visited).</param>
public readonly record struct PromptRewardStats(double Mean, double Std, int Visits)
{
    /// <summary>A prompt that has not been visited.</summary>
    public static PromptRewardStats None => default;
}
