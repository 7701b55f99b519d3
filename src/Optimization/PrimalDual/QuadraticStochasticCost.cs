using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// f(θ) = E[½ (θ − ξ)ᵀ Q (θ − ξ)], ξ ~ N(c, sd² I): the local cost of test bed T1 (spec of arXiv 2509.01172 §5,
/// [Proposed]). f(θ) = ½ (θ − c)ᵀQ(θ − c) + ½ sd² tr Q; ∇f = Q(θ − c); stochastic gradient Q(θ − ξ).
/// </summary>
public sealed class QuadraticStochasticCost : IStochasticCost
{
    private readonly double[] _q, _c;

    /// <summary>Creates the cost.</summary>
    /// <param name="q">Q, row-major d×d, symmetric positive definite.</param>
    /// <param name="center">c (length d).</param>
    /// <param name="noiseSd">sd &gt;= 0.</param>
    /// <param name="strongConvexity">The smallest eigenvalue of Q (&gt; 0; the caller knows it from the construction).</param>
    public QuadraticStochasticCost(double[] q, double[] center, double noiseSd, double strongConvexity)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(center);
        int d = center.Length;
        if (d == 0 || q.Length != d * d) throw new ArgumentException($"q must be d×d = {d * d} entries for d = {d}.", nameof(q));
        for (int r = 0; r < d; r++)
            for (int k = 0; k < d; k++)
                if (!double.IsFinite(q[r * d + k]) || Math.Abs(q[r * d + k] - q[k * d + r]) > 1e-12 * (1 + Math.Abs(q[r * d + k])))
                    throw new ArgumentException("q must be finite and symmetric.", nameof(q));
        _q = (double[])q.Clone();
        _c = (double[])center.Clone();
        NoiseSd = Guard.NonNegative(noiseSd, nameof(noiseSd));
        StrongConvexity = Guard.Positive(strongConvexity, nameof(strongConvexity));
    }

    /// <summary>Q, row-major.</summary>
    public IReadOnlyList<double> Q => _q;

    /// <summary>The minimiser c of f.</summary>
    public IReadOnlyList<double> Center => _c;

    /// <summary>The noise standard deviation sd.</summary>
    public double NoiseSd { get; }

    /// <inheritdoc/>
    public int Dimension => _c.Length;

    /// <inheritdoc/>
    public double StrongConvexity { get; }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        int d = _c.Length;
        double s = 0, trace = 0;
        for (int r = 0; r < d; r++)
        {
            trace += _q[r * d + r];
            double row = 0;
            for (int k = 0; k < d; k++) row += _q[r * d + k] * (theta[k] - _c[k]);
            s += (theta[r] - _c[r]) * row;
        }
        return 0.5 * s + 0.5 * NoiseSd * NoiseSd * trace;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => Apply(theta, _c, gradient);

    /// <inheritdoc/>
    public void SampleGradient(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng, Span<double> gradient)
    {
        int d = _c.Length;
        Span<double> xi = d <= 64 ? stackalloc double[d] : new double[d];
        for (int k = 0; k < d; k++) xi[k] = _c[k] + NoiseSd * rng.NextGaussian();
        Apply(theta, xi, gradient);
    }

    private void Apply(ReadOnlySpan<double> theta, ReadOnlySpan<double> center, Span<double> gradient)
    {
        int d = _c.Length;
        for (int r = 0; r < d; r++)
        {
            double row = 0;
            for (int k = 0; k < d; k++) row += _q[r * d + k] * (theta[k] - center[k]);
            gradient[r] = row;
        }
    }
}
