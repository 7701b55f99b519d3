namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Weighted least-squares fit log μ̂ = a + s·log ε with weights (μ̂/se)² (spec "slope fit" [Proposed]); s is compared with
/// the predicted exponents d − r (Convention A) and (d − r)/2 (Convention B, arXiv 2509.05865 [P]).
/// </summary>
/// <param name="Slope">s.</param>
/// <param name="SlopeStdErr">Standard error of s from the weights (known-variance WLS).</param>
/// <param name="Intercept">a.</param>
public sealed record SlopeFit(double Slope, double SlopeStdErr, double Intercept);
