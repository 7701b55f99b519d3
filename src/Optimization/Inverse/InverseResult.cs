namespace PhyToolkit.Optimization.Inverse;

/// <summary>Outcome of a classical inverse-problem solver: the last iterate (never an oracle-selected one), the
/// iterations (or linear-operator applications for direct solvers) and the objective after every iteration.</summary>
/// <param name="Image">Reconstruction on the [-1, 1] scale (row-major).</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="Objective">Objective value after each iteration (empty for closed-form solvers).</param>
public sealed record InverseResult(double[] Image, int Iterations, IReadOnlyList<double> Objective);
