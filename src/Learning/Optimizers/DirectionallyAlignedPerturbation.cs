using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Directionally aligned perturbation (DAP; Ma &amp; Huang, arXiv:2510.19975): u = s·ê + w with s = ±1 and w in the
/// orthogonal complement of a direction estimate ê of ∇f, so |uᵀê| = 1 always and E[u uᵀ] = I.
/// </summary>
/// <remarks>
/// <para>[PROPOSED] construction (docs/optim-zeroth-order.md; the paper's sampler was not reachable):
/// w ~ N(0, I − êêᵀ) (computed as z − (êᵀz)ê, z ~ N(0, I)), or with <c>sphereComplement</c> w uniform on the
/// (d−1)-sphere of radius √(d−1) in that complement (then ‖u‖² = d). With ê = ∇f/‖∇f‖ the estimator has zero
/// error along the gradient.</para>
/// <para>Direction estimate [PROPOSED option (a)]: ê = normalise(EMA of the observed estimates) with weight β
/// (default 0.9); <see cref="SetDirection"/> overrides it (oracle direction, for tests). Until a direction of norm
/// ≥ 1e-12 is known the sampler falls back to the sphere of radius √d.</para>
/// </remarks>
public sealed class DirectionallyAlignedPerturbation : IPerturbationSampler
{
    private readonly double[] _ema;
    private readonly double[] _direction;
    private bool _hasDirection;

    /// <summary>Creates the sampler.</summary>
    /// <param name="dimension">d ≥ 2.</param>
    /// <param name="directionEma">EMA weight β in [0, 1) of the direction estimate.</param>
    /// <param name="sphereComplement">Use the fixed-radius complement (DAP-sphere) instead of the Gaussian one.</param>
    public DirectionallyAlignedPerturbation(int dimension, double directionEma = 0.9, bool sphereComplement = false)
    {
        Guard.InRange(dimension, 2, int.MaxValue, nameof(dimension));
        Guard.UnitInterval(directionEma, nameof(directionEma));
        Dimension = dimension;
        DirectionEma = directionEma;
        SphereComplement = sphereComplement;
        _ema = new double[dimension];
        _direction = new double[dimension];
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>EMA weight β of the direction estimate.</summary>
    public double DirectionEma { get; }

    /// <summary>Whether w is drawn on the √(d−1)-sphere of the complement.</summary>
    public bool SphereComplement { get; }

    /// <summary>The current unit direction ê (all zeros before one is known).</summary>
    public ReadOnlySpan<double> Direction => _direction;

    /// <summary>Sets ê = direction/‖direction‖ (and the EMA state to it). A direction of norm &lt; 1e-12 clears ê.</summary>
    /// <param name="direction">Length d.</param>
    public void SetDirection(ReadOnlySpan<double> direction)
    {
        Guard.Length(direction.Length, Dimension, nameof(direction));
        direction.CopyTo(_ema);
        Normalise();
    }

    /// <inheritdoc />
    public void Observe(ReadOnlySpan<double> gradientEstimate)
    {
        Guard.Length(gradientEstimate.Length, Dimension, nameof(gradientEstimate));
        for (int i = 0; i < _ema.Length; i++) _ema[i] = DirectionEma * _ema[i] + (1 - DirectionEma) * gradientEstimate[i];
        Normalise();
    }

    private void Normalise()
    {
        double n = 0;
        for (int i = 0; i < _ema.Length; i++) n += _ema[i] * _ema[i];
        n = Math.Sqrt(n);
        _hasDirection = n >= 1e-12 && double.IsFinite(n);
        for (int i = 0; i < _ema.Length; i++) _direction[i] = _hasDirection ? _ema[i] / n : 0;
    }

    /// <inheritdoc />
    public void Sample(ref Xoshiro256StarStar rng, Span<double> u)
    {
        Guard.Length(u.Length, Dimension, nameof(u));
        if (!_hasDirection)
        {
            ZerothOrderHelpers.SampleSphere(ref rng, u, Math.Sqrt(Dimension));
            return;
        }
        for (int i = 0; i < u.Length; i++) u[i] = rng.NextGaussian();
        double proj = 0;
        for (int i = 0; i < u.Length; i++) proj += u[i] * _direction[i];
        for (int i = 0; i < u.Length; i++) u[i] -= proj * _direction[i];            // w = z − (êᵀz)ê
        if (SphereComplement)
        {
            double n = 0;
            for (int i = 0; i < u.Length; i++) n += u[i] * u[i];
            double scale = Math.Sqrt(Dimension - 1) / Math.Sqrt(n);
            for (int i = 0; i < u.Length; i++) u[i] *= scale;
        }
        double s = rng.NextBit() ? 1.0 : -1.0;
        for (int i = 0; i < u.Length; i++) u[i] += s * _direction[i];               // u = s·ê + w
    }
}
