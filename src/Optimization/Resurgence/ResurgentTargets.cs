using System.Numerics;

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// The outcome of the resurgence pipeline at one minimum: coefficients, Borel coefficients, filtered Borel-plane
/// singularities t_c and the targets L0 + t_c (arXiv 2509.01329, [P] steps 2–4; filtering [Proposed]; docs/resurgence.md).
/// </summary>
public sealed record ResurgentTargets
{
    /// <summary>L0 = L(θ0).</summary>
    public required double MinimumValue { get; init; }

    /// <summary>The expansion point θ0.</summary>
    public required double[] Theta0 { get; init; }

    /// <summary>a_0..a_K.</summary>
    public required double[] Coefficients { get; init; }

    /// <summary>b_n = a_n/Γ(n + d/2).</summary>
    public required double[] Borel { get; init; }

    /// <summary>Kept real singularities t_c (sorted by modulus).</summary>
    public required double[] Gaps { get; init; }

    /// <summary>Every pole of the central Padé approximant, before filtering.</summary>
    public required Complex[] AllPoles { get; init; }

    /// <summary>Domb–Sykes estimate of the nearest singularity (cross-check; NaN when undefined).</summary>
    public required double RatioEstimate { get; init; }

    /// <summary>Targets {L0} ∪ {L0 + t_c}, ascending.</summary>
    public double[] Targets => [.. Gaps.Select(t => MinimumValue + t).Append(MinimumValue).Distinct().Order()];

    /// <summary>The smallest positive gap (the nearest barrier above L0), or null when none was kept.</summary>
    public double? Barrier => Gaps.Where(t => t > 0).Select(t => (double?)t).Min();
}
