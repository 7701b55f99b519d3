using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>
/// Real-coded variation operators of NSGA-II on a box [lower, upper]: simulated binary crossover (SBX; Deb and Agrawal,
/// Complex Systems 9, 1995) and polynomial mutation (Deb and Goyal 1996), both in the bounded form of Deb's NSGA-II
/// reference implementation (the spread factor's distribution is truncated so children stay inside the box).
/// </summary>
public static class VariationOperators
{
    /// <summary>
    /// SBX of two parents into two children. Each coordinate is recombined with probability ½ (otherwise copied); for
    /// y1 &lt; y2, u ~ U[0,1), β = 1 + 2(y1 − l)/(y2 − y1), α = 2 − β^{−(η+1)},
    /// β_q = (uα)^{1/(η+1)} if u ≤ 1/α else (1/(2 − uα))^{1/(η+1)}, c1 = ½[(y1 + y2) − β_q (y2 − y1)],
    /// and symmetrically with β = 1 + 2(u_b − y2)/(y2 − y1) for c2 = ½[(y1 + y2) + β_q (y2 − y1)]; children are clipped to the
    /// box and exchanged with probability ½.
    /// </summary>
    /// <param name="parentA">First parent.</param><param name="parentB">Second parent.</param>
    /// <param name="lower">Lower bounds.</param><param name="upper">Upper bounds.</param>
    /// <param name="distributionIndex">η_c ≥ 0 (larger keeps children closer to the parents).</param>
    /// <param name="rng">Generator (advanced by a fixed number of draws per coordinate).</param>
    /// <param name="childA">Output child 1.</param><param name="childB">Output child 2.</param>
    public static void SimulatedBinaryCrossover(ReadOnlySpan<double> parentA, ReadOnlySpan<double> parentB, ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper, double distributionIndex, ref Xoshiro256StarStar rng, Span<double> childA, Span<double> childB)
    {
        double exponent = 1 / (distributionIndex + 1);
        for (int j = 0; j < parentA.Length; j++)
        {
            double a = parentA[j], b = parentB[j];
            double pick = rng.NextDouble(), u = rng.NextDouble(), swap = rng.NextDouble();
            if (pick > 0.5 || Math.Abs(a - b) <= 1e-14)
            {
                childA[j] = a; childB[j] = b;
                continue;
            }
            double y1 = Math.Min(a, b), y2 = Math.Max(a, b), lo = lower[j], hi = upper[j], span = y2 - y1;
            double beta = 1 + 2 * (y1 - lo) / span;
            double alpha = 2 - Math.Pow(beta, -(distributionIndex + 1));
            double betaq = u <= 1 / alpha ? Math.Pow(u * alpha, exponent) : Math.Pow(1 / (2 - u * alpha), exponent);
            double c1 = 0.5 * (y1 + y2 - betaq * span);
            beta = 1 + 2 * (hi - y2) / span;
            alpha = 2 - Math.Pow(beta, -(distributionIndex + 1));
            betaq = u <= 1 / alpha ? Math.Pow(u * alpha, exponent) : Math.Pow(1 / (2 - u * alpha), exponent);
            double c2 = 0.5 * (y1 + y2 + betaq * span);
            c1 = Math.Clamp(c1, lo, hi);
            c2 = Math.Clamp(c2, lo, hi);
            if (swap <= 0.5) { childA[j] = c2; childB[j] = c1; }
            else { childA[j] = c1; childB[j] = c2; }
        }
    }

    /// <summary>
    /// Bounded polynomial mutation, in place. Each coordinate mutates with probability <paramref name="probability"/>:
    /// δ1 = (y − l)/(u_b − l), δ2 = (u_b − y)/(u_b − l), r ~ U[0,1); if r ≤ ½, δ_q = [2r + (1 − 2r)(1 − δ1)^{η+1}]^{1/(η+1)} − 1,
    /// else δ_q = 1 − [2(1 − r) + 2(r − ½)(1 − δ2)^{η+1}]^{1/(η+1)}; y ← clip(y + δ_q (u_b − l)).
    /// </summary>
    public static void PolynomialMutation(Span<double> x, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper,
        double distributionIndex, double probability, ref Xoshiro256StarStar rng)
    {
        double power = 1 / (distributionIndex + 1);
        for (int j = 0; j < x.Length; j++)
        {
            double gate = rng.NextDouble(), r = rng.NextDouble();
            if (gate >= probability) continue;
            double lo = lower[j], hi = upper[j], range = hi - lo;
            if (range <= 0) continue;
            double y = x[j], d1 = (y - lo) / range, d2 = (hi - y) / range, dq;
            if (r <= 0.5)
                dq = Math.Pow(2 * r + (1 - 2 * r) * Math.Pow(1 - d1, distributionIndex + 1), power) - 1;
            else
                dq = 1 - Math.Pow(2 * (1 - r) + 2 * (r - 0.5) * Math.Pow(1 - d2, distributionIndex + 1), power);
            x[j] = Math.Clamp(y + dq * range, lo, hi);
        }
    }
}
