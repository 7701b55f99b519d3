namespace PhyToolkit.Optimization.Results;

/// <summary>Why an optimizer stopped.</summary>
public enum StopReason
{
    /// <summary>The iteration limit was reached.</summary>
    MaxIterations,
    /// <summary>The fitness-evaluation budget would have been exceeded by the next iteration.</summary>
    MaxEvaluations,
    /// <summary>PSO: the best value did not improve by more than the stall tolerance for the stall window.</summary>
    Stalled,
    /// <summary>Gradient / alternating methods: the improvement fell below the relative tolerance, or the gradient vanished.</summary>
    Converged,
    /// <summary>Gradient methods: backtracking shrank the step below the minimum without satisfying the Armijo condition.</summary>
    LineSearchFailed,
    /// <summary>The cancellation token was signalled; the result holds the best point found so far.</summary>
    Cancelled,
}
