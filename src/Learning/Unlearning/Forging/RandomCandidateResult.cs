namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>Outcome of the random-candidate forging attack A1 (Thudi et al., arXiv 2110.11891, as re-implemented) [Proposed].</summary>
/// <param name="Error">e_min = min over candidates of ‖G_B(candidate) − g*_B‖.</param>
/// <param name="Indices">Pool indices of the best candidate batch (length B).</param>
public sealed record RandomCandidateResult(double Error, int[] Indices);
