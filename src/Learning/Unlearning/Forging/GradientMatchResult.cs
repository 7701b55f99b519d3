namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>Outcome of the gradient-matching forging attack A3 [Proposed].</summary>
/// <param name="Forger">Best forging point z' found (length d).</param>
/// <param name="Error">e_min(δ) = ‖G(z') − g*‖.</param>
/// <param name="Distance">‖z' − z*‖ (≥ δ up to domain clipping).</param>
public sealed record GradientMatchResult(double[] Forger, double Error, double Distance);
