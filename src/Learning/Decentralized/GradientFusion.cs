namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// Progressive gradient fusion: v_k = β_k g̃_k + (1 − β_k) v_{k−1}, v_{−1} = g̃_0, with β_k = min(1, β_0 (σ_0/σ_k)²).
/// While the injected noise is large the update leans on the running average of past (already privatised) gradients;
/// as the noise decays the weight on the fresh gradient rises to 1. The paper (Wu et al., arXiv:2510.20157) names the
/// strategy (reuse of historical gradients against early-stage noise); this inverse-variance rule is our realisation.
/// Post-processing of privatised gradients: it costs no privacy.
/// </summary>
public sealed class GradientFusion
{
    private readonly double[] _v;
    private bool _started;

    /// <summary>Creates the fusion state.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="beta0">β_0 ∈ (0, 1] (1 = no fusion, the ablation).</param>
    public GradientFusion(int dimension, double beta0)
    {
        _v = new double[Guard.AtLeast(dimension, 1, nameof(dimension))];
        Beta0 = Guard.InRange(beta0, double.Epsilon, 1, nameof(beta0));
    }

    /// <summary>β_0.</summary>
    public double Beta0 { get; }

    /// <summary>The fused direction v.</summary>
    public ReadOnlySpan<double> Direction => _v;

    /// <summary>β_k = min(1, β_0 (σ_0/σ_k)²) for noise multipliers σ_0 ≥ σ_k &gt; 0 (1 when either is 0: no noise, nothing to smooth).</summary>
    public double Beta(double sigma0, double sigmaK) =>
        sigma0 <= 0 || sigmaK <= 0 ? 1 : Math.Min(1, Beta0 * (sigma0 / sigmaK) * (sigma0 / sigmaK));

    /// <summary>Folds <paramref name="gradient"/> in with weight <paramref name="beta"/>; returns v.</summary>
    public ReadOnlySpan<double> Update(ReadOnlySpan<double> gradient, double beta)
    {
        Guard.Length(gradient, _v.Length, nameof(gradient));
        Guard.InRange(beta, 0, 1, nameof(beta));
        if (!_started) { gradient.CopyTo(_v); _started = true; return _v; }
        for (int m = 0; m < _v.Length; m++) _v[m] = beta * gradient[m] + (1 - beta) * _v[m];
        return _v;
    }
}
