namespace PhyToolkit.Optimization.Reduction;

/// <summary>Outcome of <see cref="ReducedGradientDescent"/>: final point, value, iteration count, stop reason and value history.</summary>
/// <param name="X">Final iterate (x1 for reduced runs, the concatenation (x1, x2) for full runs).</param>
/// <param name="Value">Objective value at <paramref name="X"/> (F for reduced runs, f for full runs).</param>
/// <param name="Iterations">Iterations taken.</param>
/// <param name="Reason">Why it stopped (<see cref="StopReason.Converged"/> when a tolerance was met).</param>
/// <param name="History">Objective value after each iteration, starting with the initial value.</param>
public sealed record DescentResult(double[] X, double Value, int Iterations, StopReason Reason, IReadOnlyList<double> History);
