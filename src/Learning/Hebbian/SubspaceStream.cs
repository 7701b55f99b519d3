using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Hebbian;

/// <summary>
/// The stationary input stream of the drift study: x = U a + V b ∈ ℝⁿ with a ~ N(0, diag(λ₁…λ_m)) task-relevant and
/// b ~ N(0, λ⊥ I) task-irrelevant, i.i.d. over time. U and V are the identity blocks (the first m coordinates are
/// relevant, the remaining n − m irrelevant); every learner in this folder is rotation-equivariant, so this choice loses
/// no generality.
/// </summary>
/// <remarks>
/// Data model: our proposal, consistent with the setting of Pashakhanloo, arXiv 2510.21588 (task-relevant and
/// task-irrelevant subspaces, the latter with per-direction variance λ⊥ &lt; min λᵢ).
/// </remarks>
public sealed class SubspaceStream
{
    private readonly double[] _sdRelevant;
    private readonly double _sdIrrelevant;

    /// <summary>Creates the stream.</summary>
    /// <param name="inputDimension">n ≥ m.</param>
    /// <param name="relevantVariances">λ₁…λ_m, each finite and &gt; 0 (m ≥ 1 entries).</param>
    /// <param name="irrelevantVariance">λ⊥ ≥ 0, below min λᵢ.</param>
    /// <exception cref="ArgumentException">m &gt; n, λ⊥ &lt; 0, λ⊥ ≥ min λᵢ or a non-positive λᵢ.</exception>
    public SubspaceStream(int inputDimension, ReadOnlySpan<double> relevantVariances, double irrelevantVariance)
    {
        RelevantVariances = Guard.AllPositive(relevantVariances, nameof(relevantVariances));
        int m = RelevantVariances.Length;
        InputDimension = Guard.AtLeast(inputDimension, m, nameof(inputDimension));
        double minRelevant = RelevantVariances.Min();
        IrrelevantVariance = Guard.NonNegative(irrelevantVariance, nameof(irrelevantVariance));
        if (m < inputDimension && irrelevantVariance >= minRelevant)
            throw new ArgumentOutOfRangeException(nameof(irrelevantVariance), irrelevantVariance,
                $"irrelevantVariance = {irrelevantVariance}; allowed: a number in [0, {minRelevant}) (below the smallest relevant variance, so the relevant subspace stays principal).");
        _sdRelevant = RelevantVariances.Select(Math.Sqrt).ToArray();
        _sdIrrelevant = Math.Sqrt(irrelevantVariance);
    }

    /// <summary>Input dimension n.</summary>
    public int InputDimension { get; }

    /// <summary>Relevant dimension m.</summary>
    public int RelevantDimension => RelevantVariances.Length;

    /// <summary>λ₁…λ_m.</summary>
    public double[] RelevantVariances { get; }

    /// <summary>λ⊥.</summary>
    public double IrrelevantVariance { get; }

    /// <summary>Draws one sample: <paramref name="x"/> (length n) and its relevant latent <paramref name="relevant"/> (length m).</summary>
    public void Next(Span<double> x, Span<double> relevant, ref Xoshiro256StarStar rng)
    {
        Guard.Length(x.Length, InputDimension, nameof(x));
        Guard.Length(relevant.Length, RelevantDimension, nameof(relevant));
        int m = RelevantDimension;
        for (int i = 0; i < m; i++) { relevant[i] = _sdRelevant[i] * rng.NextGaussian(); x[i] = relevant[i]; }
        for (int i = m; i < x.Length; i++) x[i] = _sdIrrelevant * rng.NextGaussian();
    }
}
