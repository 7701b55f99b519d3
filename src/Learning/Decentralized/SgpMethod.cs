namespace PhyToolkit.Learning.Decentralized;

/// <summary>The decentralised learning methods compared in ADP-VRSGP (Wu et al., arXiv:2510.20157, baselines after its abstract and PrivSGP-VR, arXiv:2405.02638).</summary>
public enum SgpMethod
{
    /// <summary>Non-private Stochastic Gradient Push (Assran et al., arXiv:1811.10792): no clipping, no noise, constant step (upper bound).</summary>
    Sgp,

    /// <summary>DP-SGP: SGP with DP-SGD gradients of constant noise multiplier and constant step.</summary>
    DpSgp,

    /// <summary>PrivSGP-VR-like: DP loopless-SVRG gradients, constant noise multiplier, constant step (arXiv:2405.02638 uses constant-variance noise).</summary>
    PrivSgpVr,

    /// <summary>ADP-VRSGP without progressive gradient fusion (β = 1): the ablation.</summary>
    AdpVrsgpNoFusion,

    /// <summary>ADP-VRSGP: DP loopless-SVRG, stepwise-decaying noise and step, progressive gradient fusion.</summary>
    AdpVrsgp,
}
