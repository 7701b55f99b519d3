namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>Records ‖∇Φ(x_t)‖ and ‖y_t − y*(x_t)‖ from an exact reference into preallocated histories.</summary>
internal sealed class ReferenceTracker
{
    private readonly IHierarchicalReference _reference;
    private readonly double[] _g;
    private readonly double[] _ystar;
    private readonly IBilevelReference? _bilevel;

    public ReferenceTracker(IHierarchicalReference reference, int dx, int dy, int iterations)
    {
        _reference = reference;
        _g = new double[dx];
        _ystar = new double[dy];
        GradNorm = new double[iterations + 1];
        InnerError = new double[iterations + 1];
    }

    /// <summary>Also records ‖z_t − z*(x_t)‖ when the reference provides z* (bilevel problems).</summary>
    public ReferenceTracker(IHierarchicalReference reference, int dx, int dy, int iterations, bool trackLinearSystem)
        : this(reference, dx, dy, iterations)
    {
        if (trackLinearSystem && reference is IBilevelReference b)
        {
            _bilevel = b;
            LinearSystemError = new double[iterations + 1];
        }
    }

    public double[] GradNorm { get; }

    public double[] InnerError { get; }

    public double[]? LinearSystemError { get; }

    public void Record(int t, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        _reference.OuterGradient(x, _g);
        GradNorm[t] = VectorOps.Norm(_g);
        _reference.InnerSolution(x, _ystar);
        InnerError[t] = Math.Sqrt(VectorOps.DistanceSquared(y, _ystar));
    }

    public void Record(int t, ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z)
    {
        Record(t, x, y);
        if (_bilevel is null) return;
        _bilevel.LinearSystemSolution(x, _ystar);
        LinearSystemError![t] = Math.Sqrt(VectorOps.DistanceSquared(z, _ystar));
    }
}
