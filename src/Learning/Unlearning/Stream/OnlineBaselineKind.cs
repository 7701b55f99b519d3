namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>First-order online learners the Memory Pair (arXiv 2508.10193) is compared with (<see cref="OnlineGradientBaseline"/>).</summary>
public enum OnlineBaselineKind
{
    /// <summary>L0, projected online gradient descent with η_t = 1/(λt): the classical O(ln T) reference for λ-strongly convex losses (Hazan, Agarwal, Kale 2007).</summary>
    Ogd,

    /// <summary>Projected SGD with η_t = η₀/√t (author's harness baseline; η₀ = 0.5).</summary>
    Sgd,

    /// <summary>Projected diagonal AdaGrad, η_{t,j} = η₀/√(Σ_s g_{s,j}² + 1e−8) (Duchi, Hazan, Singer 2011; author's harness baseline; η₀ = 0.5).</summary>
    AdaGrad,
}
