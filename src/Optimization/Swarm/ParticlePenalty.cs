namespace PhyToolkit.Optimization.Swarm;

/// <summary>
/// Non-negative constraint-violation penalty subtracted from a particle's fitness: fitness = objective − penalty
/// (e.g. η·V(t̃), η = 10 bits per antenna pair closer than D, fa-plkg docs/fa-plkg.md).
/// </summary>
/// <param name="particle">The particle's coordinates (length d).</param>
/// <returns>The penalty (≥ 0; 0 for a feasible particle).</returns>
public delegate double ParticlePenalty(ReadOnlySpan<double> particle);
