namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>The outcome of one open-set active-learning run.</summary>
/// <param name="Strategy">The query strategy.</param>
/// <param name="Rounds">One record per query round.</param>
/// <param name="FinalLabelsSpent">Labels spent after the last round (initial set + R·b).</param>
/// <param name="FinalAccuracy">Accuracy of f_C retrained on the final D_L.</param>
/// <param name="FinalClassifierPasses">Per-sample passes of that final training.</param>
/// <param name="LastRoundScores">SAMOSA: the disagreement s(x) of every pool sample in the last round (empty otherwise).</param>
/// <param name="LastRoundMargins">SAMOSA: f_A's margin p_top1 − p_top2 of the same samples (empty otherwise).</param>
public sealed record ActiveLearningResult(QueryStrategy Strategy, IReadOnlyList<RoundRecord> Rounds, int FinalLabelsSpent, double FinalAccuracy, long FinalClassifierPasses,
    double[] LastRoundScores, double[] LastRoundMargins);
