using PhyToolkit.Learning.Unlearning.Evaluation;

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// What one unlearning method did in a trial: the evaluation after every round since the request (entry 0 = the model
/// when the request arrived, entry 1 = after the first round, ...), the recovery rounds, the cost and the reference.
/// </summary>
public sealed record UnlearningOutcome
{
    /// <summary>Method name.</summary>
    public required string Method { get; init; }

    /// <summary>Evaluations per round since the request (index = rounds since the request).</summary>
    public required IReadOnlyList<UnlearningEvaluation> Trajectory { get; init; }

    /// <summary>
    /// Recovery rounds after the unlearning round until test accuracy reached the retrained level (minus the tolerance),
    /// or null when the cap was reached without it (censored).
    /// </summary>
    public required int? RecoveryRounds { get; init; }

    /// <summary>Evaluation of the retrained-from-scratch reference (same seed, same rounds, without the forgotten clients).</summary>
    public required UnlearningEvaluation Retrained { get; init; }

    /// <summary>Cost of the method (rounds, uploads, storage).</summary>
    public required UnlearningCost Cost { get; init; }

    /// <summary>The final model.</summary>
    public required double[] Final { get; init; }

    /// <summary>The last evaluation.</summary>
    public UnlearningEvaluation Last => Trajectory[^1];
}
