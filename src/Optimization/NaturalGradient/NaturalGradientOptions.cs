namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>
/// Options of <see cref="NaturalGradientOptimizer"/>: dense ENGD, ENGD-W, SPRING and their randomized Nyström variants
/// (Guzmán-Cordero, Dangel, Goldshlager &amp; Zeinhofer, arXiv 2505.12149).
/// </summary>
/// <remarks>Defaults: damping 1e-3, norm constraint 1e-3 and the grid line search are the authors' code defaults (which
/// attribute them to arXiv 2401.10190, Sec. 4); momentum defaults to 0 (ENGD-W; SPRING's code default is 0.99). The Nyström
/// shift 1e-12·‖Y‖_F is our choice.</remarks>
public sealed record NaturalGradientOptions
{
    /// <summary>Damping λ &gt; 0 of (K + λI) or (G + λI).</summary>
    public double Damping { get; init; } = 1e-3;

    /// <summary>SPRING decay μ in [0, 1); 0 gives ENGD-W (or dense ENGD) exactly.</summary>
    public double Momentum { get; init; }

    /// <summary>Fixed learning rate η &gt; 0, or null for the grid line search over τ ∈ {2^min, …, 2^max}.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Norm constraint C &gt; 0 of the fixed-rate step τ = min(η, √C/‖φ‖) (SPRING, arXiv 2401.10190); unused by the line search.</summary>
    public double NormConstraint { get; init; } = 1e-3;

    /// <summary>Kernel (ENGD-W / SPRING) or parameter space (dense ENGD).</summary>
    public NaturalGradientSpace Space { get; init; } = NaturalGradientSpace.Kernel;

    /// <summary>Nyström sketch size ℓ (kernel space only); 0 = exact Cholesky solve of K + λI.</summary>
    public int SketchRank { get; init; }

    /// <summary>Nyström shift relative to ‖KΩ‖_F (≥ 0).</summary>
    public double NystromRelativeShift { get; init; } = 1e-12;

    /// <summary>Smallest exponent of the line-search grid (authors' code: −30).</summary>
    public int LineSearchMinExponent { get; init; } = -30;

    /// <summary>Largest exponent of the line-search grid (authors' code: 0).</summary>
    public int LineSearchMaxExponent { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Guard.Positive(Guard.Finite(Damping, nameof(Damping)), nameof(Damping));
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "momentum μ must be in [0, 1)");
        if (LearningRate is double lr) Guard.Positive(Guard.Finite(lr, nameof(LearningRate)), nameof(LearningRate));
        Guard.Positive(Guard.Finite(NormConstraint, nameof(NormConstraint)), nameof(NormConstraint));
        Guard.AtLeast(SketchRank, 0, nameof(SketchRank));
        if (SketchRank > 0 && Space != NaturalGradientSpace.Kernel)
            throw new ArgumentOutOfRangeException(nameof(SketchRank), SketchRank, "a Nyström sketch applies to the kernel-space solve only");
        Guard.NonNegative(Guard.Finite(NystromRelativeShift, nameof(NystromRelativeShift)), nameof(NystromRelativeShift));
        Guard.InRange(LineSearchMinExponent, -60, 10, nameof(LineSearchMinExponent));
        Guard.InRange(LineSearchMaxExponent, LineSearchMinExponent, 10, nameof(LineSearchMaxExponent));
    }
}
