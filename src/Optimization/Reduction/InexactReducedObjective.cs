using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Inexact argmin reduction, variant C of docs/optim-reduction.md ([proposal]): F(x1) = f(x1, Ψ̃(x1)) where Ψ̃ solves
/// the inner problem min_{x2} f(x1, x2) by Newton–conjugate-gradient steps on H22 to ‖∇_2 f(x1, x2)‖ ≤ tol_in·‖∇_2 f(x1, 0)‖,
/// warm-started from the previous x2. The gradient is the envelope form ∇_1 f(x1, Ψ̃(x1)) (its error is O(‖∇_2 f‖), derived),
/// and the pullback direction solves (I + DΨᵀDΨ)d = g by conjugate gradients with DΨ = −H22⁻¹H21 applied matrix-free
/// (implicit function theorem), each H22⁻¹ by an inner conjugate-gradient solve to relative residual tol_in.
/// </summary>
/// <remarks>
/// Defaults: tol_in = 1e-10 relative (docs/optim-reduction.md C, [proposal]), at most 200 conjugate-gradient steps per solve and 50 Newton
/// steps per inner solve (our choices). The inner solve also stops when a Newton step fails to halve ‖∇_2 f‖ (round-off floor).
/// Keeps scratch buffers and the warm start: not thread-safe, one instance per worker.
/// </remarks>
public sealed class InexactReducedObjective : IObjective
{
    private const int MaxNewtonSteps = 50;
    private readonly ISplitObjective _f;
    private readonly ISplitHessianProducts _h;
    private readonly double[] _x1At, _x2, _zero2, _g1, _g2, _delta, _u, _z, _z2, _w;
    private readonly double[] _ir, _ip, _iap, _or, _op, _oap;
    private readonly LinearOperator _h22, _metric;
    private bool _valid;

    /// <summary>Wraps <paramref name="objective"/> and its Hessian products.</summary>
    /// <param name="objective">f (the inner problem over x2 must have H22 ≻ 0 near the iterates).</param>
    /// <param name="hessian">H22, H21, H12 products of the same f.</param>
    /// <param name="innerTolerance">tol_in in (0, 1) (spec: 1e-10).</param>
    /// <param name="maxInnerIterations">Conjugate-gradient steps per solve, ≥ 1.</param>
    /// <param name="initialX2">First warm start (length n2), or null for zeros.</param>
    /// <exception cref="ArgumentException">Dimension mismatch.</exception>
    public InexactReducedObjective(ISplitObjective objective, ISplitHessianProducts hessian, double innerTolerance = 1e-10, int maxInnerIterations = 200, double[]? initialX2 = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(hessian);
        Guard.InRange(innerTolerance, double.Epsilon, Math.BitDecrement(1.0), nameof(innerTolerance));
        Guard.AtLeast(maxInnerIterations, 1, nameof(maxInnerIterations));
        int n1 = objective.N1, n2 = objective.N2;
        if (initialX2 is not null && initialX2.Length != n2) throw new ArgumentException($"initialX2 must have length {n2} (got {initialX2.Length}).", nameof(initialX2));
        _f = objective; _h = hessian;
        InnerTolerance = innerTolerance;
        MaxInnerIterations = maxInnerIterations;
        _x1At = new double[n1]; _x2 = initialX2 is null ? new double[n2] : (double[])initialX2.Clone();
        _zero2 = new double[n2]; _g1 = new double[n1]; _g2 = new double[n2]; _delta = new double[n2];
        _u = new double[n2]; _z = new double[n2]; _z2 = new double[n2]; _w = new double[n1];
        _ir = new double[n2]; _ip = new double[n2]; _iap = new double[n2];
        _or = new double[n1]; _op = new double[n1]; _oap = new double[n1];
        _h22 = (v, r) => _h.MultiplyH22(_x1At, _x2, v, r);
        _metric = ApplyMetric;
    }

    /// <summary>The full objective f.</summary>
    public ISplitObjective Objective => _f;

    /// <summary>tol_in.</summary>
    public double InnerTolerance { get; }

    /// <summary>Conjugate-gradient cap per solve.</summary>
    public int MaxInnerIterations { get; }

    /// <summary>Dimension n1 of the reduced variable.</summary>
    public int Dimension => _f.N1;

    /// <summary>Conjugate-gradient steps on H22 so far (inner solves and implicit-function products).</summary>
    public long InnerIterations { get; private set; }

    /// <summary>Inner solves Ψ̃(x1) at a new x1 so far.</summary>
    public long InnerSolves { get; private set; }

    /// <inheritdoc/>
    public bool HasGradient => true;

    /// <summary>Writes Ψ̃(x1) (length n2), solving the inner problem unless x1 equals the last point.</summary>
    public void Psi(ReadOnlySpan<double> x1, Span<double> x2)
    {
        Solve(x1);
        _x2.CopyTo(x2);
    }

    /// <summary>F(x1) = f(x1, Ψ̃(x1)).</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        Solve(x);
        return _f.Evaluate(x, _x2);
    }

    /// <summary>Envelope gradient ∇_1 f(x1, Ψ̃(x1)).</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Solve(x);
        _f.Gradient(x, _x2, gradient, _g2);
    }

    /// <summary>Solves (I + DΨᵀDΨ)d = g by conjugate gradients to relative residual tol_in, DΨ = −H22⁻¹H21 matrix-free.</summary>
    public void PullbackDirection(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, Span<double> direction)
    {
        Solve(x);
        double tol = InnerTolerance * Math.Sqrt(VectorOps.Dot(gradient, gradient));
        ConjugateGradient.Solve(_metric, gradient, direction, tol, 10 * _f.N1 + 100, _or, _op, _oap);
    }

    // v ↦ v + DΨᵀDΨv = v + H12 H22⁻¹ H22⁻¹ H21 v.
    private void ApplyMetric(ReadOnlySpan<double> v, Span<double> result)
    {
        _h.MultiplyH21(_x1At, _x2, v, _u);
        InnerIterations += ConjugateGradient.Solve(_h22, _u, _z, InnerTolerance * Norm(_u), MaxInnerIterations, _ir, _ip, _iap);
        InnerIterations += ConjugateGradient.Solve(_h22, _z, _z2, InnerTolerance * Norm(_z), MaxInnerIterations, _ir, _ip, _iap);
        _h.MultiplyH12(_x1At, _x2, _z2, _w);
        for (int i = 0; i < result.Length; i++) result[i] = v[i] + _w[i];
    }

    private void Solve(ReadOnlySpan<double> x1)
    {
        if (_valid && x1.SequenceEqual(_x1At)) return;
        _valid = false;
        x1.CopyTo(_x1At);
        InnerSolves++;
        _f.Gradient(x1, _zero2, _g1, _g2);
        double target = InnerTolerance * Norm(_g2), previous = double.PositiveInfinity;
        for (int step = 0; step < MaxNewtonSteps; step++)
        {
            _f.Gradient(x1, _x2, _g1, _g2);
            double norm = Norm(_g2);
            if (norm <= target || !(norm <= 0.5 * previous)) break;
            previous = norm;
            for (int i = 0; i < _g2.Length; i++) _g2[i] = -_g2[i];
            InnerIterations += ConjugateGradient.Solve(_h22, _g2, _delta, 0.5 * target, MaxInnerIterations, _ir, _ip, _iap);
            for (int i = 0; i < _x2.Length; i++) _x2[i] += _delta[i];
        }
        _valid = true;
    }

    private static double Norm(ReadOnlySpan<double> v) => Math.Sqrt(VectorOps.Dot(v, v));
}
