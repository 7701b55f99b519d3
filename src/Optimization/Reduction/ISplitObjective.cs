namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// A smooth objective f(x1, x2) to be <b>minimised</b> over a split variable x = (x1, x2), x1 ∈ ℝ^{n1}, x2 ∈ ℝ^{n2}
/// (docs/optim-reduction.md; Markou, Ajanthan, Gould, arXiv:2506.08428).
/// </summary>
public interface ISplitObjective
{
    /// <summary>n1 ≥ 1, the dimension of the kept variable x1.</summary>
    int N1 { get; }

    /// <summary>n2 ≥ 1, the dimension of the eliminated variable x2.</summary>
    int N2 { get; }

    /// <summary>f(x1, x2).</summary>
    double Evaluate(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2);

    /// <summary>Writes ∇_1 f (length n1) and ∇_2 f (length n2).</summary>
    void Gradient(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, Span<double> gradient1, Span<double> gradient2);
}
