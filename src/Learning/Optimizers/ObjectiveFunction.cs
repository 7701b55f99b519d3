namespace PhyToolkit.Learning.Optimizers;

/// <summary>A black-box objective f(x) evaluated from function values only (zeroth-order optimisation).</summary>
/// <param name="x">The point, length = problem dimension.</param>
/// <returns>f(x).</returns>
public delegate double ObjectiveFunction(ReadOnlySpan<double> x);
