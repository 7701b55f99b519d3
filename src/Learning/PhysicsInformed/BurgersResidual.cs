using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// The viscous Burgers residual of an operator network, r = ∂_t G + G ∂_x G − ν ∂_xx G (the physics loss of
/// physics-informed DeepONets, Wang, Wang, Perdikaris, arXiv 2103.10974; Burgers form of the Morephy-Net plan,
/// docs/morephy.md), with every derivative taken by TorchSharp autograd (second derivative by differentiating the first
/// with <c>create_graph</c>), so that the residual itself stays differentiable with respect to θ.
/// </summary>
public static class BurgersResidual
{
    /// <summary>
    /// Returns (G, r) at <paramref name="coords"/> [F, Q, 2] for the functions with <paramref name="sensors"/> [F, m].
    /// <paramref name="coords"/> must be a leaf tensor with <c>requires_grad</c> set.
    /// </summary>
    /// <param name="net">The network.</param>
    /// <param name="theta">Parameters θ (float64, may require grad).</param>
    /// <param name="sensors">Sensor values [F, m].</param>
    /// <param name="coords">Coordinates (x, t) [F, Q, 2], requires_grad.</param>
    /// <param name="viscosityNu">ν (a tensor so that it can be trainable in the inverse problem; shape [] or [1]).</param>
    public static (Tensor U, Tensor Residual) Evaluate(DeepONet net, Tensor theta, Tensor sensors, Tensor coords, Tensor viscosityNu)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (!coords.requires_grad) throw new ArgumentException("coords must require grad (torch autograd differentiates with respect to them).", nameof(coords));
        var u = net.Forward(theta, sensors, coords);
        var du = torch.autograd.grad(new[] { u.sum() }, new[] { coords }, retain_graph: true, create_graph: true)[0];
        var ux = du.select(-1, 0);
        var ut = du.select(-1, 1);
        var uxx = torch.autograd.grad(new[] { ux.sum() }, new[] { coords }, retain_graph: true, create_graph: true)[0].select(-1, 0);
        using Scalar one = 1;                                              // held: a GC must not free it during the native call
        return (u, ut.add(u * ux, one).sub(viscosityNu * uxx));
    }
}
