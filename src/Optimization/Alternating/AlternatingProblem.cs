using PhyToolkit.Optimization.Swarm;
namespace PhyToolkit.Optimization.Alternating;

/// <summary>
/// A two-block maximisation max over (x, y) of F(x, y) − penalty(x), x ∈ box ⊂ ℝ^d1 searched by PSO, y ∈ T^n2 solved by
/// an <see cref="IInnerSolver{T}"/> (fa-plkg docs/fa-plkg.md: x = antenna positions, y = vec(P)).
/// </summary>
/// <typeparam name="T">Element type of block 2.</typeparam>
public sealed class AlternatingProblem<T> where T : struct
{
    /// <summary>Box of block 1 (defines d1).</summary>
    public required BoxBounds Block1Bounds { get; init; }

    /// <summary>Initial block-2 point (length n2 ≥ 1): the first warm start (e.g. P0 = √ρ·I or the UPA solution).</summary>
    public required T[] Block2Start { get; init; }

    /// <summary>Creates one inner solver per worker (called once per worker per run).</summary>
    public required Func<IInnerSolver<T>> InnerSolverFactory { get; init; }

    /// <summary>Optional solver run once at the best block-1 point, warm-started from its block 2 (e.g. PGD to full
    /// convergence, docs/fa-plkg.md-A "at the end"); its result is kept only if it is not worse.</summary>
    public IInnerSolver<T>? FinalSolver { get; init; }

    /// <summary>F(x, y); required by <see cref="AlternatingOptimizer.RunBlockAlternation{T}"/>, unused by the two-loop scheme.</summary>
    public IJointObjective<T>? JointObjective { get; init; }

    /// <summary>Optional block-1 incumbent (length d1, inside the box; e.g. the UPA layout): seeded as particle 0 in the
    /// two-loop scheme; the required starting point of the block alternation.</summary>
    public double[]? Block1Start { get; init; }

    /// <summary>Optional non-negative block-1 penalty subtracted from the value (e.g. η·#pairs closer than D).</summary>
    public ParticlePenalty? Penalty { get; init; }

    /// <summary>Optional block-1 repair applied by the swarm after every move.</summary>
    public ParticleRepair? Repair { get; init; }
}
