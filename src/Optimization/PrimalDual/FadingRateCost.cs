using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;
using PhyToolkit.Channels.Fading;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// The cost of one user in stochastic power allocation (test case T2 of the Asyn-PD spec, arXiv 2509.01172 §5,
/// [Proposed]): f(p) = −E_h[ln(1 + h p)] with Rayleigh power gain h ~ Exp(mean γ) drawn by
/// <see cref="RayleighFading"/> (src/Channels), p ∈ [0, P_max]. Stochastic gradient −h/(1 + h p).
/// </summary>
/// <remarks>
/// Closed forms with x = 1/(γp) and S(x) = e^x E1(x) (<see cref="ExponentialIntegral"/>) [D]:
/// E[ln(1 + hp)] = S(x); E[h/(1 + hp)] = (1/p)(1 − x S(x)) (spec §5); E[h²/(1 + hp)²] = (1/p²)(1 − 2xS + x(1 − xS)).
/// At p → 0 the series γ − 2γ²p + 6γ³p² is used (γp &lt; 1e-4) to avoid cancellation.
/// </remarks>
public sealed class FadingRateCost : IStochasticCost
{
    /// <summary>Creates the cost for mean power gain <paramref name="meanGain"/> γ &gt; 0 and power cap <paramref name="maxPower"/> &gt; 0.</summary>
    public FadingRateCost(double meanGain, double maxPower)
    {
        MeanGain = Guard.Positive(meanGain, nameof(meanGain));
        MaxPower = Guard.Positive(maxPower, nameof(maxPower));
        StrongConvexity = Curvature(MaxPower);
    }

    /// <summary>The mean power gain γ = E[h].</summary>
    public double MeanGain { get; }

    /// <summary>The power cap P_max (the feasible set is [0, P_max]).</summary>
    public double MaxPower { get; }

    /// <inheritdoc/>
    public int Dimension => 1;

    /// <summary>f''(P_max) = min over [0, P_max] of f'' (f'' decreases in p).</summary>
    public double StrongConvexity { get; }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        double p = CheckPower(theta[0]);
        return p == 0 ? 0 : -ExponentialIntegral.ScaledE1(1 / (MeanGain * p));
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => gradient[0] = -MarginalRate(theta[0]);

    /// <inheritdoc/>
    public void SampleGradient(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng, Span<double> gradient)
    {
        double a = RayleighFading.Instance.SampleAmplitude(ref rng, MeanGain), h = a * a;
        gradient[0] = -h / (1 + h * theta[0]);
    }

    /// <summary>E[h/(1 + h p)] = −f'(p), p &gt;= 0: decreasing from γ at p = 0.</summary>
    public double MarginalRate(double p)
    {
        CheckPower(p);
        double g = MeanGain, gp = g * p;
        if (gp < 1e-4) return g * (1 - 2 * gp + 6 * gp * gp);
        double x = 1 / gp;
        return (1 - x * ExponentialIntegral.ScaledE1(x)) / p;
    }

    /// <summary>f''(p) = E[h²/(1 + h p)²].</summary>
    public double Curvature(double p)
    {
        CheckPower(p);
        double g = MeanGain, gp = g * p;
        if (gp < 1e-4) return 2 * g * g * (1 - 6 * gp);
        double x = 1 / gp, s = x * ExponentialIntegral.ScaledE1(x);
        return (1 - 2 * s + x * (1 - s)) / (p * p);
    }

    private static double CheckPower(double p)
    {
        if (!double.IsFinite(p) || p < 0) throw new ArgumentOutOfRangeException(nameof(p), p, "the power p must be a finite number >= 0.");
        return p;
    }
}
