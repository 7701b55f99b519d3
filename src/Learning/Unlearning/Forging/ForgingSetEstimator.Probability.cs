using MathNet.Numerics.Distributions;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Unlearning.Forging;

public static partial class ForgingSetEstimator
{
    /// <summary>
    /// E1 on density samples: the forging probability P_ρ(ε) under ρ = N(0, I_d) truncated to the box D, by N draws from ρ
    /// (rejection from N(0, I)) and the hit fraction [Proposed, experiment F8]. Also returns
    /// ρ_max = (2π)^{−d/2} e^{−‖c‖²/2} / Π_j (Φ(upper_j) − Φ(lower_j)), with c the point of D nearest the origin, so that the
    /// bound P_ρ(ε) ≤ ρ_max·μ(ε) of D10 [D] can be checked.
    /// </summary>
    /// <param name="map">Gradient map G.</param>
    /// <param name="targetGradient">g* (length p, finite).</param>
    /// <param name="epsilon">ε &gt; 0 in the given convention.</param>
    /// <param name="domain">Bounded domain D (the truncation box, Gaussian mass ≥ 1e−6).</param>
    /// <param name="convention">Norm (A) or squared (B).</param>
    /// <param name="samples">N ≥ 1 accepted draws.</param>
    /// <param name="seed">Seed of the Xoshiro256** stream.</param>
    public static ForgingProbability TruncatedGaussianProbability(IGradientMap map, ReadOnlySpan<double> targetGradient,
        double epsilon, ForgingDomain domain, ForgingConvention convention, int samples, ulong seed)
    {
        CheckCommon(map, targetGradient, epsilon, domain, samples);
        int d = map.DataDimension;
        double logMass = 0, nearest2 = 0;
        for (int j = 0; j < d; j++)
        {
            logMass += Math.Log(Normal.CDF(0, 1, domain.Upper(j)) - Normal.CDF(0, 1, domain.Lower(j)));
            double c = Math.Clamp(0.0, domain.Lower(j), domain.Upper(j));
            nearest2 += c * c;
        }
        if (logMass < Math.Log(1e-6))
            throw new ArgumentException($"domain holds a Gaussian mass of {Math.Exp(logMass):G3}; allowed: at least 1e-6 (rejection sampling would not end).", nameof(domain));
        double rhoMax = Math.Exp(-0.5 * d * Math.Log(2 * Math.PI) - 0.5 * nearest2 - logMass);
        double tol2 = Tol2(epsilon, convention);
        var rng = new Xoshiro256StarStar(seed);
        var z = new double[d];
        var g = new double[map.ParameterDimension];
        long hits = 0;
        for (int s = 0; s < samples; s++)
        {
            do
            {
                for (int j = 0; j < d; j++) z[j] = rng.NextGaussian();
            } while (!domain.Contains(z));
            map.Gradient(z, g);
            if (Dist2(g, targetGradient) <= tol2) hits++;
        }
        double ph = (double)hits / samples;
        return new ForgingProbability(epsilon, ph, Math.Sqrt(ph * (1 - ph) / samples), hits, samples, rhoMax);
    }
}
