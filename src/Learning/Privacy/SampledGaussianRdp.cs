namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// RDP of the Poisson-sampled Gaussian mechanism at integer orders (Mironov, Talwar, Zhang, "Rényi Differential Privacy of
/// the Sampled Gaussian Mechanism", arXiv:1908.10530, §3.3):
/// ε(α) = (1/(α−1)) log Σ_{k=0}^{α} C(α,k) (1−q)^{α−k} q^k exp((k² − k)/(2σ²)).
/// </summary>
/// <remarks>Evaluated in log space (log-sum-exp over the α + 1 terms); terms with a zero factor are skipped, so q = 1
/// leaves only k = α and gives α/(2σ²), and q = 0 leaves only k = 0 and gives 0. Cost O(α).</remarks>
public static class SampledGaussianRdp
{
    /// <summary>ε_RDP(α) of one sampled-Gaussian step.</summary>
    /// <param name="samplingRate">q ∈ [0, 1] (Poisson sampling rate; 1 = no subsampling).</param>
    /// <param name="noiseMultiplier">σ &gt; 0.</param>
    /// <param name="order">Integer α ≥ 2.</param>
    public static double Rdp(double samplingRate, double noiseMultiplier, int order)
    {
        Guard.InRange(samplingRate, 0, 1, nameof(samplingRate));
        Guard.Positive(noiseMultiplier, nameof(noiseMultiplier));
        Guard.AtLeast(order, 2, nameof(order));
        double q = samplingRate;
        if (q == 0) return 0;
        double logQ = Math.Log(q), log1mQ = double.LogP1(-q);
        double inv2s2 = 1 / (2 * noiseMultiplier * noiseMultiplier);
        double max = double.NegativeInfinity;
        Span<double> terms = order <= 512 ? stackalloc double[order + 1] : new double[order + 1];
        double logBinom = 0; // log C(α, 0)
        for (int k = 0; k <= order; k++)
        {
            if (k > 0) logBinom += Math.Log(order - k + 1) - Math.Log(k);
            double t = logBinom + (double)(k * (long)k - k) * inv2s2;
            if (k > 0) t += k * logQ;
            if (order - k > 0) t = q == 1 ? double.NegativeInfinity : t + (order - k) * log1mQ;
            terms[k] = t;
            if (t > max) max = t;
        }
        double s = 0;
        for (int k = 0; k <= order; k++) if (!double.IsNegativeInfinity(terms[k])) s += Math.Exp(terms[k] - max);
        return (max + Math.Log(s)) / (order - 1);
    }
}
