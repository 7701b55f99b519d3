namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Managed (no TorchSharp) Rolling Ball Optimizer step on a double vector (Belgoumri et al., arXiv:2505.19527), the same
/// discretisation as <see cref="RollingBall"/>, for closed-form landscapes where a tensor closure per evaluation would dominate
/// the cost. Holds its work buffers; one instance per thread.
/// </summary>
/// <remarks>
/// <para>Step (docs/optim-rolling-ball.md, the authors' code): f, g = L(θ), ∇L(θ); n = (−g, 1)/sqrt(‖g‖² + 1);
/// c = (θ, f) + ρ·n; c′ = c − η·(g, ‖g‖²); then the foot-point projection of c′ onto the graph by K gradient steps on
/// φ(x) = ½‖x − c′_x‖² + ½(L(x) − c′_y)² from x = θ: x ← x − s·[(x − c′_x) + ∇L(x)(L(x) − c′_y)]; θ_new = x.
/// K + 1 evaluations of L and ∇L per step. ρ → 0 recovers gradient descent (the foot point of (θ − ηg, f − η‖g‖²) is
/// θ − ηg + O(η²)).</para>
/// <para>The projection iteration is plain gradient descent on φ; it converges only when s·(1 + ‖∇L‖² + λ_max(∇²L)·|L − c′_y|) &lt; 2
/// near the foot point. <see cref="LastProjectionResidual"/> reports ‖∇φ‖ at the last projection iterate to make a
/// non-converged projection visible.</para>
/// <para>Derived: at the start x = θ the projection gradient is ∇φ(θ) = (ρ/√(‖g‖²+1) + η)g + g(η‖g‖² − ρ/√(‖g‖²+1)) = η(1 + ‖g‖²)g,
/// independent of ρ. The radius acts only through the change of ∇L along the projection path, so with s·K ≪ 1 the step is
/// nearly ρ-independent; with K = 1 it is exactly θ − s·η(1 + ‖g‖²)g for every ρ.</para>
/// </remarks>
public sealed class RollingBallStepper
{
    private readonly double[] _g, _cx, _x0, _gx;

    /// <summary>Creates a stepper for dimension d.</summary>
    /// <param name="dimension">Problem dimension d ≥ 1.</param>
    /// <param name="lr">Learning rate η ≥ 0.</param>
    /// <param name="radius">Ball radius ρ ≥ 0.</param>
    /// <param name="projectionStep">Projection step s &gt; 0.</param>
    /// <param name="projectionSteps">Projection iterations K in [1, 100000].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range (the message names the parameter and the range).</exception>
    public RollingBallStepper(int dimension, double lr, double radius, double projectionStep, int projectionSteps)
    {
        Guard.InRange(dimension, 1, int.MaxValue, nameof(dimension));
        Guard.NonNegative(lr, nameof(lr));
        Guard.NonNegative(radius, nameof(radius));
        Guard.Positive(projectionStep, nameof(projectionStep));
        Guard.InRange(projectionSteps, 1, 100000, nameof(projectionSteps));
        Dimension = dimension;
        LearningRate = lr;
        Radius = radius;
        ProjectionStep = projectionStep;
        ProjectionSteps = projectionSteps;
        _g = new double[dimension];
        _cx = new double[dimension];
        _x0 = new double[dimension];
        _gx = new double[dimension];
        LastCenter = new double[dimension + 1];
    }

    /// <summary>Problem dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Learning rate η ≥ 0.</summary>
    public double LearningRate { get; }

    /// <summary>Ball radius ρ ≥ 0.</summary>
    public double Radius { get; }

    /// <summary>Projection step s &gt; 0.</summary>
    public double ProjectionStep { get; }

    /// <summary>Projection iterations K.</summary>
    public int ProjectionSteps { get; }

    /// <summary>Ball centre c = (θ, L(θ)) + ρ·n(θ) ∈ ℝ^{d+1} of the last step (before the descent move).</summary>
    public double[] LastCenter { get; }

    /// <summary>‖θ_new − θ‖₂ of the last step.</summary>
    public double LastUpdateNorm { get; private set; }

    /// <summary>‖∇φ(x)‖₂ at the last projection iterate evaluated (x_{K−1}) of the last step: ≈ 0 when the projection converged.</summary>
    public double LastProjectionResidual { get; private set; }

    /// <summary>Total evaluations of L and ∇L so far.</summary>
    public long GradientEvaluations { get; private set; }

    /// <summary>One RBO step in place. Returns L(θ) at the starting point.</summary>
    /// <param name="theta">Parameters θ (length d), overwritten with θ_new.</param>
    /// <param name="valueAndGradient">L and ∇L.</param>
    /// <exception cref="ArgumentException">Wrong length of <paramref name="theta"/>.</exception>
    /// <exception cref="NonFiniteGradientException">A NaN/Inf loss or gradient; θ is restored.</exception>
    public double Step(Span<double> theta, ValueAndGradientFunction valueAndGradient)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        if (theta.Length != Dimension) throw new ArgumentException($"theta has length {theta.Length}; allowed: the stepper's dimension {Dimension}.", nameof(theta));
        int d = Dimension;
        double eta = LearningRate, rho = Radius, s = ProjectionStep;
        theta.CopyTo(_x0);
        double f = Evaluate(theta, valueAndGradient, _g);
        double gsq = 0;
        for (int i = 0; i < d; i++) gsq += _g[i] * _g[i];
        double nrm = Math.Sqrt(gsq + 1);
        for (int i = 0; i < d; i++)
        {
            LastCenter[i] = theta[i] - rho * _g[i] / nrm;                      // c_x = θ − ρ g/√(‖g‖²+1)
            _cx[i] = LastCenter[i] - eta * _g[i];                              // c′_x = c_x − η g
        }
        LastCenter[d] = f + rho / nrm;                                          // c_y = f + ρ/√(‖g‖²+1)
        double cy = LastCenter[d] - eta * gsq;                                  // c′_y = c_y − η‖g‖²
        try
        {
            double residual = 0;
            for (int it = 0; it < ProjectionSteps; it++)
            {
                double fx = Evaluate(theta, valueAndGradient, _gx);
                double r2 = 0;
                for (int i = 0; i < d; i++)
                {
                    double grad = (theta[i] - _cx[i]) + _gx[i] * (fx - cy);   // ∇φ = (x − c′_x) + ∇L(x)(L(x) − c′_y)
                    r2 += grad * grad;
                    theta[i] -= s * grad;
                }
                residual = Math.Sqrt(r2);
            }
            LastProjectionResidual = residual;
        }
        catch (NonFiniteGradientException)
        {
            _x0.CopyTo(theta);
            throw;
        }
        double sq = 0;
        for (int i = 0; i < d; i++) sq += (theta[i] - _x0[i]) * (theta[i] - _x0[i]);
        LastUpdateNorm = Math.Sqrt(sq);
        return f;
    }

    private double Evaluate(ReadOnlySpan<double> x, ValueAndGradientFunction valueAndGradient, Span<double> g)
    {
        double f = valueAndGradient(x, g);
        GradientEvaluations++;
        if (!double.IsFinite(f)) throw new NonFiniteGradientException("loss", "The objective returned a NaN/Inf loss; the step was refused and θ restored.");
        for (int i = 0; i < g.Length; i++)
            if (!double.IsFinite(g[i])) throw new NonFiniteGradientException("gradient", $"The gradient has a NaN/Inf entry at index {i}; the step was refused and θ restored.");
        return f;
    }
}
