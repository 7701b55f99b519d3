namespace PhyToolkit.Learning.Decentralized;

/// <summary>How a node forms its stochastic gradient in decentralised (DP) SGD.</summary>
public enum GradientEstimator
{
    /// <summary>
    /// Mini-batch gradient: (Σ_{j∈B} clip_C(∇l(z; ζ_j)) + N(0, σ²C² I)) / b (DP-SGD, Abadi et al., arXiv:1607.00133;
    /// without noise and clipping the plain SGP gradient).
    /// </summary>
    Plain,

    /// <summary>
    /// DP loopless-SVRG: g = (Σ_{j∈B} clip_{C_d}(∇l(z; ζ_j) − ∇l(w̃; ζ_j)) + N(0, σ²C_d² I)) / b + μ̃, with the privatised
    /// snapshot gradient μ̃ = (Σ_j clip_C(∇l(w̃; ζ_j)) + N(0, (κσ)²C² I)) / J refreshed every E steps (variance reduction
    /// as in PrivSGP-VR, arXiv:2405.02638, and ADP-VRSGP, arXiv:2510.20157; this loopless-SVRG form is our realisation).
    /// </summary>
    LSvrg,
}
