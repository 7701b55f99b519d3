namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// A Monte Carlo estimate of the ε-forging measure μ(ε) = λ_d(F_ε) (arXiv 2509.05865 [P] concept; estimators E1–E3
/// [Proposed]).
/// </summary>
/// <param name="Epsilon">The tolerance ε the estimate is for (in its convention).</param>
/// <param name="Measure">μ̂(ε), Lebesgue volume in data units^d.</param>
/// <param name="StdErr">Binomial standard error of μ̂ (sum of independent boxes' variances for E3).</param>
/// <param name="Hits">Number of samples inside F_ε.</param>
/// <param name="Samples">Number of samples drawn.</param>
/// <param name="EstimatedR">Index r of the variation matrix at the target (−1 for E1, which does not compute it).</param>
/// <param name="Branches">Number of preimage branches whose boxes were summed (1 for E2; E3 adds the ones it found; 0 for E1).</param>
/// <param name="Kappa">κ of the local box after the adaptive guard (NaN for E1).</param>
public sealed record ForgingSetEstimate(
    double Epsilon, double Measure, double StdErr, long Hits, long Samples, int EstimatedR, int Branches, double Kappa);
