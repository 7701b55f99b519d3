using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Core.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// The third ZO-SGD problem of docs/optim-zeroth-order.md: two-class logistic regression on generated data,
/// f(w) = (1/n) Σ_i log(1 + exp(−y_i a_iᵀw)) + (λ/2)‖w‖², with a_i ~ N(0, I_d), a teacher w* ~ N(0, (9/d) I),
/// labels y_i = +1 with probability σ(a_iᵀw*) (so the labels are noisy and f* is finite), λ = 1e-3 (our choice: makes
/// the minimiser unique so that f* is well defined). f* is computed by damped Newton to machine precision.
/// </summary>
internal sealed class ZerothOrderLogisticProblem
{
    /// <summary>Ridge weight λ (our choice).</summary>
    public const double Ridge = 1e-3;

    private readonly double[] _a; // n × d, row-major
    private readonly double[] _y;

    /// <summary>Samples n points in dimension d from the seeded stream.</summary>
    public ZerothOrderLogisticProblem(int n, int d, ref Xoshiro256StarStar rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2, nameof(n));
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(d));
        N = n; D = d;
        _a = new double[n * d];
        _y = new double[n];
        var teacher = new double[d];
        for (int j = 0; j < d; j++) teacher[j] = 3.0 / Math.Sqrt(d) * rng.NextGaussian();
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < d; j++) { double v = rng.NextGaussian(); _a[i * d + j] = v; z += v * teacher[j]; }
            _y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : -1;
        }
        OptimalValue = Minimise();
    }

    /// <summary>Number of samples n.</summary>
    public int N { get; }

    /// <summary>Dimension d.</summary>
    public int D { get; }

    /// <summary>f* = min_w f(w) (Newton, gradient norm below 1e-13).</summary>
    public double OptimalValue { get; }

    /// <summary>f(w); allocation-free and thread-safe (the data are read-only).</summary>
    public double Value(ReadOnlySpan<double> w)
    {
        double s = 0, r = 0;
        for (int i = 0; i < N; i++)
        {
            double z = _y[i] * VectorOps.Dot(_a.AsSpan(i * D, D), w);
            s += LogisticFunction.LogLoss(z);
        }
        for (int j = 0; j < D; j++) r += w[j] * w[j];
        return s / N + 0.5 * Ridge * r;
    }

    /// <summary>∇f(w) = −(1/n) Σ_i y_i σ(−y_i a_iᵀw) a_i + λw, written into <paramref name="gradient"/>.</summary>
    public void Gradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        for (int j = 0; j < D; j++) gradient[j] = Ridge * w[j];
        for (int i = 0; i < N; i++)
        {
            var ai = _a.AsSpan(i * D, D);
            double z = _y[i] * VectorOps.Dot(ai, w);
            double c = -_y[i] * LogisticFunction.Sigmoid(-z) / N;
            for (int j = 0; j < D; j++) gradient[j] += c * ai[j];
        }
    }

    private double Minimise()
    {
        var w = new double[D];
        var g = new double[D];
        var trial = new double[D];
        double f = Value(w);
        for (int it = 0; it < 100; it++)
        {
            Gradient(w, g);
            double gn = Math.Sqrt(VectorOps.Dot(g, g));
            if (gn < 1e-13) break;
            var h = Matrix<double>.Build.Dense(D, D);
            for (int i = 0; i < N; i++)
            {
                var ai = _a.AsSpan(i * D, D);
                double s = LogisticFunction.Sigmoid(_y[i] * VectorOps.Dot(ai, w)), c = s * (1 - s) / N;
                for (int r = 0; r < D; r++)
                    for (int q = 0; q < D; q++) h[r, q] += c * ai[r] * ai[q];
            }
            for (int r = 0; r < D; r++) h[r, r] += Ridge;
            var step = h.Cholesky().Solve(Vector<double>.Build.DenseOfArray(g));
            // Backtracking on the Newton step (Armijo, c = 1e-4): globally convergent for this smooth strongly convex f.
            double t = 1, slope = -step.DotProduct(Vector<double>.Build.DenseOfArray(g));
            while (true)
            {
                for (int j = 0; j < D; j++) trial[j] = w[j] - t * step[j];
                double ft = Value(trial);
                if (ft <= f + 1e-4 * t * slope || t < 1e-12) { Array.Copy(trial, w, D); f = ft; break; }
                t *= 0.5;
            }
        }
        return f;
    }
}
