using System.Numerics;
using PhyToolkit.Optimization.Alternating;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>How the precoder is found for a fixed layout inside the alternating optimisation.</summary>
public enum PrecoderMethod
{
    /// <summary>The closed-form water-filling optimum (docs/fa-plkg.md): exact, one eigendecomposition (the AO "fast path", our choice for --quick).</summary>
    Oracle,
    /// <summary>J warm-started projected-gradient iterations (docs/fa-plkg.md/§3.4-A, the paper's AO in kind).</summary>
    Pgd,
}

/// <summary>
/// The inner solver of the two-loop AO (docs/fa-plkg.md-A): for a layout t̃, builds R(t̃) and returns max_P KGR(P, t̃) by the
/// oracle or by J PGD iterations warm-started from the incumbent's precoder. One instance per worker.
/// </summary>
public sealed class PrecoderSolver : IInnerSolver<Complex>
{
    private readonly KeyGenerationEvaluator _evaluator;

    /// <summary>Creates the solver.</summary>
    /// <param name="evaluator">This worker's evaluator.</param>
    /// <param name="method">Oracle or PGD.</param>
    /// <param name="toConvergence">For PGD: solve to convergence (the AO's final solve) rather than J iterations.</param>
    public PrecoderSolver(KeyGenerationEvaluator evaluator, PrecoderMethod method, bool toConvergence = false)
    {
        _evaluator = evaluator ?? throw new ArgumentNullException(nameof(evaluator));
        Method = method;
        ToConvergence = toConvergence;
    }

    /// <summary>The method.</summary>
    public PrecoderMethod Method { get; }
    /// <summary>Whether PGD runs to convergence.</summary>
    public bool ToConvergence { get; }
    /// <summary>The evaluator (its evaluation counter counts this solver's KGR evaluations).</summary>
    public KeyGenerationEvaluator Evaluator => _evaluator;

    /// <inheritdoc/>
    public double Solve(ReadOnlySpan<double> block1, ReadOnlySpan<Complex> warmStart, Span<Complex> block2)
    {
        _evaluator.SetLayout(block1);
        if (Method == PrecoderMethod.Oracle) return _evaluator.Oracle(block2);
        warmStart.CopyTo(block2);
        return (ToConvergence ? _evaluator.PgdFull(block2) : _evaluator.PgdInner(block2)).BestValue;
    }
}
