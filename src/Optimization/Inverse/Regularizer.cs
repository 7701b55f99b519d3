namespace PhyToolkit.Optimization.Inverse;

/// <summary>The Tikhonov operator Γ of <c>(μ/2)‖Γx‖²</c> (docs/inverse-imaging.md).</summary>
public enum Regularizer
{
    /// <summary>Γ = I (ridge).</summary>
    Identity,

    /// <summary>Γ = D, forward differences (smoothness).</summary>
    Gradient,
}
