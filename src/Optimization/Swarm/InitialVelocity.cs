namespace PhyToolkit.Optimization.Swarm;

/// <summary>How particle velocities are initialised (fa-plkg docs/fa-plkg.md allows both).</summary>
public enum InitialVelocity
{
    /// <summary>v = 0.</summary>
    Zero,
    /// <summary>v_j ~ U[−vmax_j, vmax_j] with vmax_j the velocity clamp.</summary>
    Uniform,
}
