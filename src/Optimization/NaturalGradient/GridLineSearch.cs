namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>
/// The grid line search of the ENGD family (authors' code for arXiv 2505.12149, <c>line_search.py</c>): evaluate the batch
/// loss ½‖r(θ + τφ)‖² at τ = 2^k for k = min…max, keep the best, and take no step (τ = 0) when none beats τ = 0.
/// The loss therefore never increases on the batch it was searched on.
/// </summary>
public static class GridLineSearch
{
    /// <summary>Searches τ along <paramref name="direction"/>; returns (τ, loss at τ) with τ = 0 and <paramref name="lossAtZero"/> when nothing is lower.</summary>
    /// <param name="model">The residual model (its current data).</param>
    /// <param name="theta">θ (length P).</param>
    /// <param name="direction">φ (length P); the trial points are θ + τφ.</param>
    /// <param name="lossAtZero">½‖r(θ)‖².</param>
    /// <param name="minExponent">Smallest k.</param>
    /// <param name="maxExponent">Largest k (≥ <paramref name="minExponent"/>).</param>
    /// <param name="trial">Scratch of length P.</param>
    /// <param name="residuals">Scratch of length N.</param>
    public static (double StepSize, double Loss) Search(IResidualModel model, ReadOnlySpan<double> theta, ReadOnlySpan<double> direction, double lossAtZero,
        int minExponent, int maxExponent, Span<double> trial, Span<double> residuals)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maxExponent < minExponent) throw new ArgumentOutOfRangeException(nameof(maxExponent), maxExponent, $"must be ≥ minExponent = {minExponent}");
        int p = model.ParameterCount;
        double bestTau = 0, best = lossAtZero;
        for (int k = minExponent; k <= maxExponent; k++)
        {
            double tau = Math.ScaleB(1.0, k);
            for (int i = 0; i < p; i++) trial[i] = theta[i] + tau * direction[i];
            model.Residuals(trial[..p], residuals);
            double loss = 0.5 * VectorOps.Dot(residuals[..model.ResidualCount], residuals[..model.ResidualCount]);
            if (loss < best) { best = loss; bestTau = tau; }
        }
        return (bestTau, best);
    }
}
