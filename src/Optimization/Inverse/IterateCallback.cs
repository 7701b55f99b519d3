namespace PhyToolkit.Optimization.Inverse;

/// <summary>Per-iteration observer of an iterative inverse solver (curves, oracle logging, early stopping).</summary>
/// <param name="iteration">1-based iteration just completed.</param>
/// <param name="iterate">The current image (valid only during the call).</param>
/// <returns>False to stop after this iteration.</returns>
public delegate bool IterateCallback(int iteration, ReadOnlySpan<double> iterate);
