namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// A Monte Carlo estimate of the forging probability P_ρ(ε) = ∫_{F_ε} ρ, the chance that a point drawn from the data density ρ
/// lies in the ε-forging set (arXiv 2509.05865 states it is vanishingly small for non-degenerate ρ [P]; the bound
/// P_ρ(ε) ≤ ρ_max·μ(ε) is [D]).
/// </summary>
/// <param name="Epsilon">The tolerance ε (in its convention).</param>
/// <param name="Probability">P̂ = hits/N.</param>
/// <param name="StdErr">Binomial standard error √(P̂(1 − P̂)/N).</param>
/// <param name="Hits">Draws inside F_ε.</param>
/// <param name="Samples">Draws N.</param>
/// <param name="DensityMax">ρ_max = max over D of ρ (per unit data volume).</param>
public sealed record ForgingProbability(double Epsilon, double Probability, double StdErr, long Hits, long Samples, double DensityMax);
