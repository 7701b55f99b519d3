namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>What one round of the open-set active-learning loop measured.</summary>
/// <param name="Round">Round r (1..R).</param>
/// <param name="LabelsSpent">Oracle labels spent before this round's query (initial set + (r − 1)·b).</param>
/// <param name="KnownLabelled">|D_L|, known-class labels available for the classifier.</param>
/// <param name="TestAccuracy">Accuracy of the K-way classifier f_C (trained on D_L) on the known-class test set.</param>
/// <param name="QueryPrecision">Share of this round's queries that are known-class samples.</param>
/// <param name="QueryRecall">Known-class queries over the known-class samples left in the pool before the query.</param>
/// <param name="ClassifierPasses">Per-sample forward/backward passes of training f_C.</param>
/// <param name="SgdPasses">Per-sample passes of training the SGD (K+1)-way model (LfOSA, SAMOSA; 0 otherwise).</param>
/// <param name="SamPasses">Per-sample passes of training the SAM (K+1)-way model (SAMOSA; 0 otherwise).</param>
/// <param name="QueryForwardPasses">Per-sample forward passes of the query step over the pool.</param>
/// <param name="FilteredShare">SAMOSA: |S|/|U|, the share both models call known; NaN otherwise.</param>
/// <param name="ScoreMarginSpearman">SAMOSA: Spearman correlation over the pool between s(x) and f_A's margin p_top1 − p_top2; NaN otherwise.</param>
/// <param name="RareMinusCommonScore">SAMOSA: mean s(x) of rare-sub-cluster pool samples minus that of the others; NaN otherwise.</param>
public sealed record RoundRecord(
    int Round, int LabelsSpent, int KnownLabelled, double TestAccuracy, double QueryPrecision, double QueryRecall,
    long ClassifierPasses, long SgdPasses, long SamPasses, long QueryForwardPasses,
    double FilteredShare, double ScoreMarginSpearman, double RareMinusCommonScore);
