using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// The SAMOSA query (Kim, Agiollo, Khanna, arXiv 2510.16757; reconstructed from the authors' <c>query_strategies.samisuk</c>):
/// score every pool sample by the disagreement s(x) = ‖p_A(x) − p_B(x)‖₁ of an SGD-trained and a SAM-trained (K+1)-way model,
/// keep the set S where both predict a known class (arg-max &lt; K), min–max normalise s over S, and take b samples by
/// <see cref="SamosaVariant"/>; if |S| &lt; b the rest comes from outside S by largest raw s.
/// </summary>
/// <remarks>
/// Ties (equal scores) are broken by candidate position, so the choice is deterministic. The dynamic variant samples without
/// replacement (our choice; the authors' <c>np.random.choice</c> call samples with replacement); when every remaining weight
/// is zero it draws uniformly from the remaining candidates (our choice).
/// </remarks>
public static class SamosaQuery
{
    /// <summary>Chooses <paramref name="budget"/> candidates.</summary>
    /// <param name="probsA">Softmax outputs of the SGD model A, n × (K+1) row-major.</param>
    /// <param name="probsB">Softmax outputs of the SAM model B, same layout.</param>
    /// <param name="knownClasses">K; output K is "unknown".</param>
    /// <param name="budget">b ≥ 1 (at most n).</param>
    /// <param name="variant">Which samples of S to take.</param>
    /// <param name="round">Round r (1..R), used by the dynamic variant through ρ_r = r/R.</param>
    /// <param name="totalRounds">R ≥ 1.</param>
    /// <param name="rng">Stream of the dynamic variant's draws (unused otherwise).</param>
    /// <exception cref="ArgumentException">Shapes disagree.</exception>
    /// <exception cref="ArgumentOutOfRangeException">budget, round or totalRounds out of range.</exception>
    public static QuerySelection Select(ReadOnlySpan<double> probsA, ReadOnlySpan<double> probsB, int knownClasses, int budget,
        SamosaVariant variant, int round, int totalRounds, ref Xoshiro256StarStar rng)
    {
        if (knownClasses < 1) throw new ArgumentOutOfRangeException(nameof(knownClasses), knownClasses, "knownClasses must be >= 1");
        int c = knownClasses + 1;
        if (probsA.Length != probsB.Length || probsA.Length % c != 0)
            throw new ArgumentException($"probability arrays must both be n × {c} (got {probsA.Length} and {probsB.Length})", nameof(probsB));
        int n = probsA.Length / c;
        if (budget < 1 || budget > n) throw new ArgumentOutOfRangeException(nameof(budget), budget, $"budget must be in [1, {n}]");
        if (totalRounds < 1) throw new ArgumentOutOfRangeException(nameof(totalRounds), totalRounds, "totalRounds must be >= 1");
        if (round < 1 || round > totalRounds) throw new ArgumentOutOfRangeException(nameof(round), round, $"round must be in [1, {totalRounds}]");

        var s = new double[n];
        var inS = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            var a = probsA.Slice(i * c, c);
            var b = probsB.Slice(i * c, c);
            s[i] = SamosaScore.Disagreement(a, b);
            if (MlpClassifier.ArgMax(a) < knownClasses && MlpClassifier.ArgMax(b) < knownClasses) inS.Add(i);
        }
        // s̃ = (s − min_S s)/(max_S s − min_S s); all zero when S's scores are equal.
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (int i in inS) { lo = Math.Min(lo, s[i]); hi = Math.Max(hi, s[i]); }
        double span = hi - lo;
        var norm = new double[inS.Count];
        for (int j = 0; j < norm.Length; j++) norm[j] = span > 0 ? (s[inS[j]] - lo) / span : 0;

        var picked = new List<int>(budget);
        int take = Math.Min(budget, inS.Count);
        switch (variant)
        {
            case SamosaVariant.High:
            case SamosaVariant.Low:
            {
                var order = Enumerable.Range(0, inS.Count).ToArray();
                bool high = variant == SamosaVariant.High;
                Array.Sort(order, (x, y) =>
                {
                    int cmp = high ? norm[y].CompareTo(norm[x]) : norm[x].CompareTo(norm[y]);
                    return cmp != 0 ? cmp : inS[x].CompareTo(inS[y]);
                });
                for (int j = 0; j < take; j++) picked.Add(inS[order[j]]);
                break;
            }
            case SamosaVariant.Dynamic:
            {
                double rho = (double)round / totalRounds;
                var w = new double[inS.Count];
                for (int j = 0; j < w.Length; j++) w[j] = SamosaScore.DynamicWeight(norm[j], rho);
                var taken = new bool[inS.Count];
                for (int t = 0; t < take; t++)
                {
                    double total = 0;
                    for (int j = 0; j < w.Length; j++) if (!taken[j]) total += w[j];
                    int choice = -1;
                    if (total > 0)
                    {
                        double u = rng.NextDouble() * total, acc = 0;
                        for (int j = 0; j < w.Length; j++)
                        {
                            if (taken[j]) continue;
                            acc += w[j];
                            choice = j;
                            if (u < acc) break;
                        }
                    }
                    else
                    {
                        int k = rng.NextInt(w.Length - t);
                        for (int j = 0; j < w.Length; j++) { if (taken[j]) continue; if (k-- == 0) { choice = j; break; } }
                    }
                    taken[choice] = true;
                    picked.Add(inS[choice]);
                }
                break;
            }
            default: throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown SAMOSA variant");
        }
        if (picked.Count < budget)
        {
            // Fill from U \ S by largest raw s (authors' code).
            var member = new bool[n];
            foreach (int i in inS) member[i] = true;
            var rest = Enumerable.Range(0, n).Where(i => !member[i]).OrderByDescending(i => s[i]).ThenBy(i => i);
            foreach (int i in rest)
            {
                if (picked.Count == budget) break;
                picked.Add(i);
            }
        }
        return new QuerySelection(picked.ToArray(), s, inS.Count);
    }
}
