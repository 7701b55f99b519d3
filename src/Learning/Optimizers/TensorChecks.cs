using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>Tensor checks shared by the optimisers: finite gradients and readable shapes (scalar argument checks live in Core's Guard).</summary>
internal static class TensorChecks
{
    /// <summary>Throws <see cref="NonFiniteGradientException"/> when the tensor holds NaN or Inf.</summary>
    public static void RequireFinite(Tensor grad, string parameterName)
    {
        using var finite = grad.isfinite();
        using var all = finite.all();
        if (!all.item<bool>()) throw new NonFiniteGradientException(parameterName);
    }

    public static string ShapeText(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
