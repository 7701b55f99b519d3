namespace PhyToolkit.Learning.Federated;

/// <summary>Hidden-layer nonlinearity of <see cref="MlpModel"/>.</summary>
public enum MlpActivation
{
    /// <summary>Hyperbolic tangent, <c>tanh(u)</c>.</summary>
    Tanh,

    /// <summary>Rectified linear unit, <c>max(u, 0)</c> (derivative 0 at u = 0, as in libtorch).</summary>
    Relu,
}
