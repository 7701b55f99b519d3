namespace PhyToolkit.Optimization.Inverse;

/// <summary>Boundary rule of the forward-difference operator <see cref="FiniteDifferences"/>.</summary>
public enum DifferenceBoundary
{
    /// <summary>The last difference in each direction is 0 (the usual TV discretization; ‖D‖² &lt; 8).</summary>
    Neumann,

    /// <summary>Differences wrap around (diagonal in the 2-D DFT; pairs with periodic convolution).</summary>
    Periodic,
}
