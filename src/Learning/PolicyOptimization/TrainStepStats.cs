namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>What one RLVR step did (the quantities DCPO's paper logs).</summary>
/// <param name="GeneratedResponses">Responses generated in the step, including groups discarded by dynamic sampling (the budget unit).</param>
/// <param name="TrainedResponses">Responses that entered the loss.</param>
/// <param name="TokenClipFraction">Fraction of response tokens on which the clipped branch was active, averaged over the inner epochs (verl pg_clipfrac).</param>
/// <param name="NonZeroAdvantageFraction">Fraction of generated responses with |Â| &gt; 1e-8 (discarded responses count as zero).</param>
/// <param name="MeanReward">Mean reward of the generated responses.</param>
/// <param name="MeanLength">Mean length in tokens of the generated responses.</param>
/// <param name="Refills">Dynamic-sampling refill rounds used.</param>
public readonly record struct TrainStepStats(int GeneratedResponses, int TrainedResponses, double TokenClipFraction, double NonZeroAdvantageFraction,
    double MeanReward, double MeanLength, int Refills);
