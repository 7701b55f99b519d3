namespace PhyToolkit.Optimization.Swarm;

/// <summary>
/// Maps one particle into the feasible set in place (e.g. the pairwise antenna push-apart of fa-plkg docs/fa-plkg.md).
/// Called by <see cref="ParticleSwarm"/> after every move and box clamp. It must leave the particle inside the box and
/// be deterministic; with parallel evaluation it is still called serially.
/// </summary>
/// <param name="particle">The particle's coordinates (length d), modified in place.</param>
public delegate void ParticleRepair(Span<double> particle);
