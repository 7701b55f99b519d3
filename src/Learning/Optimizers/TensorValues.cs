using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Scalar-free replacements for TorchSharp helpers that create an unheld <see cref="Scalar"/> internally (TorchSharp 0.107):
/// <c>Tensor.ToDouble()</c> goes through <c>ToScalar()</c> and <c>linalg.vector_norm</c> through <c>ord.ToScalar()</c>;
/// the GC can finalise such a temporary while the native call still reads it (see AdamKernel.Step).
/// </summary>
internal static class TensorValues
{
    /// <summary>The value of a one-element floating-point tensor as double (float32 widened exactly, as ToDouble() does).</summary>
    public static double ToDouble(Tensor t)
    {
        if (t.dtype == ScalarType.Float64) return t.item<double>();
        if (t.dtype == ScalarType.Float32) return t.item<float>();
        using var d = t.to_type(ScalarType.Float64);
        return d.item<double>();
    }

    /// <summary>‖t‖₂ over all elements (Frobenius norm of a matrix) as a 0-d tensor of t's dtype; same kernel as
    /// <c>linalg.vector_norm(t)</c> (libtorch's <c>norm(p)</c> forwards to <c>linalg_vector_norm</c>) with p passed as a float.</summary>
    public static Tensor Norm(Tensor t) => t.norm();
}
