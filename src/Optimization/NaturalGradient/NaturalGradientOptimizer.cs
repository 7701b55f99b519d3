using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Randomized;

namespace PhyToolkit.Optimization.NaturalGradient;

/// <summary>
/// Energy natural gradient descent for a least-squares model (Guzmán-Cordero, Dangel, Goldshlager &amp; Zeinhofer,
/// arXiv 2505.12149): dense ENGD (parameter space), ENGD-W (kernel / Woodbury form), SPRING momentum (Alg. 1; Goldshlager,
/// Abrahamsen &amp; Lin, arXiv 2401.10190) and the randomized Nyström kernel solve (Alg. 2), with the grid line search or a
/// fixed norm-constrained rate.
/// </summary>
/// <remarks>
/// <para>Step k with ε = −r(θ_k), J = J(θ_k):
/// ζ = ε − μJφ_(k−1); kernel space φ_k = μφ_(k−1) + Jᵀ(JJᵀ + λI)⁻¹ζ; parameter space φ_k = μφ_(k−1) + (JᵀJ + λI)⁻¹Jᵀζ
/// (the same vector by the Woodbury identity); φ_k minimises ‖Jφ − ε‖² + λ‖φ − μφ_(k−1)‖². Then θ_(k+1) = θ_k + τφ_k with τ from
/// <see cref="GridLineSearch"/> or τ = min(η, √C/‖φ_k‖). μ = 0 is ENGD-W (or dense ENGD) exactly.</para>
/// <para>With a Nyström sketch the exact (K + λI)⁻¹ is replaced by the exact inverse of (UΛ̂Uᵀ + λI), where K ≈ UΛ̂Uᵀ is built
/// matrix-free from Y = J(JᵀΩ) (<see cref="NystromApproximation"/>).</para>
/// <para>Memory: J (N × P) plus K (N²) in kernel space or G (P²) in parameter space, allocated once.</para>
/// </remarks>
public sealed class NaturalGradientOptimizer
{
    private readonly IResidualModel _model;
    private readonly int _n, _p;
    private readonly double[] _j, _r, _zeta, _z, _phi, _dir, _trial, _rTrial, _work, _jPhi;

    /// <summary>Creates the optimizer for <paramref name="model"/> (buffers sized once for its N and P).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the sketch size exceeds N.</exception>
    public NaturalGradientOptimizer(IResidualModel model, NaturalGradientOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        Options = options;
        _n = model.ResidualCount;
        _p = model.ParameterCount;
        if (options.SketchRank > _n)
            throw new ArgumentOutOfRangeException(nameof(options), options.SketchRank, $"Nyström sketch size ℓ = {options.SketchRank} exceeds N = {_n}");
        _j = new double[_n * _p];
        _r = new double[_n];
        _zeta = new double[_n];
        _z = new double[_n];
        _jPhi = new double[_n];
        _phi = new double[_p];
        _dir = new double[_p];
        _trial = new double[_p];
        _rTrial = new double[_n];
        _work = options.SketchRank > 0 ? [] : options.Space == NaturalGradientSpace.Kernel ? new double[_n * _n + _n] : new double[_p * _p];
    }

    /// <summary>The options.</summary>
    public NaturalGradientOptions Options { get; }

    /// <summary>The current direction φ (zero before the first step; SPRING's memory).</summary>
    public ReadOnlySpan<double> Direction => _phi;

    /// <summary>Clears the momentum memory φ.</summary>
    public void Reset() => Array.Clear(_phi);

    /// <summary>
    /// Computes the next direction φ_k at θ without moving θ (the step's solve only). <paramref name="rng"/> draws the Nyström
    /// test matrix (untouched for exact solves). Returns ½‖r(θ)‖² and the flops of the solve.
    /// </summary>
    public (double Loss, double Flops) ComputeDirection(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng)
    {
        int n = _n, p = _p;
        _model.Jacobian(theta, _r, _j);
        double loss = 0.5 * VectorOps.Dot(_r, _r);
        double mu = Options.Momentum, lambda = Options.Damping, flops = 0;
        // ζ = ε − μJφ, ε = −r.
        if (mu > 0)
        {
            DampedLeastSquares.Multiply(_j, n, p, _phi, _jPhi);
            for (int i = 0; i < n; i++) _zeta[i] = -_r[i] - mu * _jPhi[i];
            flops += 2.0 * n * p;
        }
        else
        {
            for (int i = 0; i < n; i++) _zeta[i] = -_r[i];
        }

        if (Options.SketchRank > 0)
        {
            int l = Options.SketchRank;
            var jt = _j;
            var nys = NystromApproximation.Build((omega, cols, y) => KernelTimes(jt, n, p, omega, cols, y), n, l, ref rng, Options.NystromRelativeShift);
            nys.SolveDamped(lambda, _zeta, _z);
            DampedLeastSquares.MultiplyTransposed(_j, n, p, _z, _dir);
            flops += 4.0 * n * p * l + NystromApproximation.BuildFlops(n, l) + NystromApproximation.SolveFlops(n, l) + 2.0 * n * p;
        }
        else if (Options.Space == NaturalGradientSpace.Kernel)
        {
            DampedLeastSquares.KernelSpaceSolve(_j, n, p, _zeta, lambda, _dir, _work);
            flops += DampedLeastSquares.KernelSpaceFlops(n, p);
        }
        else
        {
            DampedLeastSquares.ParameterSpaceSolve(_j, n, p, _zeta, lambda, _dir, _work);
            flops += DampedLeastSquares.ParameterSpaceFlops(n, p);
        }
        for (int i = 0; i < p; i++) _phi[i] = mu * _phi[i] + _dir[i];
        return (loss, flops);
    }

    /// <summary>One step: <see cref="ComputeDirection"/>, then τ by the line search (or the fixed rate), then θ ← θ + τφ in place.</summary>
    public NaturalGradientStep Step(Span<double> theta, ref Xoshiro256StarStar rng)
    {
        int p = _p;
        var (loss0, flops) = ComputeDirection(theta, ref rng);
        double norm = VectorOps.Norm(_phi);
        double tau, loss1;
        int evals;
        if (Options.LearningRate is double eta)
        {
            tau = norm > 0 ? Math.Min(eta, Math.Sqrt(Options.NormConstraint) / norm) : 0;
            for (int i = 0; i < p; i++) _trial[i] = theta[i] + tau * _phi[i];
            _model.Residuals(_trial, _rTrial);
            loss1 = 0.5 * VectorOps.Dot(_rTrial, _rTrial);
            evals = 1;
        }
        else
        {
            (tau, loss1) = GridLineSearch.Search(_model, theta, _phi, loss0, Options.LineSearchMinExponent, Options.LineSearchMaxExponent, _trial, _rTrial);
            evals = Options.LineSearchMaxExponent - Options.LineSearchMinExponent + 1;
        }
        if (tau > 0)
            for (int i = 0; i < p; i++) theta[i] += tau * _phi[i];
        return new NaturalGradientStep(loss0, tau > 0 ? loss1 : loss0, tau, norm, flops, evals);
    }

    /// <summary>Y = J(JᵀΩ) for Ω N × ℓ row-major (the matrix-free Nyström product of K = JJᵀ).</summary>
    private static void KernelTimes(double[] j, int n, int p, ReadOnlySpan<double> omega, int l, Span<double> y)
    {
        var t = new double[p * l];                 // T = JᵀΩ (P × ℓ)
        for (int a = 0; a < n; a++)
        {
            var ja = j.AsSpan(a * p, p);
            var oa = omega.Slice(a * l, l);
            for (int i = 0; i < p; i++)
            {
                double v = ja[i];
                var ti = t.AsSpan(i * l, l);
                for (int c = 0; c < l; c++) ti[c] += v * oa[c];
            }
        }
        y[..(n * l)].Clear();
        for (int a = 0; a < n; a++)
        {
            var ja = j.AsSpan(a * p, p);
            var ya = y.Slice(a * l, l);
            for (int i = 0; i < p; i++)
            {
                double v = ja[i];
                var ti = t.AsSpan(i * l, l);
                for (int c = 0; c < l; c++) ya[c] += v * ti[c];
            }
        }
    }
}
