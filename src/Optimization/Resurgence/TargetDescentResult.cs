namespace PhyToolkit.Optimization.Resurgence;

/// <summary>Outcome of one <see cref="TargetDescent"/> run.</summary>
public sealed record TargetDescentResult
{
    /// <summary>Final iterate.</summary>
    public required double[] X { get; init; }

    /// <summary>L at the final iterate.</summary>
    public required double Value { get; init; }

    /// <summary>Evaluations used (gradients plus escape-rule line probes).</summary>
    public required int Evaluations { get; init; }

    /// <summary>Evaluations when L first reached the stop value; null when it never did.</summary>
    public int? EvaluationsToStop { get; init; }

    /// <summary>Accepted escapes (moves to a basin with a lower converged loss).</summary>
    public int Escapes { get; init; }

    /// <summary>Escape attempts (kicks tried).</summary>
    public int EscapeAttempts { get; init; }

    /// <summary>Diverged (non-finite iterate); the run stopped.</summary>
    public bool Diverged { get; init; }
}
