namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// Smooth advantage standardisation (SAS) of DCPO (arXiv:2509.02333, §"Smooth Advantage Standardization"; reference code
/// <c>compute_dcpo_outcome_advantage</c>). On visit i of a prompt with rewards R_1..R_G:
/// μ_new, σ_new = mean, unbiased std of R; μ_tot = ((i−1)μ_tot' + μ_new)/i;
/// σ_tot² = [(i−1)σ_tot'² + σ_new² + ((i−1)/i)(μ_new − μ_tot')²]/i (first visit: μ_tot = μ_new, σ_tot = σ_new);
/// A_new = (R − μ_new)/σ_new, A_tot = (R − μ_tot)/σ_tot (0 where σ = 0);
/// SA_new = ((i−1)/i)A_new + (1/i)A_tot, SA_tot = (1/i)A_new + ((i−1)/i)A_tot; Â_j is whichever of SA_new_j, SA_tot_j is smaller in magnitude.
/// </summary>
/// <remarks>
/// Each visit counts as one unit in the merge (equal weight per visit, not per sample), as in the reference code with
/// <c>user_old_mean_ratio = 1</c>. Once a prompt has produced differing rewards, a later visit with identical rewards still
/// gets the non-zero advantage A_tot/i. On a tie in magnitude the code's strict comparison picks SA_tot.
/// </remarks>
public static class SmoothAdvantage
{
    /// <summary>Computes the SAS advantages of one visit and updates the prompt's statistics.</summary>
    /// <param name="rewards">The visit's group rewards, G ≥ 2.</param>
    /// <param name="stats">The prompt's statistics before the visit; replaced by the merged statistics.</param>
    /// <param name="advantages">Output Â_j, same length as <paramref name="rewards"/>.</param>
    public static void Compute(ReadOnlySpan<double> rewards, ref PromptRewardStats stats, Span<double> advantages)
    {
        if (stats.Visits < 0) throw new ArgumentOutOfRangeException(nameof(stats), stats.Visits, "visit count must be non-negative.");
        var (muNew, sigmaNew) = GroupAdvantage.MeanStd(rewards);
        Guard.Length(advantages.Length, rewards.Length, nameof(advantages));
        int i = stats.Visits + 1;
        double muTot, sigmaTot;
        if (i == 1)
        {
            muTot = muNew;
            sigmaTot = sigmaNew;
        }
        else
        {
            double w = (i - 1.0) / i, dm = muNew - stats.Mean;
            muTot = ((i - 1) * stats.Mean + muNew) / i;
            sigmaTot = Math.Sqrt(((i - 1) * stats.Std * stats.Std + sigmaNew * sigmaNew + w * dm * dm) / i);
        }
        double a = (i - 1.0) / i, b = 1.0 / i;
        for (int j = 0; j < rewards.Length; j++)
        {
            double aNew = sigmaNew > 0 ? (rewards[j] - muNew) / sigmaNew : 0;
            double aTot = sigmaTot > 0 ? (rewards[j] - muTot) / sigmaTot : 0;
            double saNew = a * aNew + b * aTot, saTot = b * aNew + a * aTot;
            advantages[j] = Math.Abs(saNew) < Math.Abs(saTot) ? saNew : saTot;
        }
        stats = new PromptRewardStats(muTot, sigmaTot, i);
    }
}
