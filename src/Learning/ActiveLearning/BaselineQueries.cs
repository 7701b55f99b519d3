using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// The baseline queries SAMOSA is compared with (arXiv 2510.16757, as coded in the authors' release): random sampling,
/// maximum entropy of the current classifier, and the LfOSA-style max-activation mixture posterior (Ning et al., CVPR 2022,
/// "Active Learning for Open-set Annotation", as the SAMOSA code implements it).
/// </summary>
public static class BaselineQueries
{
    /// <summary>A uniform sample of <paramref name="budget"/> of <paramref name="candidates"/> positions without replacement.</summary>
    /// <exception cref="ArgumentOutOfRangeException">budget outside [1, candidates].</exception>
    public static QuerySelection Random(int candidates, int budget, ref Xoshiro256StarStar rng)
    {
        if (budget < 1 || budget > candidates) throw new ArgumentOutOfRangeException(nameof(budget), budget, $"budget must be in [1, {candidates}]");
        var p = OpenSetPool.Permutation(candidates, ref rng);
        return new QuerySelection(p.AsSpan(0, budget).ToArray(), [], candidates);
    }

    /// <summary>Entropy H(x) = −Σ_k p_k log p_k of one probability vector (0·log 0 = 0).</summary>
    public static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (double v in p) if (v > 0) h -= v * Math.Log(v);
        return h;
    }

    /// <summary>The <paramref name="budget"/> candidates of largest entropy H(x) (ties by position).</summary>
    /// <param name="probs">Softmax outputs of the current classifier, n × C row-major.</param>
    /// <param name="classes">C ≥ 2.</param>
    /// <param name="budget">b in [1, n].</param>
    /// <exception cref="ArgumentException">Shape mismatch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">budget or classes out of range.</exception>
    public static QuerySelection Entropy(ReadOnlySpan<double> probs, int classes, int budget)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2");
        if (probs.Length % classes != 0) throw new ArgumentException($"probs must be n × {classes}", nameof(probs));
        int n = probs.Length / classes;
        if (budget < 1 || budget > n) throw new ArgumentOutOfRangeException(nameof(budget), budget, $"budget must be in [1, {n}]");
        var h = new double[n];
        for (int i = 0; i < n; i++) h[i] = Entropy(probs.Slice(i * classes, classes));
        return new QuerySelection(TopK(h, budget), h, n);
    }

    /// <summary>
    /// LfOSA-style query: per predicted class c of the (K+1)-way model, fit a two-component 1-D Gaussian mixture to the max
    /// activations v(x) = max_k z_k(x) of the samples predicted as c (<see cref="GaussianMixture1D"/>, 10 EM iterations, tol
    /// 1e-2, reg 5e-4, as in the SAMOSA code); score = posterior of the higher-mean component, 0 for samples predicted
    /// "unknown" (c = K). Takes the <paramref name="budget"/> highest scores.
    /// </summary>
    /// <param name="logits">Logits of the (K+1)-way model, n × (K+1) row-major.</param>
    /// <param name="knownClasses">K.</param>
    /// <param name="budget">b in [1, n].</param>
    /// <remarks>A predicted class with fewer than two samples cannot be fitted; its samples score 0.5 (our choice).</remarks>
    public static QuerySelection Lfosa(ReadOnlySpan<double> logits, int knownClasses, int budget)
    {
        if (knownClasses < 1) throw new ArgumentOutOfRangeException(nameof(knownClasses), knownClasses, "knownClasses must be >= 1");
        int c = knownClasses + 1;
        if (logits.Length % c != 0) throw new ArgumentException($"logits must be n × {c}", nameof(logits));
        int n = logits.Length / c;
        if (budget < 1 || budget > n) throw new ArgumentOutOfRangeException(nameof(budget), budget, $"budget must be in [1, {n}]");
        var pred = new int[n];
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            var z = logits.Slice(i * c, c);
            pred[i] = MlpClassifier.ArgMax(z);
            v[i] = z[pred[i]];
        }
        var score = new double[n];
        for (int k = 0; k < knownClasses; k++)
        {
            var members = Enumerable.Range(0, n).Where(i => pred[i] == k).ToArray();
            if (members.Length == 0) continue;
            if (members.Length < 2) { foreach (int i in members) score[i] = 0.5; continue; }
            var values = members.Select(i => v[i]).ToArray();
            var gmm = GaussianMixture1D.Fit(values, maxIterations: 10, tolerance: 1e-2, regularization: 5e-4);
            int high = gmm.Means[1] >= gmm.Means[0] ? 1 : 0;
            for (int j = 0; j < members.Length; j++) score[members[j]] = gmm.Posterior(values[j], high);
        }
        return new QuerySelection(TopK(score, budget), score, n);
    }

    /// <summary>Positions of the k largest values, largest first, ties by position.</summary>
    internal static int[] TopK(double[] values, int k)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(order, (x, y) => { int cmp = values[y].CompareTo(values[x]); return cmp != 0 ? cmp : x.CompareTo(y); });
        return order.AsSpan(0, k).ToArray();
    }
}
