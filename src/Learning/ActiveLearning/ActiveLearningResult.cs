namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>The outcome of one open-set active-learning run.</summary>
/// <param name="Strategy">The query strategy.</param>
/// <param name="Rounds">One record per query round.</param>
/// <param name="FinalLabelsSpent">Labels spent after the last round (initial set + R·b).</param>
/// <param name="FinalAccuracy">Accuracy of f_C retrained on the final D_L.</param>
/// <param name="FinalClassifierPasses">Per-sample passes of that final training.</param>
public sealed record ActiveLearningResult(QueryStrategy Strategy, IReadOnlyList<RoundRecord> Rounds, int FinalLabelsSpent, double FinalAccuracy, long FinalClassifierPasses);
