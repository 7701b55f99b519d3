namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// Group-relative advantage of GRPO (DeepSeekMath, arXiv:2402.03300): Â_j = (R_j − mean_k R_k)/(std_k R_k + δ), with the unbiased
/// standard deviation (torch.std) and δ = 1e-6 as in verl's <c>compute_grpo_outcome_advantage</c>. A group whose rewards
/// are all equal gets Â_j = 0 for every response (no gradient: the "zero-gradient" problem DAPO and DCPO address).
/// </summary>
public static class GroupAdvantage
{
    /// <summary>verl's δ added to the group standard deviation.</summary>
    public const double StdEpsilon = 1e-6;

    /// <summary>Writes the standardised advantages of one group into <paramref name="advantages"/>.</summary>
    /// <param name="rewards">Rewards R_1..R_G of one prompt's group, G ≥ 2.</param>
    /// <param name="advantages">Output, same length.</param>
    public static void Standardize(ReadOnlySpan<double> rewards, Span<double> advantages)
    {
        var (mean, std) = MeanStd(rewards);
        Guard.Length(advantages.Length, rewards.Length, nameof(advantages));
        for (int j = 0; j < rewards.Length; j++) advantages[j] = (rewards[j] - mean) / (std + StdEpsilon);
    }

    /// <summary>Mean and unbiased standard deviation of a group (G ≥ 2, finite rewards).</summary>
    /// <param name="rewards">The group's rewards.</param>
    public static (double Mean, double Std) MeanStd(ReadOnlySpan<double> rewards)
    {
        if (rewards.Length < 2) throw new ArgumentOutOfRangeException(nameof(rewards), rewards.Length, "a group needs G ≥ 2 responses.");
        double mean = 0;
        foreach (double r in rewards)
        {
            if (!double.IsFinite(r)) throw new ArgumentOutOfRangeException(nameof(rewards), r, "rewards must be finite.");
            mean += r;
        }
        mean /= rewards.Length;
        double ss = 0;
        foreach (double r in rewards) ss += (r - mean) * (r - mean);
        return (mean, Math.Sqrt(ss / (rewards.Length - 1)));
    }
}
