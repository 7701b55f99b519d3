namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>Outcome of the forging audit A4 [Proposed].</summary>
/// <param name="Error">e = ‖G_B(claimed batch) − logged gradient‖₂, recomputed in double precision.</param>
/// <param name="Threshold">ε_num = c·u·‖logged gradient‖₂.</param>
/// <param name="Passed">True when e ≤ ε_num: the claimed batch reproduces the logged update to floating-point precision.</param>
public sealed record AuditResult(double Error, double Threshold, bool Passed);
