namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>How per-token surrogate losses ℓ_{j,t} of N responses are reduced to one loss.</summary>
public enum LossAggregation
{
    /// <summary>GRPO: (1/N) Σ_j (1/|o_j|) Σ_t ℓ_{j,t} (verl "seq-mean-token-mean"); each token of response j weighs 1/(N|o_j|).</summary>
    SequenceMeanTokenMean,
    /// <summary>DAPO's token-level loss: Σ_j Σ_t ℓ_{j,t} / Σ_j |o_j| (verl "token-mean").</summary>
    TokenMean,
    /// <summary>DCPO's only-token-mean (OTM): (1/N) Σ_j Σ_t ℓ_{j,t}, no length normalisation (arXiv:2509.02333, README equation).</summary>
    OnlyTokenMean,
}
