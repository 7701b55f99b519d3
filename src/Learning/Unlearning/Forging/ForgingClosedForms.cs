using MathNet.Numerics;

namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Closed forms of the ε-forging measure used to check the estimators (all [D], our derivations consistent with the
/// scalings stated in arXiv 2509.05865; Convention A, ε small enough that the ε-neighbourhood lies inside D).
/// </summary>
public static class ForgingClosedForms
{
    /// <summary>Unit-ball volume ω_d = π^{d/2}/Γ(d/2 + 1).</summary>
    /// <param name="d">Dimension ≥ 0.</param>
    public static double UnitBallVolume(int d)
    {
        Guard.AtLeast(d, 0, nameof(d));
        return Math.Pow(Math.PI, d / 2.0) / SpecialFunctions.Gamma(d / 2.0 + 1);
    }

    /// <summary>D4 with r = 0: μ(ε) ≈ ω_d ε^d / √det(JᵀJ); with r &gt; 0: ω_{d−r} ε^{d−r}/Π σ_stiff × (null extent), see <see cref="ProjectedRegression"/>.</summary>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="analysis">Variation analysis at the target, which must have r = 0.</param>
    public static double Linearized(double epsilon, VariationAnalysis analysis)
    {
        Guard.Positive(epsilon, nameof(epsilon));
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.R != 0) throw new ArgumentException($"analysis has r = {analysis.R}; allowed: r = 0.", nameof(analysis));
        int d = analysis.SingularValues.Count;
        return UnitBallVolume(d) * Math.Pow(epsilon, d) / analysis.StiffVolumeFactor;
    }

    /// <summary>D1 (M1, linear regression with bias): μ(ε) ≈ ω_d ε^d / |r*|^{d−1} (|det J| = |r*|^{d−1}).</summary>
    /// <param name="epsilon">ε &gt; 0, ε ≪ |r*|.</param>
    /// <param name="residual">r* ≠ 0, the target's residual.</param>
    /// <param name="d">Data dimension d = n + 1 ≥ 2.</param>
    public static double LinearRegression(double epsilon, double residual, int d)
    {
        Guard.Positive(epsilon, nameof(epsilon));
        Guard.Positive(Math.Abs(residual), nameof(residual));
        Guard.AtLeast(d, 2, nameof(d));
        return UnitBallVolume(d) * Math.Pow(epsilon, d) / Math.Pow(Math.Abs(residual), d - 1);
    }

    /// <summary>D2 (M1): the global bound μ(ε) ≤ 2ε(2R)^{d−1} on D = [−R, R]^d, valid for every ε.</summary>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="halfWidth">R &gt; 0.</param>
    /// <param name="d">Data dimension ≥ 1.</param>
    public static double LinearRegressionGlobalBound(double epsilon, double halfWidth, int d)
    {
        Guard.Positive(epsilon, nameof(epsilon));
        Guard.Positive(halfWidth, nameof(halfWidth));
        Guard.AtLeast(d, 1, nameof(d));
        return 2 * epsilon * Math.Pow(2 * halfWidth, d - 1);
    }

    /// <summary>D5 (M4 with A = [I_k 0], n inputs): μ(ε) ≈ ω_{k+1} ε^{k+1} (2R)^{n−k} / |r*|^k, slope k + 1 = d − r.</summary>
    /// <param name="epsilon">ε &gt; 0, ε ≪ |r*|.</param>
    /// <param name="residual">r* ≠ 0.</param>
    /// <param name="n">Input dimension n ≥ 1.</param>
    /// <param name="k">Feature dimension 1 ≤ k ≤ n.</param>
    /// <param name="halfWidth">R &gt; 0 of D = [−R, R]^{n+1}.</param>
    public static double ProjectedRegression(double epsilon, double residual, int n, int k, double halfWidth)
    {
        Guard.Positive(epsilon, nameof(epsilon));
        Guard.Positive(Math.Abs(residual), nameof(residual));
        Guard.AtLeast(n, 1, nameof(n));
        Guard.InRange(k, 1, n, nameof(k));
        Guard.Positive(halfWidth, nameof(halfWidth));
        return UnitBallVolume(k + 1) * Math.Pow(epsilon, k + 1) * Math.Pow(2 * halfWidth, n - k) / Math.Pow(Math.Abs(residual), k);
    }
}
