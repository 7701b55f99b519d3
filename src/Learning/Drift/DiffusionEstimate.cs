namespace PhyToolkit.Learning.Drift;

/// <summary>
/// A rotational diffusion fit MSD(Δ) ≈ c + 2D·(m(m−1)/2)·Δ on small lags (Δ in learner updates): the diffusion constant
/// per rotation plane and per update <see cref="D"/>, the offset <see cref="Intercept"/> (bounded fluctuations normal to
/// the minimum manifold), the fit's <see cref="RSquared"/>, and the per-plane rates D_ij (θ_ij² ≈ c_ij + 2 D_ij Δ).
/// </summary>
public sealed record DiffusionEstimate(double D, double Intercept, double RSquared, double[] PlaneRates);
