using TorchSharp.Modules;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Adam/AdamW with simulated low-precision storage of gradients, weights and both moments (arXiv:2510.21314 setting).
/// </summary>
/// <remarks>
/// <para>Step (docs/optim-quantized.md; placement of Q is [PROPOSED]): g = Q_G(∇f); m = Q_M(β1 m + (1−β1) g);
/// v = Q_V(β2 v + (1−β2) g²); u = (m/(1−β1^t))/(√(v/(1−β2^t)) + ε) in the tensor's precision; W = Q_W(W − η u).
/// Weights are rounded with Q_W once at construction ("stored quantised"). Rounding is the bit-exact
/// <see cref="FloatQuant"/> routine applied elementwise on the CPU (float32 or float64 tensors).</para>
/// <para>With every format null it is exactly <see cref="ManagedAdam"/>. Expect the second moment to freeze when
/// (1−β2)·|g² − v| is below half an ulp of v (e.g. β2 = 0.999 at BF16), the paper's "Adam is sensitive to q_V".</para>
/// </remarks>
public sealed class QuantizedAdam : ManagedAdam
{
    /// <summary>Creates the optimiser over one group.</summary>
    /// <param name="parameters">Parameters to optimise.</param>
    /// <param name="quantization">Formats and rounding mode.</param>
    /// <param name="lr">Learning rate ≥ 0.</param>
    /// <param name="beta1">β1 in [0, 1).</param>
    /// <param name="beta2">β2 in [0, 1).</param>
    /// <param name="eps">ε ≥ 0.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    public QuantizedAdam(IEnumerable<Parameter> parameters, QuantSpec quantization, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, lr, beta1, beta2, eps, weightDecay)
    {
        ArgumentNullException.ThrowIfNull(quantization);
        Quantizer = new TensorQuantizer(quantization);
        Quantizer.Validate(this.parameters());
        QuantizeWeights();
    }

    /// <summary>Creates the optimiser over named parameters (names appear in error messages).</summary>
    /// <param name="parameters">Named parameters.</param>
    /// <param name="quantization">Formats and rounding mode.</param>
    /// <param name="lr">Learning rate ≥ 0.</param>
    /// <param name="beta1">β1 in [0, 1).</param>
    /// <param name="beta2">β2 in [0, 1).</param>
    /// <param name="eps">ε ≥ 0.</param>
    /// <param name="weightDecay">Decoupled weight decay λ ≥ 0.</param>
    public QuantizedAdam(IEnumerable<(string name, Parameter parameter)> parameters, QuantSpec quantization, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(parameters, lr, beta1, beta2, eps, weightDecay)
    {
        ArgumentNullException.ThrowIfNull(quantization);
        Quantizer = new TensorQuantizer(quantization);
        Quantizer.Validate(this.parameters());
        QuantizeWeights();
    }

    /// <summary>The quantisation in use.</summary>
    public QuantSpec Quantization => Quantizer!.Spec;
}
