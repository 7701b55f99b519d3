namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>The outcome of one query: the chosen pool rows and, for SAMOSA, the scores behind the choice.</summary>
/// <param name="Picked">Chosen positions in the candidate list (distinct, in selection order).</param>
/// <param name="Scores">Raw score of every candidate (SAMOSA: s(x) = ‖p_A − p_B‖₁; entropy: H(x); LfOSA: the posterior), or empty for random.</param>
/// <param name="FilteredCount">SAMOSA: size of the set S that both models call "known"; otherwise the candidate count.</param>
public sealed record QuerySelection(int[] Picked, double[] Scores, int FilteredCount);
