namespace PhyToolkit.Optimization.Results;

/// <summary>One entry of a convergence trace: the best value after an iteration and the cumulative evaluation count.</summary>
/// <param name="Iteration">Iteration index; 0 is the initialisation (initial swarm / starting point).</param>
/// <param name="Evaluations">Cumulative objective (fitness) evaluations up to and including this iteration.</param>
/// <param name="BestValue">Best objective value found so far (maximisation).</param>
public readonly record struct ConvergencePoint(int Iteration, long Evaluations, double BestValue);
