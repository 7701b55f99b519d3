namespace PhyToolkit.Learning.Unlearning.Evaluation;

/// <summary>
/// One model's evaluation record (the per-model part of the minimal record of docs/unlearning-puf.md): accuracies on
/// D_r, D_f, D_test and the canaries, the membership measures on D_f, and, when a retrained reference was given, the
/// output divergences on D_f and the weight distance to it. Fractions are in [0, 1]; NaN = not applicable.
/// </summary>
public sealed record UnlearningEvaluation
{
    /// <summary>Acc(D_r).</summary>
    public required double RetainAccuracy { get; init; }

    /// <summary>Acc(D_f).</summary>
    public required double ForgetAccuracy { get; init; }

    /// <summary>Acc(D_test).</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>Accuracy on the canaries against their (wrong) training labels (NaN without canaries): memorisation.</summary>
    public required double CanaryAccuracy { get; init; }

    /// <summary>UA = 1 - Acc(D_f).</summary>
    public double UnlearningAccuracy => 1 - ForgetAccuracy;

    /// <summary>Yeom attack: fraction of D_f (and canaries, when present) with loss at most the mean D_r loss.</summary>
    public required double MiaYeom { get; init; }

    /// <summary>Per-class modified-entropy threshold attack (shadow members from D_r, non-members from D_test): fraction of D_f (and canaries) predicted member.</summary>
    public required double MiaThreshold { get; init; }

    /// <summary>Yeom advantage TPR - FPR between the shadow members (D_r) and non-members (D_test): how much the model leaks membership at all.</summary>
    public required double YeomAdvantage { get; init; }

    /// <summary>Mean KL(p_R || p_U) on D_f (NaN without reference).</summary>
    public required double KlToReference { get; init; }

    /// <summary>Mean JS(p_U, p_R) on D_f (NaN without reference); the ZRF/UnLearningScore is 1 - JS.</summary>
    public required double JsToReference { get; init; }

    /// <summary>Prediction agreement with the reference on D_f (NaN without reference).</summary>
    public required double AgreementWithReference { get; init; }

    /// <summary>||theta_U - theta_R|| (NaN without reference).</summary>
    public required double WeightDistance { get; init; }

    /// <summary>
    /// Average gap to a reference record: mean of |UA - UA_R|, |RA - RA_R|, |TA - TA_R| and |MIA_Yeom - MIA_Yeom,R|
    /// (the "average gap" of the unlearning literature, docs/unlearning-puf.md).
    /// </summary>
    public double AverageGap(UnlearningEvaluation reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return 0.25 * (Math.Abs(UnlearningAccuracy - reference.UnlearningAccuracy) + Math.Abs(RetainAccuracy - reference.RetainAccuracy)
            + Math.Abs(TestAccuracy - reference.TestAccuracy) + Math.Abs(MiaYeom - reference.MiaYeom));
    }
}
