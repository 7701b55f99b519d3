using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Muon (with AdamW for non-matrix parameters) with simulated low-precision storage of gradients, weights and momentum
/// (arXiv:2510.21314 setting).
/// </summary>
/// <remarks>
/// <para>Matrix step (docs/optim-quantized.md; placement of Q is [PROPOSED]): G = Q_G(∇f); M = Q_M(βM + (1−β)G);
/// U = nesterov ? (1−β)G + βM : M; O = NS5(U)·sqrt(max(1, m/n)) in full tensor precision; W = Q_W(W − η O).
/// Non-matrix parameters use the quantised AdamW step of <see cref="QuantizedAdam"/> with the same <see cref="QuantSpec"/>
/// (its <see cref="QuantSpec.SecondMoment"/> applies only there). Weights are rounded with Q_W once at construction.</para>
/// </remarks>
public sealed class QuantizedMuon : Muon
{
    /// <summary>Creates quantised Muon from a flat list (≥ 2-D → Muon, others → AdamW).</summary>
    /// <param name="parameters">Parameters.</param>
    /// <param name="quantization">Formats and rounding mode.</param>
    /// <param name="lr">Muon learning rate ≥ 0.</param>
    /// <param name="momentum">Momentum β in [0, 1).</param>
    /// <param name="nesterov">Nesterov look-ahead.</param>
    /// <param name="nsSteps">Newton–Schulz steps in [1, 100].</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    /// <param name="adamLr">AdamW learning rate ≥ 0.</param>
    /// <param name="adamBeta1">AdamW β1 in [0, 1).</param>
    /// <param name="adamBeta2">AdamW β2 in [0, 1).</param>
    /// <param name="adamEps">AdamW ε ≥ 0.</param>
    public QuantizedMuon(IEnumerable<Parameter> parameters, QuantSpec quantization, double lr = 0.02, double momentum = 0.95, bool nesterov = true, int nsSteps = 5, double weightDecay = 0,
        double adamLr = 3e-4, double adamBeta1 = 0.9, double adamBeta2 = 0.95, double adamEps = 1e-10)
        : base(Defaults(lr, momentum, nesterov, nsSteps, weightDecay, adamLr, adamBeta1, adamBeta2, adamEps))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(quantization);
        AddSplit(parameters.ToList());
        Quantizer = new TensorQuantizer(quantization);
        Quantizer.Validate(this.parameters());
        QuantizeWeights();
    }

    /// <summary>Creates quantised Muon from explicit groups (e.g. only the hidden matrices on Muon, input/output layers on AdamW).</summary>
    /// <param name="groups">Muon and AdamW groups (<see cref="MuonParamGroup.Muon"/>, <see cref="MuonParamGroup.Adam"/>); unset fields take the defaults below.</param>
    /// <param name="quantization">Formats and rounding mode, applied to every group.</param>
    /// <param name="lr">Default Muon learning rate ≥ 0.</param>
    /// <param name="momentum">Default momentum β in [0, 1).</param>
    /// <param name="nesterov">Default Nesterov look-ahead.</param>
    /// <param name="nsSteps">Default Newton–Schulz steps in [1, 100].</param>
    /// <param name="weightDecay">Default decoupled weight decay λ ≥ 0.</param>
    /// <param name="adamLr">Default AdamW learning rate ≥ 0.</param>
    /// <param name="adamBeta1">Default AdamW β1 in [0, 1).</param>
    /// <param name="adamBeta2">Default AdamW β2 in [0, 1).</param>
    /// <param name="adamEps">Default AdamW ε ≥ 0.</param>
    public QuantizedMuon(IEnumerable<MuonParamGroup> groups, QuantSpec quantization, double lr = 0.02, double momentum = 0.95, bool nesterov = true, int nsSteps = 5, double weightDecay = 0,
        double adamLr = 3e-4, double adamBeta1 = 0.9, double adamBeta2 = 0.95, double adamEps = 1e-10)
        : base(groups, lr, momentum, nesterov, nsSteps, weightDecay, adamLr, adamBeta1, adamBeta2, adamEps)
    {
        ArgumentNullException.ThrowIfNull(quantization);
        Quantizer = new TensorQuantizer(quantization);
        Quantizer.Validate(this.parameters());
        QuantizeWeights();
    }

    /// <summary>The quantisation in use.</summary>
    public QuantSpec Quantization => Quantizer!.Spec;
}
