namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>Quality indicators of an approximation set (minimisation).</summary>
public static class ParetoMetrics
{
    /// <summary>
    /// Exact hypervolume of a two-objective set with respect to <paramref name="reference"/> (Zitzler and Thiele 1998): the
    /// area dominated by the set and bounded by the reference point. Points not strictly better than the reference in both
    /// objectives contribute nothing. O(N log N).
    /// </summary>
    /// <param name="objectives">N×2 row-major vectors.</param>
    /// <param name="reference">The reference point (r1, r2).</param>
    public static double Hypervolume2D(ReadOnlySpan<double> objectives, ReadOnlySpan<double> reference)
    {
        Guard.Length(reference.Length, 2, nameof(reference));
        if (objectives.Length % 2 != 0) throw new ArgumentException("objectives must be N×2.", nameof(objectives));
        int n = objectives.Length / 2;
        var f1 = new List<double>(n);
        var f2 = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            double a = objectives[2 * i], b = objectives[2 * i + 1];
            if (a < reference[0] && b < reference[1]) { f1.Add(a); f2.Add(b); }
        }
        var x = f1.ToArray(); var y = f2.ToArray();
        Array.Sort(x, y);
        double area = 0, ceiling = reference[1];
        for (int i = 0; i < x.Length; i++)
        {
            if (y[i] >= ceiling) continue; // dominated by an earlier point (smaller f1, smaller or equal f2)
            area += (reference[0] - x[i]) * (ceiling - y[i]);
            ceiling = y[i];
        }
        return area;
    }

    /// <summary>
    /// Inverted generational distance IGD(A; R) = (1/|R|) Σ_{r∈R} min_{a∈A} ‖r − a‖₂ (Coello and Reyes Sierra 2004):
    /// the mean distance from a sample R of the true front to the approximation A. Both are row-major with M columns.
    /// </summary>
    public static double InvertedGenerationalDistance(ReadOnlySpan<double> referenceFront, ReadOnlySpan<double> approximation, int objectiveCount)
    {
        int m = Guard.AtLeast(objectiveCount, 1, nameof(objectiveCount));
        int nr = referenceFront.Length / m, na = approximation.Length / m;
        if (nr == 0 || na == 0) throw new ArgumentException("both sets must be non-empty.");
        double sum = 0;
        for (int r = 0; r < nr; r++)
        {
            double best = double.PositiveInfinity;
            for (int a = 0; a < na; a++)
            {
                double d2 = 0;
                for (int k = 0; k < m; k++) { double d = referenceFront[r * m + k] - approximation[a * m + k]; d2 += d * d; }
                if (d2 < best) best = d2;
            }
            sum += Math.Sqrt(best);
        }
        return sum / nr;
    }

    /// <summary>
    /// Knee point of a two-objective front: after normalising each objective to [0, 1] over the front, the member farthest
    /// from the straight line through the two extreme members, on the side of the ideal point (the "maximum distance to
    /// the line joining the extremes" rule of Das 1999 and Deb and Gupta 2011). Returns the position in
    /// <paramref name="front"/>; with fewer than three distinct members (no interior) the member with the smallest
    /// normalised sum is returned.
    /// </summary>
    /// <param name="front">N×2 row-major vectors of a mutually non-dominated set, N ≥ 1.</param>
    public static int KneePoint(ReadOnlySpan<double> front)
    {
        if (front.Length < 2 || front.Length % 2 != 0) throw new ArgumentException("front must be N×2 with N ≥ 1.", nameof(front));
        int n = front.Length / 2;
        double min1 = double.PositiveInfinity, max1 = double.NegativeInfinity, min2 = double.PositiveInfinity, max2 = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            min1 = Math.Min(min1, front[2 * i]); max1 = Math.Max(max1, front[2 * i]);
            min2 = Math.Min(min2, front[2 * i + 1]); max2 = Math.Max(max2, front[2 * i + 1]);
        }
        double s1 = max1 > min1 ? max1 - min1 : 1, s2 = max2 > min2 ? max2 - min2 : 1;
        // After normalisation the extremes of a non-dominated front are (0, 1) and (1, 0): the line is g1 + g2 = 1 and the
        // signed distance towards the ideal point (0, 0) is (1 − g1 − g2)/√2.
        int best = 0;
        double bestDistance = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double g1 = (front[2 * i] - min1) / s1, g2 = (front[2 * i + 1] - min2) / s2;
            double d = (1 - g1 - g2) / Math.Sqrt(2);
            if (d > bestDistance) { bestDistance = d; best = i; }
        }
        return best;
    }
}
