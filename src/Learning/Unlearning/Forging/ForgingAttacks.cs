using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Forging attacks that build a replacement z' (or batch) whose gradient approximates a target gradient g*
/// (arXiv 2509.05865 studies how small the set of such forgers is [P]; A1 follows Thudi et al., arXiv 2110.11891;
/// A3 is [Proposed]).
/// </summary>
public static class ForgingAttacks
{
    /// <summary>
    /// A1, random-candidate search: draw <paramref name="candidates"/> candidate batches of B distinct pool points (the
    /// excluded index never drawn), compute e = ‖G_B(candidate) − g*_B‖ and keep the arg-min. With B = 1 the candidates
    /// are distinct pool points (sampling without replacement), so M = pool size − 1 tries every point. Prediction D8 [D]:
    /// median e_min ≈ (ln 2/(M ρ K))^{1/(d−r)} when μ(ε) ≈ K ε^{d−r}.
    /// </summary>
    /// <param name="map">Single-point gradient map G.</param>
    /// <param name="pool">Real data points available to the forger (each of length d).</param>
    /// <param name="targetGradient">g*_B, the (mean) gradient to reproduce, length p.</param>
    /// <param name="candidates">M ≥ 1 (for B = 1 at most the number of usable pool points).</param>
    /// <param name="batchSize">B ≥ 1 slots replaced (at most the number of usable pool points).</param>
    /// <param name="excludedIndex">Pool index of the point being forgotten (never drawn), or −1 for none.</param>
    /// <param name="seed">Seed of the Xoshiro256** stream.</param>
    public static RandomCandidateResult RandomCandidates(IGradientMap map, IReadOnlyList<double[]> pool,
        ReadOnlySpan<double> targetGradient, int candidates, int batchSize, int excludedIndex, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(pool);
        Guard.Length(targetGradient.Length, map.ParameterDimension, nameof(targetGradient));
        Guard.InRange(excludedIndex, -1, pool.Count - 1, nameof(excludedIndex));
        int usable = pool.Count - (excludedIndex >= 0 ? 1 : 0);
        Guard.InRange(batchSize, 1, Math.Max(usable, 1), nameof(batchSize));
        if (usable < 1) throw new ArgumentException("pool has no usable point besides the excluded one.", nameof(pool));
        Guard.InRange(candidates, 1, batchSize == 1 ? usable : int.MaxValue, nameof(candidates));
        int d = map.DataDimension;
        var idx = new int[usable];
        for (int i = 0, k = 0; i < pool.Count; i++)
        {
            if (i == excludedIndex) continue;
            Guard.Length(pool[i].Length, d, nameof(pool));
            idx[k++] = i;
        }
        var rng = new Xoshiro256StarStar(seed);
        var g = new double[map.ParameterDimension];
        var gb = new double[map.ParameterDimension];
        double best = double.PositiveInfinity;
        var bestIdx = new int[batchSize];
        int drawn = 0;
        for (int m = 0; m < candidates; m++)
        {
            if (batchSize > 1) drawn = 0; // each batch: B distinct points, independent of the other batches
            Array.Clear(gb);
            for (int b = 0; b < batchSize; b++)
            {
                int pick = drawn + rng.NextInt(usable - drawn);
                (idx[drawn], idx[pick]) = (idx[pick], idx[drawn]);
                map.Gradient(pool[idx[drawn]], g);
                drawn++;
                for (int i = 0; i < g.Length; i++) gb[i] += g[i] / batchSize;
            }
            double e = Math.Sqrt(ForgingSetEstimator.Dist2(gb, targetGradient));
            if (e < best)
            {
                best = e;
                for (int b = 0; b < batchSize; b++) bestIdx[b] = idx[drawn - batchSize + b];
            }
        }
        return new RandomCandidateResult(best, bestIdx);
    }

    /// <summary>
    /// A3, gradient-matching optimisation: minimise ‖G(z) − g*‖² over z ∈ D subject to ‖z − z*‖ ≥ δ by projected
    /// Levenberg–Marquardt from <paramref name="starts"/> random starts (half on the sphere ‖z − z*‖ = δ, half uniform in
    /// D), g* = G(z*) [Proposed]. Prediction D9 [D]: e_min(δ) ≈ σ_min(J(z*))·δ for r = 0, ≈ 0 for r &gt; 0.
    /// </summary>
    /// <param name="map">Gradient map (single point or <see cref="BatchGradientMap"/>).</param>
    /// <param name="target">z* inside D.</param>
    /// <param name="delta">δ ≥ 0, the minimum distance of the forger from z*.</param>
    /// <param name="domain">Domain D.</param>
    /// <param name="starts">Number of starts ≥ 1 (spec default 32).</param>
    /// <param name="seed">Seed of the start points.</param>
    /// <param name="maxIterations">LM iterations per start ≥ 1 (default 200, our choice).</param>
    public static GradientMatchResult GradientMatching(IGradientMap map, ReadOnlySpan<double> target, double delta,
        ForgingDomain domain, int starts, ulong seed, int maxIterations = 200)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(domain);
        Guard.Length(target.Length, map.DataDimension, nameof(target));
        Guard.NonNegative(delta, nameof(delta));
        Guard.AtLeast(starts, 1, nameof(starts));
        Guard.AtLeast(maxIterations, 1, nameof(maxIterations));
        if (domain.Dimension != map.DataDimension)
            throw new ArgumentException($"domain has dimension {domain.Dimension}; allowed: {map.DataDimension}.", nameof(domain));
        if (!domain.Contains(target)) throw new ArgumentException("target lies outside the forging domain.", nameof(target));
        int d = map.DataDimension;
        var c = target.ToArray();
        var gStar = new double[map.ParameterDimension];
        map.Gradient(c, gStar);
        var rng = new Xoshiro256StarStar(seed);
        var g = new double[map.ParameterDimension];
        double best = double.PositiveInfinity;
        double[] bestZ = c;
        for (int s = 0; s < starts; s++)
        {
            var start = new double[d];
            if (s % 2 == 0)
            {
                double norm = 0;
                for (int j = 0; j < d; j++) { start[j] = rng.NextGaussian(); norm += start[j] * start[j]; }
                norm = Math.Sqrt(norm);
                for (int j = 0; j < d; j++) start[j] = c[j] + start[j] * Math.Max(delta, 1e-12) / norm;
            }
            else
            {
                domain.Sample(ref rng, start);
            }
            var z = LevenbergMarquardt.Solve(map, gStar, start, domain, delta > 0 ? c : null, delta, maxIterations);
            map.Gradient(z, g);
            double e = Math.Sqrt(ForgingSetEstimator.Dist2(g, gStar));
            if (e < best) { best = e; bestZ = z; }
        }
        return new GradientMatchResult(bestZ, best, Math.Sqrt(ForgingSetEstimator.Dist2(bestZ, c)));
    }
}
