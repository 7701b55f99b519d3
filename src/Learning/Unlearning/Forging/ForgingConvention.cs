namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// How the tolerance ε bounds the gradient mismatch in the ε-forging set (arXiv 2509.05865 does not say in its
/// abstract, so both are offered [Proposed]).
/// </summary>
public enum ForgingConvention
{
    /// <summary>Convention A: F_ε = { z ∈ D : ‖G(z) − g*‖₂ ≤ ε }. Local exponent d − r [D].</summary>
    Norm,

    /// <summary>Convention B: F_ε = { z ∈ D : ‖G(z) − g*‖₂² ≤ ε } (= Convention A at √ε). Local exponent (d − r)/2, the paper's exponent [D].</summary>
    Squared,
}
