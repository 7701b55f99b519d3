using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// Static and dynamic regret of an online learner on the ridge squared loss ℓ_t(w) = ½(wᵀx_t − y_t)² + (λ/2)‖w‖²
/// (arXiv 2508.10193, definitions): R_T = Σ_t ℓ_t(w_t) − Σ_t ℓ_t(u_T), with the prefix comparator u_T the ridge
/// minimiser (Σxxᵀ + Tλ I)⁻¹ Σxy projected on the ball of radius R [Proposed: exact when the minimiser lies inside the
/// ball], and R^dyn_T = Σ_t [ℓ_t(w_t) − ℓ_t(u_t)] against a caller-given comparator path with path length
/// P_T = Σ_{t≥2} ‖u_t − u_{t−1}‖ [P]. An evaluation tool: it keeps O(d²) running sums (not part of the learner's state).
/// </summary>
public sealed class RegretTracker
{
    private readonly int _d;
    private readonly double _lambda, _radius;
    private readonly double[] _xx, _xy, _l, _u, _prevComparator;
    private double _yy;
    private bool _hasPrev;

    /// <summary>Creates an empty tracker.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="lambda">λ &gt; 0 of the loss.</param>
    /// <param name="radius">R &gt; 0 of the comparator ball (+∞ for none).</param>
    public RegretTracker(int dimension, double lambda, double radius)
    {
        _d = Guard.AtLeast(dimension, 1, nameof(dimension));
        _lambda = Guard.Positive(lambda, nameof(lambda));
        _radius = Guard.PositiveOrInfinity(radius, nameof(radius));
        _xx = new double[_d * _d]; _xy = new double[_d]; _l = new double[_d * _d]; _u = new double[_d];
        _prevComparator = new double[_d];
    }

    /// <summary>T, the number of observed rounds.</summary>
    public long Rounds { get; private set; }

    /// <summary>Σ_t ℓ_t(w_t), the learner's cumulative loss.</summary>
    public double CumulativeLoss { get; private set; }

    /// <summary>R^dyn_T so far (rounds observed with a comparator only).</summary>
    public double DynamicRegret { get; private set; }

    /// <summary>P_T so far.</summary>
    public double PathLength { get; private set; }

    /// <summary>Records round t: the point and the learner's loss ℓ_t(w_t) before its update.</summary>
    public void Observe(ReadOnlySpan<double> x, double y, double learnerLoss)
    {
        Guard.Length(x, _d, nameof(x));
        Guard.Finite(learnerLoss, nameof(learnerLoss));
        for (int i = 0; i < _d; i++)
        {
            _xy[i] += x[i] * y;
            for (int j = 0; j < _d; j++) _xx[i * _d + j] += x[i] * x[j];
        }
        _yy += y * y;
        Rounds++;
        CumulativeLoss += learnerLoss;
    }

    /// <summary>Records round t with the dynamic comparator u_t: adds ℓ_t(w_t) − ℓ_t(u_t) to R^dyn and ‖u_t − u_{t−1}‖ to P_T.</summary>
    public void Observe(ReadOnlySpan<double> x, double y, double learnerLoss, ReadOnlySpan<double> comparator)
    {
        Guard.Length(comparator, _d, nameof(comparator));
        Observe(x, y, learnerLoss);
        double r = VectorOps.Dot(comparator, x) - y;
        DynamicRegret += learnerLoss - (0.5 * r * r + 0.5 * _lambda * VectorOps.Dot(comparator, comparator));
        if (_hasPrev) PathLength += Math.Sqrt(VectorOps.DistanceSquared(comparator, _prevComparator));
        comparator.CopyTo(_prevComparator);
        _hasPrev = true;
    }

    /// <summary>Writes the prefix comparator u_T into <paramref name="u"/> (zeros before the first round).</summary>
    public void BestFixed(Span<double> u)
    {
        Guard.Length(u.Length, _d, nameof(u));
        if (Rounds == 0) { u.Clear(); return; }
        var a = new double[_d * _d];
        for (int i = 0; i < a.Length; i++) a[i] = _xx[i];
        for (int i = 0; i < _d; i++) a[i * _d + i] += Rounds * _lambda;
        DenseCholesky.Factor(a, _l, _d);
        DenseCholesky.Solve(_l, _d, _xy, u);
        double n = VectorOps.Norm(u);
        if (n > _radius) { double f = _radius / n; for (int j = 0; j < _d; j++) u[j] *= f; }
    }

    /// <summary>Σ_t ℓ_t(u) = ½uᵀ(Σxxᵀ)u − uᵀΣxy + ½Σy² + (Tλ/2)‖u‖² for a fixed u.</summary>
    public double ComparatorLoss(ReadOnlySpan<double> u)
    {
        Guard.Length(u, _d, nameof(u));
        double quad = 0;
        for (int i = 0; i < _d; i++) { double s = 0; for (int j = 0; j < _d; j++) s += _xx[i * _d + j] * u[j]; quad += u[i] * s; }
        return 0.5 * quad - VectorOps.Dot(u, _xy) + 0.5 * _yy + 0.5 * Rounds * _lambda * VectorOps.Dot(u, u);
    }

    /// <summary>R_T = Σ_t ℓ_t(w_t) − Σ_t ℓ_t(u_T) with the prefix comparator u_T.</summary>
    public double StaticRegret()
    {
        BestFixed(_u);
        return CumulativeLoss - ComparatorLoss(_u);
    }
}
