namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>Pareto dominance and fast non-dominated sorting for minimisation (Deb, Pratap, Agarwal, Meyarivan, IEEE TEVC 6(2), 2002, §III-A).</summary>
public static class Pareto
{
    /// <summary>True when a dominates b: a_m ≤ b_m for every objective and a_m &lt; b_m for at least one.</summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Guard.Length(b.Length, a.Length, nameof(b));
        bool strict = false;
        for (int m = 0; m < a.Length; m++)
        {
            if (a[m] > b[m]) return false;
            if (a[m] < b[m]) strict = true;
        }
        return strict;
    }

    /// <summary>
    /// Fast non-dominated sort, O(M N²): partitions the N = <c>objectives.Length / M</c> vectors (row-major N×M) into fronts
    /// F_0, F_1, …, where F_0 holds the non-dominated vectors and F_r those dominated only by vectors of F_0 … F_{r−1}.
    /// Indices inside a front are in increasing order; <paramref name="rank"/>[i] receives the front number of vector i.
    /// </summary>
    /// <param name="objectives">N×M objective vectors, finite.</param>
    /// <param name="objectiveCount">M ≥ 1.</param>
    /// <param name="rank">Output, length N.</param>
    /// <returns>The fronts, best first.</returns>
    public static List<int[]> NonDominatedSort(ReadOnlySpan<double> objectives, int objectiveCount, Span<int> rank)
    {
        int m = Guard.AtLeast(objectiveCount, 1, nameof(objectiveCount));
        if (objectives.Length % m != 0) throw new ArgumentException($"objectives.Length ({objectives.Length}) must be a multiple of M = {m}.", nameof(objectives));
        int n = objectives.Length / m;
        Guard.Length(rank.Length, n, nameof(rank));
        var dominatedBy = new int[n];               // n_p: how many vectors dominate p
        var dominates = new List<int>[n];           // S_p: vectors p dominates
        var fronts = new List<int[]>();
        var current = new List<int>();
        for (int p = 0; p < n; p++)
        {
            dominates[p] = new List<int>();
            var fp = objectives.Slice(p * m, m);
            for (int q = 0; q < n; q++)
            {
                if (q == p) continue;
                var fq = objectives.Slice(q * m, m);
                if (Dominates(fp, fq)) dominates[p].Add(q);
                else if (Dominates(fq, fp)) dominatedBy[p]++;
            }
            if (dominatedBy[p] == 0) { rank[p] = 0; current.Add(p); }
        }
        int r = 0;
        while (current.Count > 0)
        {
            current.Sort();
            fronts.Add(current.ToArray());
            var next = new List<int>();
            foreach (int p in current)
                foreach (int q in dominates[p])
                    if (--dominatedBy[q] == 0) { rank[q] = r + 1; next.Add(q); }
            current = next;
            r++;
        }
        return fronts;
    }

    /// <summary>
    /// Crowding distance of each member of one front (Deb et al. 2002, §III-B): for every objective the members are sorted by
    /// it, the two boundary members get +∞, an interior member adds (f_m[next] − f_m[previous]) / (f_m^max − f_m^min).
    /// Objectives with zero spread add nothing. Ties in an objective are broken by front position, so the result is deterministic.
    /// </summary>
    /// <param name="objectives">All N×M vectors.</param>
    /// <param name="objectiveCount">M.</param>
    /// <param name="front">Indices of the front's members.</param>
    /// <param name="distance">Output, length = front length; distance[k] belongs to front[k].</param>
    public static void CrowdingDistance(ReadOnlySpan<double> objectives, int objectiveCount, ReadOnlySpan<int> front, Span<double> distance)
    {
        int m = Guard.AtLeast(objectiveCount, 1, nameof(objectiveCount));
        int l = front.Length;
        Guard.Length(distance.Length, l, nameof(distance));
        distance.Clear();
        if (l <= 2) { distance.Fill(double.PositiveInfinity); return; }
        var order = new int[l];
        var keys = new double[l];
        for (int obj = 0; obj < m; obj++)
        {
            for (int k = 0; k < l; k++) { order[k] = k; keys[k] = objectives[front[k] * m + obj]; }
            var keyCopy = (double[])keys.Clone();
            Array.Sort(keyCopy, order); // introsort is not stable: restore position order inside ties below
            SortTiesByPosition(keyCopy, order);
            double lo = keys[order[0]], hi = keys[order[l - 1]];
            distance[order[0]] = double.PositiveInfinity;
            distance[order[l - 1]] = double.PositiveInfinity;
            if (hi <= lo) continue;
            for (int k = 1; k < l - 1; k++)
                distance[order[k]] += (keys[order[k + 1]] - keys[order[k - 1]]) / (hi - lo);
        }
    }

    private static void SortTiesByPosition(double[] sortedKeys, int[] order)
    {
        int start = 0;
        for (int k = 1; k <= sortedKeys.Length; k++)
        {
            if (k < sortedKeys.Length && sortedKeys[k] == sortedKeys[start]) continue;
            if (k - start > 1) Array.Sort(order, start, k - start);
            start = k;
        }
    }

    /// <summary>Indices (increasing) of the non-dominated vectors among N×M <paramref name="objectives"/> (duplicates all kept).</summary>
    public static int[] NonDominatedIndices(ReadOnlySpan<double> objectives, int objectiveCount)
    {
        int m = Guard.AtLeast(objectiveCount, 1, nameof(objectiveCount));
        int n = objectives.Length / m;
        var result = new List<int>();
        for (int p = 0; p < n; p++)
        {
            bool dominated = false;
            for (int q = 0; q < n && !dominated; q++)
                dominated = q != p && Dominates(objectives.Slice(q * m, m), objectives.Slice(p * m, m));
            if (!dominated) result.Add(p);
        }
        return result.ToArray();
    }
}
