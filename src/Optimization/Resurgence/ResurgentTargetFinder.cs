using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// ResurgentTargets(L, θ0, K) of the resurgence spec (docs/resurgence.md, [Proposed] concrete version of the paper's
/// pipeline, arXiv 2509.01329): coefficients of the local partition function, Borel transform, three neighbouring
/// Padé approximants with spurious-pole filtering, targets L0 + t_c.
/// </summary>
public static class ResurgentTargetFinder
{
    /// <summary>
    /// Targets at the minimum <paramref name="theta0"/>. Route: d = 1 → series reversion of the exact Taylor series;
    /// polynomial with d ≤ 3 → Laplace route; otherwise the 1-D reversion route on the restriction to the softest Hessian
    /// direction (our choice for non-polynomial d ≥ 2; exact for separable landscapes whose softest mode is an axis).
    /// </summary>
    /// <param name="landscape">The objective.</param>
    /// <param name="theta0">A converged minimum (positive-definite Hessian).</param>
    /// <param name="order">K ≥ 4 (the Padé step needs K + 1 ≥ 5 coefficients).</param>
    /// <param name="options">Pole filter thresholds.</param>
    public static ResurgentTargets Find(IAnalyticLandscape landscape, ReadOnlySpan<double> theta0, int order, PoleFilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        Guard.Length(theta0, landscape.Dimension, nameof(theta0));
        Guard.AtLeast(order, 4, nameof(order));
        double l0 = landscape.Evaluate(theta0);
        if (landscape.Dimension == 1)
            return FromCoefficients(l0, theta0, LaplaceCoefficients.OneDimensional(landscape.AlongLine(theta0, [1.0], 2 * order + 2), order), 0.5, options);
        if (landscape is PolynomialLandscape poly && poly.Dimension <= 3 && order <= 20)
            return FromCoefficients(l0, theta0, LaplaceCoefficients.Multivariate(poly, theta0, order), poly.Dimension / 2.0, options);
        var u = SoftestDirection(landscape, theta0);
        return FromCoefficients(l0, theta0, LaplaceCoefficients.OneDimensional(landscape.AlongLine(theta0, u, 2 * order + 2), order), 0.5, options);
    }

    /// <summary>Steps (b)–(d) from given coefficients a_0..a_K: Borel transform with Γ shift <paramref name="shift"/> = d/2, filtered poles, targets.</summary>
    public static ResurgentTargets FromCoefficients(double minimumValue, ReadOnlySpan<double> theta0, ReadOnlySpan<double> coefficients, double shift, PoleFilterOptions? options = null)
    {
        Guard.Finite(minimumValue, nameof(minimumValue));
        var b = Borel.Transform(coefficients, shift);
        var (kept, all) = StablePoles.Analyse(b, options);
        double ratio;
        try { ratio = Borel.DombSykes(b, Math.Min(6, b.Length - 1)); } catch (ArgumentException) { ratio = double.NaN; }
        return new ResurgentTargets
        {
            MinimumValue = minimumValue, Theta0 = theta0.ToArray(), Coefficients = coefficients.ToArray(), Borel = b,
            Gaps = kept, AllPoles = all, RatioEstimate = ratio,
        };
    }

    /// <summary>Unit eigenvector of the smallest Hessian eigenvalue at θ (MathNet symmetric eigendecomposition).</summary>
    public static double[] SoftestDirection(IAnalyticLandscape landscape, ReadOnlySpan<double> theta) => HessianModes(landscape, theta)[0].Direction;

    /// <summary>Hessian eigenpairs at θ, ascending by eigenvalue.</summary>
    public static (double Eigenvalue, double[] Direction)[] HessianModes(IAnalyticLandscape landscape, ReadOnlySpan<double> theta)
    {
        int d = landscape.Dimension;
        var hh = new double[d, d];
        landscape.Hessian(theta, hh);
        var evd = Matrix<double>.Build.DenseOfArray(hh).Evd(Symmetricity.Symmetric);
        var modes = new (double, double[])[d];
        for (int i = 0; i < d; i++) modes[i] = (evd.EigenValues[i].Real, evd.EigenVectors.Column(i).ToArray());
        return [.. modes.OrderBy(m => m.Item1)];
    }
}
