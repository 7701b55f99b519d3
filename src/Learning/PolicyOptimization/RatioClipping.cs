namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>How the importance ratio is clipped in the surrogate min(r·Â, clip(r)·Â).</summary>
public enum RatioClipping
{
    /// <summary>Token ratio clipped to [1 − ε_low, 1 + ε_high] (PPO/GRPO; DAPO's clip-higher with ε_high &gt; ε_low).</summary>
    Fixed,
    /// <summary>Token ratio clipped to DCPO's dynamic-adaptive bounds [lower(q), upper(q)] (<see cref="DynamicClip"/>).</summary>
    Dynamic,
    /// <summary>GSPO: one sequence ratio s_j = exp(mean_t log r_{j,t}) per response, clipped to [1 − ε_low, 1 + ε_high] (arXiv:2507.18071).</summary>
    Sequence,
}
