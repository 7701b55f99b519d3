namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// Noise calibration of a Memory Pair deletion (the three variants found in the sources of arXiv 2508.10193, see
/// <see cref="DeletionNoiseCalibration"/>).
/// </summary>
public enum DeletionNoise
{
    /// <summary>No noise and no certificate (fidelity studies only); deletions are still counted against the capacity.</summary>
    None,

    /// <summary>V1, zCDP [P]: ρ_s = ρ_tot/m, σ_s = S_step/√(2ρ_s), S_step = G/λ; ρ adds up over deletions.</summary>
    ZCdp,

    /// <summary>V2, Gaussian mechanism with basic composition [P]: ε_s = ε*/m, δ_s = δ*/m, σ_s = (G/λ)·√(2 ln(1.25/δ_s))/ε_s.</summary>
    GaussianBasic,

    /// <summary>
    /// V3, the author's reference code: ε_step = ε/(2K), δ_step = δ/(2K), σ = ‖step‖·√(2 ln(1.25/δ_step))/ε_step with the
    /// data-dependent norm of the realised deletion step. <b>Not certified</b> (a data-dependent sensitivity gives no DP
    /// guarantee); a utility mode only [Proposed label].
    /// </summary>
    CodeCompat,
}
