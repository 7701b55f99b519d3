namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>One step of <see cref="NaturalGradientOptimizer"/>.</summary>
/// <param name="LossBefore">½‖r(θ_k)‖² on the step's data.</param>
/// <param name="LossAfter">½‖r(θ_(k+1))‖² on the same data (equal to <paramref name="LossBefore"/> when τ = 0).</param>
/// <param name="StepSize">τ (0 when the line search found no decrease).</param>
/// <param name="DirectionNorm">‖φ‖.</param>
/// <param name="LinearAlgebraFlops">Flops of the solve and products (our count; excludes the model's evaluations).</param>
/// <param name="LossEvaluations">Residual evaluations besides the one Jacobian evaluation (line search, fixed-rate check).</param>
public readonly record struct NaturalGradientStep(double LossBefore, double LossAfter, double StepSize, double DirectionNorm, double LinearAlgebraFlops, int LossEvaluations);
