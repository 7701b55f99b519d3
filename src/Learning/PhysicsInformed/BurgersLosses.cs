namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// The three unweighted losses of a physics-informed DeepONet on one Burgers mini-batch (Morephy-Net plan §1.2,
/// docs/morephy.md; arXiv 2509.00663 names the data and physics losses as separate objectives).
/// </summary>
/// <param name="Data">L_op = mean (G − s̃)² over the noisy observations.</param>
/// <param name="Physics">L_phys = mean r² of the Burgers residual at the collocation points.</param>
/// <param name="Initial">L_ic = mean (G(·)(x_i, 0) − u0(x_i))² at the sensors.</param>
public readonly record struct BurgersLosses(double Data, double Physics, double Initial)
{
    /// <summary>The second objective of the search: L_phys + L_ic (the physics side of the trade-off).</summary>
    public double PhysicsAndInitial => Physics + Initial;
}
