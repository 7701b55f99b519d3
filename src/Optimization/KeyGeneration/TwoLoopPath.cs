namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>Which implementation of the two-loop AO runs (<see cref="FluidAntennaAlternating.TwoLoop"/>).</summary>
public enum TwoLoopPath
{
    /// <summary>The library decides: a batched fitness (oracle or PGD inner solver) where it applies, else the scalar scheme (the default).</summary>
    Auto,
    /// <summary>Always the scalar scheme (the reference the fast path is tested and benchmarked against).</summary>
    Scalar,
}
