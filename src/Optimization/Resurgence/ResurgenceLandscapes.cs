namespace PhyToolkit.Optimization.Resurgence;

/// <summary>The test landscapes T1–T5 of the resurgence reproduction plan (docs/resurgence.md, [Proposed]).</summary>
public static class ResurgenceLandscapes
{
    /// <summary>T1: symmetric double well L(θ) = (θ² − 1)²/4; barrier gap 1/4 from θ0 = ±1 (exact).</summary>
    public static PolynomialLandscape T1() => new([(0.25, [4]), (-0.5, [2]), (0.25, [0])]);

    /// <summary>T2: tilted double well L(θ) = θ⁴/4 − θ²/2 + εθ.</summary>
    public static PolynomialLandscape T2(double epsilon) => new([(0.25, [4]), (-0.5, [2]), (Guard.Finite(epsilon, nameof(epsilon)), [1])]);

    /// <summary>T3: L(θ) = 1 − cos θ + 0.05θ².</summary>
    public static CosineWellsLandscape T3() => new(1, 0.05, 1);

    /// <summary>T4: L(x, y) = (x² − 1)² + 2(y² − 1)² + 0.3xy.</summary>
    public static PolynomialLandscape T4() => new(
    [
        (1.0, [4, 0]), (-2.0, [2, 0]), (1.0, [0, 0]),
        (2.0, [0, 4]), (-4.0, [0, 2]), (2.0, [0, 0]),
        (0.3, [1, 1]),
    ]);

    /// <summary>T5: L(θ) = Σ_i [θ_i²/20 + 1 − cos(2θ_i)], d = 2.</summary>
    public static CosineWellsLandscape T5() => new(2, 1.0 / 20, 2);
}
