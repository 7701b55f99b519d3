namespace PhyToolkit.Optimization.Reduction;

/// <summary>Curvature at a (possibly non-isolated) minimiser (docs/optim-reduction.md).</summary>
/// <param name="Beta">Largest Hessian eigenvalue β (local smoothness).</param>
/// <param name="MuMorseBott">Smallest eigenvalue above the null threshold: the Morse–Bott constant μ_MB.</param>
/// <param name="Nullity">Eigenvalues at or below the null threshold (the dimension of the minimiser manifold, locally).</param>
public sealed record CurvatureSummary(double Beta, double MuMorseBott, int Nullity)
{
    /// <summary>Local condition number κ = β/μ_MB.</summary>
    public double Kappa => Beta / MuMorseBott;
}
