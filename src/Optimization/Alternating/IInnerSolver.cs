namespace PhyToolkit.Optimization.Alternating;

/// <summary>
/// Solves the block-2 subproblem max over y of F(x, y) for a fixed block-1 point x (e.g. the precoder P for fixed
/// antenna positions t̃ by PGD or by the water-filling oracle, fa-plkg docs/fa-plkg.md/§3.3). Used by
/// <see cref="AlternatingOptimizer"/> as the fitness of the outer swarm (docs/fa-plkg.md-A) and as the block-2 pass of the
/// strict alternation (docs/fa-plkg.md-B).
/// </summary>
/// <typeparam name="T">Element type of block 2 (<see cref="double"/> or <see cref="System.Numerics.Complex"/>).</typeparam>
/// <remarks>An instance is used by one thread at a time (the optimizer creates one per worker through a factory), so it
/// may own scratch buffers. Results must depend only on the arguments.</remarks>
public interface IInnerSolver<T> where T : struct
{
    /// <summary>Maximises F(<paramref name="block1"/>, ·) starting from <paramref name="warmStart"/>.</summary>
    /// <param name="block1">The fixed block-1 point (length d1).</param>
    /// <param name="warmStart">Starting block-2 point (length n2); not modified; never aliases <paramref name="block2"/>.</param>
    /// <param name="block2">Receives the best block-2 point found (length n2).</param>
    /// <returns>F(block1, block2) at the returned point (larger is better; without any block-1 penalty).</returns>
    double Solve(ReadOnlySpan<double> block1, ReadOnlySpan<T> warmStart, Span<T> block2);
}
