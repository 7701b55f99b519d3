using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Unlearning.Forging;

public static partial class ForgingSetEstimator
{
    /// <summary>
    /// Batch forging measure μ_B(ε) = λ_{Bd}({ (z_1..z_B) ∈ D^B : ‖G_B − g*_B‖ ≤ ε }) over an ε grid by slot conditioning
    /// [Proposed]: by Fubini, μ_B(ε) = ∫ μ_1(ε′; h) dz_1..dz_{B−1} over the first B − 1 slots, where
    /// h = B·g*_B − Σ_{i&lt;B} G(z_i) and μ_1(ε′; h) is the single-point forging measure of the last slot for the target
    /// gradient h at tolerance ε′ = Bε (Convention A) or B²ε (Convention B). The outer integral is estimated by
    /// <paramref name="outerSamples"/> uniform draws of the first B − 1 slots (shared by every ε of the grid); for each, the
    /// last slot's preimage of h is found by Levenberg–Marquardt from the target's last slot, and μ_1 by an E2 box of
    /// <paramref name="innerSamples"/> points around it (zero when no point of D reaches h within ε′).
    /// </summary>
    /// <remarks>
    /// Why not plain E2 on the stacked map: its null directions span a curved (Bd − p)-dimensional fibre, which leaves the
    /// thin SVD-aligned box, so E2 sees a shrinking part of it and overstates the slope (our measurement: ≈ 2.9 instead
    /// of 2 for M1, d = 2, B = 2). Slot conditioning follows the fibre exactly. It assumes the last slot's single-point
    /// preimage is unique, which holds for M1, M3 and M4 [D]. Each ε uses its own inner sub-streams Mix(seed, 1 + i, s).
    /// </remarks>
    /// <param name="map">Batch gradient map (B ≥ 2).</param>
    /// <param name="target">The true batch (z*_1..z*_B), length Bd, inside D^B; g*_B = G_B(target).</param>
    /// <param name="epsilons">ε grid (each &gt; 0) in the given convention.</param>
    /// <param name="domain">Domain D^B of dimension Bd (a box, so a product of slot boxes).</param>
    /// <param name="convention">Norm (A) or squared (B).</param>
    /// <param name="outerSamples">Draws of the first B − 1 slots ≥ 2.</param>
    /// <param name="innerSamples">E2 points per outer draw and ε ≥ 1.</param>
    /// <param name="seed">Master seed.</param>
    /// <param name="options">Box settings of the inner E2; null for the spec defaults.</param>
    /// <returns>One estimate per ε; Samples = outer × inner, Branches = outer draws whose last slot reaches h, EstimatedR =
    /// r of the stacked Jacobian at the target, Kappa = NaN.</returns>
    public static ForgingSetEstimate[] BatchConditionalCurve(BatchGradientMap map, ReadOnlySpan<double> target,
        ReadOnlySpan<double> epsilons, ForgingDomain domain, ForgingConvention convention, int outerSamples, int innerSamples,
        ulong seed, LocalBoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(domain);
        Guard.Length(target.Length, map.DataDimension, nameof(target));
        if (map.BatchSize < 2) throw new ArgumentException($"map has batch size {map.BatchSize}; allowed: ≥ 2 (use LocalBox for one point).", nameof(map));
        if (epsilons.Length < 1) throw new ArgumentException("epsilons must have at least one entry.", nameof(epsilons));
        foreach (double e in epsilons) Guard.Positive(e, nameof(epsilons));
        Guard.AtLeast(outerSamples, 2, nameof(outerSamples));
        Guard.AtLeast(innerSamples, 1, nameof(innerSamples));
        var gB = new double[map.ParameterDimension];
        map.Gradient(target, gB);
        CheckCommon(map, gB, epsilons[0], domain, innerSamples);
        if (!domain.Contains(target)) throw new ArgumentException("target lies outside the forging domain.", nameof(target));
        options ??= new LocalBoxOptions();
        options.Validate();

        var inner = map.Inner;
        int d = inner.DataDimension, p = map.ParameterDimension, batch = map.BatchSize, lead = (batch - 1) * d;
        var lo = new double[d];
        var hi = new double[d];
        double leadVolume = 1;
        for (int j = 0; j < lead; j++) leadVolume *= domain.Upper(j) - domain.Lower(j);
        for (int j = 0; j < d; j++) { lo[j] = domain.Lower(lead + j); hi[j] = domain.Upper(lead + j); }
        var last = new ForgingDomain(lo, hi);
        // The preimage search runs in D widened tenfold per side, so LM converges (it stalls when clipped) and a preimage
        // just outside D still contributes the part of its ε′-neighbourhood that lies inside D.
        var wideLo = new double[d];
        var wideHi = new double[d];
        for (int j = 0; j < d; j++) { double w = hi[j] - lo[j]; wideLo[j] = lo[j] - 10 * w; wideHi[j] = hi[j] + 10 * w; }
        var wide = new ForgingDomain(wideLo, wideHi);
        var start = target.Slice(lead, d).ToArray();
        int r = VariationAnalysis.At(map, target, options.RelativeTolerance).R;

        // Outer draws and their last-slot preimages: independent of ε, solved once.
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 0));
        var g = new double[p];
        var zLead = new double[d];
        var targets = new double[outerSamples][];
        var centres = new double[outerSamples][];
        var residuals = new double[outerSamples];
        var analyses = new VariationAnalysis?[outerSamples];
        for (int s = 0; s < outerSamples; s++)
        {
            var h = new double[p];
            for (int i = 0; i < p; i++) h[i] = batch * gB[i];
            for (int b = 0; b < batch - 1; b++)
            {
                for (int j = 0; j < d; j++) zLead[j] = rng.NextDouble(domain.Lower(b * d + j), domain.Upper(b * d + j));
                inner.Gradient(zLead, g);
                for (int i = 0; i < p; i++) h[i] -= g[i];
            }
            var zc = LevenbergMarquardt.Solve(inner, h, start, wide, null, 0, 100);
            inner.Gradient(zc, g);
            targets[s] = h;
            centres[s] = zc;
            residuals[s] = Math.Sqrt(Dist2(g, h));
        }

        var result = new ForgingSetEstimate[epsilons.Length];
        for (int e = 0; e < epsilons.Length; e++)
        {
            double tol = convention == ForgingConvention.Norm ? batch * epsilons[e] : Math.Sqrt(batch * batch * epsilons[e]);
            double innerEps = convention == ForgingConvention.Norm ? tol : tol * tol;
            double sum = 0, sum2 = 0;
            long hits = 0;
            int reached = 0;
            for (int s = 0; s < outerSamples; s++)
            {
                double m = 0;
                if (residuals[s] <= tol)
                {
                    var an = analyses[s] ??= VariationAnalysis.At(inner, centres[s], options.RelativeTolerance);
                    // Linear regime: the ε′-set lies within tol/σ_min of the preimage; a preimage farther than twice κ times
                    // that from D contributes nothing (skipped to save the samples).
                    double reach = an.StiffCount > 0 ? 2 * options.Kappa * tol / an.SingularValues[an.StiffCount - 1] : double.PositiveInfinity;
                    if (DistanceToBox(centres[s], last) > reach) continue;
                    var (est, _) = RunLocal(inner, centres[s], targets[s], an, innerEps, last, convention, innerSamples,
                        SeedMixer.Mix(seed, (ulong)(1 + e), (ulong)s, 0), options, []);
                    m = est.Measure;
                    hits += est.Hits;
                    reached++;
                }
                sum += m;
                sum2 += m * m;
            }
            double mean = sum / outerSamples;
            double var = Math.Max(0, (sum2 - outerSamples * mean * mean) / (outerSamples - 1));
            result[e] = new ForgingSetEstimate(epsilons[e], leadVolume * mean, leadVolume * Math.Sqrt(var / outerSamples),
                hits, (long)outerSamples * innerSamples, r, reached, double.NaN);
        }
        return result;
    }

    private static double DistanceToBox(ReadOnlySpan<double> z, ForgingDomain domain)
    {
        double s = 0;
        for (int j = 0; j < z.Length; j++)
        {
            double t = z[j] < domain.Lower(j) ? domain.Lower(j) - z[j] : z[j] > domain.Upper(j) ? z[j] - domain.Upper(j) : 0;
            s += t * t;
        }
        return Math.Sqrt(s);
    }
}
