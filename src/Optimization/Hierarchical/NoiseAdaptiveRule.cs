namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// State of the outer parameter rule (docs/optim-hierarchical.md, [proposal]): the cumulative two-sample noise
/// estimate s_t = s_{t−1} + ½‖g − g′‖², σ̂_t = √(s_t/t), and (α_t, η_t) from the adaptive or fixed rule.
/// </summary>
internal struct NoiseAdaptiveRule
{
    private double _sum;

    public double SigmaHat;
    public double Alpha;
    public double Eta;

    /// <summary>Updates with the two samples of step t (0-based) and sets <see cref="Alpha"/> and <see cref="Eta"/>.</summary>
    public void Update(int t, ReadOnlySpan<double> g, ReadOnlySpan<double> g2, HierarchicalOptions o)
    {
        _sum += 0.5 * VectorOps.DistanceSquared(g, g2);
        SigmaHat = Math.Sqrt(_sum / (t + 1));
        if (o.Rule == OuterStepRule.Fixed)
        {
            Alpha = o.FixedAlpha;
            Eta = o.FixedEta;
            return;
        }
        Alpha = SigmaHat > 0 ? Math.Min(1.0, o.CAlpha / (SigmaHat * Math.Sqrt(t + 1.0))) : 1.0;
        Eta = o.CEta * Math.Sqrt(Alpha / (t + 1.0));
    }
}
