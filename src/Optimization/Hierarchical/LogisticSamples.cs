using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Objectives;
using static PhyToolkit.Optimization.Objectives.LogisticFunction;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Labelled samples (a_i, y_i ∈ {−1, +1}) with the logistic loss ℓ_i(θ) = log(1 + exp(−m_i)), m_i = y_i a_iᵀθ, and the
/// weighted-ridge lower problem G(θ) = Σ_i c_i ℓ_i(θ) + ½Σ_j r_j θ_j² solved to machine precision by damped Newton with a
/// Cholesky solve (used by the bilevel problems B2 and B3; the exact lower solution and Hessian are only for measurement).
/// </summary>
internal sealed class LogisticSamples
{
    /// <summary>
    /// n samples with features a ~ N(0, I_d) and labels from t = aᵀθ_true: y = sign(t) (ties +1), or with
    /// <paramref name="noisyLabels"/> y = +1 with probability σ(t). Per sample: the d features, then the label draw.
    /// </summary>
    public static LogisticSamples Draw(int n, int d, double[] truth, ref Xoshiro256StarStar rng, bool noisyLabels)
    {
        var a = new double[n * d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = 0;
            for (int j = 0; j < d; j++) { a[i * d + j] = rng.NextGaussian(); t += a[i * d + j] * truth[j]; }
            y[i] = noisyLabels ? (rng.NextDouble() < Sigmoid(t) ? 1 : -1) : (t >= 0 ? 1 : -1);
        }
        return new LogisticSamples(a, y, d);
    }

    private readonly double[] _a;
    private readonly double[] _y;
    private readonly double[] _hess;   // D×D, Cholesky factor after Solve
    private readonly double[] _grad;
    private readonly double[] _step;
    private readonly double[] _trial;

    public LogisticSamples(double[] features, double[] labels, int dimension)
    {
        _a = features; _y = labels; D = dimension; N = labels.Length;
        _hess = new double[D * D]; _grad = new double[D]; _step = new double[D]; _trial = new double[D];
    }

    /// <summary>Stopping tolerance on ‖∇G‖ of <see cref="Solve"/> (gradients are O(1) with weights c_i ~ 1/n).</summary>
    public const double Tolerance = 1e-12;

    public int N { get; }

    public int D { get; }

    public ReadOnlySpan<double> Row(int i) => _a.AsSpan(i * D, D);

    public double Label(int i) => _y[i];

    /// <summary>A copy sharing the features with the labels of the flagged samples negated.</summary>
    public LogisticSamples WithFlippedLabels(bool[] flip)
    {
        var y = (double[])_y.Clone();
        for (int i = 0; i < N; i++) if (flip[i]) y[i] = -y[i];
        return new LogisticSamples(_a, y, D);
    }

    public double Margin(int i, ReadOnlySpan<double> theta) => _y[i] * VectorOps.Dot(Row(i), theta);



    public double Loss(int i, ReadOnlySpan<double> theta) => LogisticFunction.LogLoss(Margin(i, theta));

    /// <summary>Adds c·∇ℓ_i(θ) = −c·σ(−m_i)·y_i a_i to g.</summary>
    public void AddGradient(int i, ReadOnlySpan<double> theta, double c, Span<double> g)
    {
        double s = -c * Sigmoid(-Margin(i, theta)) * _y[i];
        var a = Row(i);
        for (int j = 0; j < D; j++) g[j] += s * a[j];
    }

    /// <summary>∇ℓ_i(θ)ᵀv.</summary>
    public double GradientDot(int i, ReadOnlySpan<double> theta, ReadOnlySpan<double> v) =>
        -Sigmoid(-Margin(i, theta)) * _y[i] * VectorOps.Dot(Row(i), v);

    /// <summary>Adds c·∇²ℓ_i(θ)v = c·σ(m)σ(−m)(a_iᵀv)a_i to result.</summary>
    public void AddHessianVector(int i, ReadOnlySpan<double> theta, ReadOnlySpan<double> v, double c, Span<double> result)
    {
        double m = Margin(i, theta);
        var a = Row(i);
        double s = c * Sigmoid(m) * Sigmoid(-m) * VectorOps.Dot(a, v);
        for (int j = 0; j < D; j++) result[j] += s * a[j];
    }

    /// <summary>G(θ) = Σ c_i ℓ_i(θ) + ½Σ r_j θ_j².</summary>
    public double Objective(ReadOnlySpan<double> c, ReadOnlySpan<double> r, ReadOnlySpan<double> theta)
    {
        double v = 0;
        for (int i = 0; i < N; i++) if (c[i] != 0) v += c[i] * Loss(i, theta);
        for (int j = 0; j < D; j++) v += 0.5 * r[j] * theta[j] * theta[j];
        return v;
    }

    /// <summary>
    /// Minimises G from the start in <paramref name="theta"/> (in place) by Newton steps (Armijo backtracking while ‖∇G‖ &gt; 1e-6 and
    /// the Newton decrement λ² &gt; 1e-8, full steps after) until ‖∇G‖ ≤ <see cref="Tolerance"/>, or until a full step no longer halves ‖∇G‖ (the round-off floor of an
    /// ill-conditioned G, accepted when ‖∇G‖ ≤ 1e-9), and leaves the Cholesky factor of ∇²G(θ*) for <see cref="SolveHessian"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No convergence in 100 iterations.</exception>
    public void Solve(ReadOnlySpan<double> c, ReadOnlySpan<double> r, Span<double> theta)
    {
        double prev = double.PositiveInfinity;
        for (int iter = 0; iter < 100; iter++)
        {
            GradientAndHessian(c, r, theta);
            DenseCholesky.FactorInPlace(_hess, D);
            double gn = VectorOps.Norm(_grad);
            if (gn <= Tolerance || (gn <= 1e-9 && gn > 0.5 * prev)) return;
            prev = gn;
            for (int j = 0; j < D; j++) _step[j] = _grad[j];
            DenseCholesky.SolveInPlace(_hess, D, _step);
            double g0 = Objective(c, r, theta), slope = -VectorOps.Dot(_grad, _step), t = 1;
            // Near the solution (small ‖∇G‖ or Newton decrement λ² = −slope) the decrease can be below the objective's round-off,
            // notably along stiff ridge directions: take the full (quadratically convergent) step there.
            bool full = gn <= 1e-6 || -slope <= 1e-8;
            while (true)
            {
                for (int j = 0; j < D; j++) _trial[j] = theta[j] - t * _step[j];
                if (full || Objective(c, r, _trial) <= g0 + 1e-4 * t * slope || t < 1e-10) break;
                t *= 0.5;
            }
            _trial.AsSpan(0, D).CopyTo(theta);
        }
        throw new InvalidOperationException($"Newton did not reach ‖∇G‖ ≤ {Tolerance} in 100 iterations (‖∇G‖ = {VectorOps.Norm(_grad):G3}).");
    }

    /// <summary>Solves ∇²G(θ*)·x = rhs in place with the factor of the last <see cref="Solve"/>.</summary>
    public void SolveHessian(Span<double> rhs) => DenseCholesky.SolveInPlace(_hess, D, rhs);

    private void GradientAndHessian(ReadOnlySpan<double> c, ReadOnlySpan<double> r, ReadOnlySpan<double> theta)
    {
        Array.Clear(_grad);
        Array.Clear(_hess);
        for (int i = 0; i < N; i++)
        {
            if (c[i] == 0) continue;
            double m = Margin(i, theta), sm = Sigmoid(-m);
            double gs = -c[i] * sm * _y[i], hs = c[i] * Sigmoid(m) * sm;
            var a = Row(i);
            for (int j = 0; j < D; j++)
            {
                _grad[j] += gs * a[j];
                double ha = hs * a[j];
                for (int k = 0; k <= j; k++) _hess[j * D + k] += ha * a[k];
            }
        }
        for (int j = 0; j < D; j++)
        {
            _grad[j] += r[j] * theta[j];
            _hess[j * D + j] += r[j];
            for (int k = 0; k < j; k++) _hess[k * D + j] = _hess[j * D + k];
        }
    }
}
