namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Verifier side of forging (audit A4, [Proposed]): recompute the gradient of the claimed batch at the logged θ_t and
/// compare it with the logged update. arXiv 2509.05865 concludes that false unlearning claims are detectable in
/// principle because forging sets are small [P]; arXiv 2411.05658 reports that practical forgeries leave a detectable
/// gradient mismatch.
/// </summary>
public static class ForgingAudit
{
    /// <summary>Unit roundoff u of a format: 2⁻²⁴ (float32) or 2⁻⁵³ (float64).</summary>
    /// <param name="precision">Format.</param>
    public static double UnitRoundoff(AuditPrecision precision) =>
        precision == AuditPrecision.Single ? Math.Pow(2, -24) : Math.Pow(2, -53);

    /// <summary>
    /// A4: e = ‖(1/B) Σ_i G(z_i) − g_logged‖₂ and pass flag e ≤ ε_num = c·u·‖g_logged‖₂ (c = 100 by default, our choice).
    /// </summary>
    /// <param name="map">Single-point gradient map at the logged parameters θ_t.</param>
    /// <param name="claimedBatch">The batch the model owner claims was used (B ≥ 1 points of length d).</param>
    /// <param name="loggedGradient">The logged (mean) gradient, length p, finite.</param>
    /// <param name="precision">Format the update was logged in.</param>
    /// <param name="c">Safety factor c &gt; 0 (default 100).</param>
    public static AuditResult Verify(IGradientMap map, IReadOnlyList<double[]> claimedBatch, ReadOnlySpan<double> loggedGradient,
        AuditPrecision precision, double c = 100)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(claimedBatch);
        if (claimedBatch.Count < 1) throw new ArgumentException("claimedBatch must hold at least one point.", nameof(claimedBatch));
        Guard.Length(loggedGradient.Length, map.ParameterDimension, nameof(loggedGradient));
        foreach (double v in loggedGradient) Guard.Finite(v, nameof(loggedGradient));
        Guard.Positive(c, nameof(c));
        var g = new double[map.ParameterDimension];
        var mean = new double[map.ParameterDimension];
        foreach (var z in claimedBatch)
        {
            ArgumentNullException.ThrowIfNull(z, nameof(claimedBatch));
            Guard.Length(z.Length, map.DataDimension, nameof(claimedBatch));
            map.Gradient(z, g);
            for (int i = 0; i < g.Length; i++) mean[i] += g[i];
        }
        double norm2 = 0;
        for (int i = 0; i < mean.Length; i++)
        {
            mean[i] /= claimedBatch.Count;
            norm2 += loggedGradient[i] * loggedGradient[i];
        }
        double e = Math.Sqrt(ForgingSetEstimator.Dist2(mean, loggedGradient));
        double threshold = c * UnitRoundoff(precision) * Math.Sqrt(norm2);
        return new AuditResult(e, threshold, e <= threshold);
    }

    /// <summary>
    /// "Forgeability" figure of A4: μ̂(ε_num)/vol(D), the fraction of the domain whose gradient passes the audit for the
    /// target z*, by the local box estimator E2 (Convention A) [Proposed]. By D10 it bounds the chance that a point drawn
    /// from a density ρ ≤ ρ_max passes, up to the factor ρ_max·vol(D) [D].
    /// </summary>
    /// <param name="map">Gradient map.</param>
    /// <param name="target">z* inside D.</param>
    /// <param name="threshold">ε_num &gt; 0 (e.g. <see cref="AuditResult.Threshold"/>).</param>
    /// <param name="domain">Domain D.</param>
    /// <param name="samples">N ≥ 1.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The fraction and its standard error.</returns>
    public static (double Fraction, double StdErr) Forgeability(IGradientMap map, ReadOnlySpan<double> target, double threshold,
        ForgingDomain domain, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Guard.Positive(threshold, nameof(threshold));
        var est = ForgingSetEstimator.LocalBox(map, target, threshold, domain, ForgingConvention.Norm, samples, seed);
        return (est.Measure / domain.Volume, est.StdErr / domain.Volume);
    }
}
