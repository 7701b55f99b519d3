using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Zeroth-order SGD: x ← x − η·ĝ with ĝ the average of q two-point estimates (docs/optim-zeroth-order.md;
/// arXiv:2510.19975). Works on black-box objectives (no gradients), e.g. physical-layer metrics.
/// </summary>
/// <remarks>[PROPOSED] toolkit defaults (docs/optim-zeroth-order.md): η = 1e-3, δ = 1e-4, q = 1, central differences; the sampler is
/// chosen by the caller (<see cref="SpherePerturbation"/> is the spec default). After each step the estimate is passed to
/// <see cref="IPerturbationSampler.Observe"/> (DAP's direction update). Cost: 2q evaluations per step (central).</remarks>
public sealed class ZerothOrderSgd
{
    private readonly double[] _x;
    private readonly double[] _g;
    private readonly double[] _work;
    private Xoshiro256StarStar _rng;

    /// <summary>Creates the optimiser.</summary>
    /// <param name="x0">Starting point (copied), length d ≥ 1, finite.</param>
    /// <param name="sampler">Direction distribution of dimension d.</param>
    /// <param name="seed">Seed of the direction stream.</param>
    /// <param name="lr">Learning rate η ≥ 0.</param>
    /// <param name="delta">Perturbation step δ &gt; 0.</param>
    /// <param name="directions">Directions per step q ≥ 1.</param>
    /// <param name="central">Central (true) or forward (false) differences.</param>
    public ZerothOrderSgd(ReadOnlySpan<double> x0, IPerturbationSampler sampler, ulong seed, double lr = 1e-3, double delta = 1e-4, int directions = 1, bool central = true)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (x0.Length == 0) throw new ArgumentException("x0 must be non-empty.", nameof(x0));
        foreach (var v in x0) if (!double.IsFinite(v)) throw new ArgumentException("x0 must be finite.", nameof(x0));
        Guard.Length(sampler.Dimension, x0.Length, nameof(sampler));
        Guard.NonNegative(lr, nameof(lr));
        Guard.Positive(delta, nameof(delta));
        Guard.InRange(directions, 1, int.MaxValue, nameof(directions));
        _x = x0.ToArray();
        _g = new double[x0.Length];
        _work = new double[2 * x0.Length];
        _rng = new Xoshiro256StarStar(seed);
        Sampler = sampler;
        LearningRate = lr;
        Delta = delta;
        Directions = directions;
        Central = central;
    }

    /// <summary>The direction distribution.</summary>
    public IPerturbationSampler Sampler { get; }

    /// <summary>Learning rate η ≥ 0 (may be changed between steps).</summary>
    public double LearningRate
    {
        get;
        set
        {
            Guard.NonNegative(value, nameof(LearningRate));
            field = value;
        }
    }

    /// <summary>Perturbation step δ &gt; 0.</summary>
    public double Delta { get; }

    /// <summary>Directions per step q.</summary>
    public int Directions { get; }

    /// <summary>Central (true) or forward (false) differences.</summary>
    public bool Central { get; }

    /// <summary>The current point x.</summary>
    public ReadOnlySpan<double> Position => _x;

    /// <summary>The gradient estimate of the last step.</summary>
    public ReadOnlySpan<double> LastEstimate => _g;

    /// <summary>Total objective evaluations so far.</summary>
    public long Queries { get; private set; }

    /// <summary>One step; returns the number of objective evaluations it used.</summary>
    /// <param name="f">Objective.</param>
    /// <exception cref="ArithmeticException">The objective returned NaN/Inf (x is left unchanged).</exception>
    public int Step(ObjectiveFunction f)
    {
        int q = TwoPointEstimator.Estimate(f, _x, Delta, Sampler, ref _rng, Directions, Central, _g, _work);
        for (int i = 0; i < _x.Length; i++) _x[i] -= LearningRate * _g[i];
        Sampler.Observe(_g);
        Queries += q;
        return q;
    }
}
