using PhyToolkit.Optimization.Swarm;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// Test bed T1 of the Asyn-PD spec (arXiv 2509.01172 §5, [Proposed]): n workers, d-dimensional decisions, m linear
/// budgets on the average decision. f_i(θ) = E[½(θ − ξ_i)ᵀQ_i(θ − ξ_i)], ξ_i ~ N(c_i, sd²I), Q_i = U_i diag(1..4) U_iᵀ
/// (U_i Haar-random orthogonal; the d eigenvalues evenly spaced on [1, 4]), g_j(z) = a_jᵀz − b_j, A_ji = 1/n; b_j puts the
/// first two constraints above their budget at the unconstrained optimum. Exact reference from the dual LCP
/// (<see cref="Reference"/>).
/// </summary>
/// <remarks>Our choices where the spec gives none: c_i ~ N(0, 4I), a_j ~ N(0, I), violations of ‖a_j‖ (j = 0, 1) and a slack of
/// ½‖a_j‖ for the others; box C_i = [−50, 50]^d (inactive at the reference, checked).</remarks>
public sealed class QuadraticTestBed
{
    private readonly double[][] _qInv, _c, _a;
    private readonly double[] _b;

    private QuadraticTestBed(QuadraticStochasticCost[] costs, double[][] qInv, double[][] a, double[] b, double boxHalfWidth)
    {
        Costs = costs;
        _qInv = qInv;
        _c = costs.Select(c => c.Center.ToArray()).ToArray();
        _a = a;
        _b = b;
        BoxHalfWidth = boxHalfWidth;
        N = costs.Length; M = a.Length; Dimension = _c[0].Length;
        Weights = new double[M, N];
        for (int j = 0; j < M; j++) for (int i = 0; i < N; i++) Weights[j, i] = 1.0 / N;
        Constraints = [.. a.Select((aj, j) => new LinearResourceConstraint(aj, b[j]))];
    }

    /// <summary>Draws a test bed.</summary>
    /// <param name="workers">n &gt;= 1 (spec 10).</param>
    /// <param name="dimension">d &gt;= 1 (spec 5).</param>
    /// <param name="constraints">m in [1, 16] (spec 3).</param>
    /// <param name="noiseSd">sd &gt;= 0 (spec 1).</param>
    /// <param name="seed">Seed of the instance.</param>
    public static QuadraticTestBed Create(int workers, int dimension, int constraints, double noiseSd, ulong seed)
    {
        Guard.AtLeast(workers, 1, nameof(workers));
        Guard.AtLeast(dimension, 1, nameof(dimension));
        if (constraints < 1 || constraints > ActiveSetLcp.MaxSize) throw new ArgumentOutOfRangeException(nameof(constraints), constraints, $"constraints must be in [1, {ActiveSetLcp.MaxSize}].");
        var rng = new Xoshiro256StarStar(seed);
        int d = dimension;
        var costs = new QuadraticStochasticCost[workers];
        var qInv = new double[workers][];
        var mean = new double[d];
        for (int i = 0; i < workers; i++)
        {
            var u = RandomOrthogonal(d, ref rng);
            var q = new double[d * d];
            var qi = new double[d * d];
            for (int r = 0; r < d; r++)
                for (int k = 0; k < d; k++)
                {
                    double s = 0, si = 0;
                    for (int e = 0; e < d; e++)
                    {
                        double lam = d == 1 ? 1 : 1 + 3.0 * e / (d - 1);
                        s += u[r * d + e] * lam * u[k * d + e];
                        si += u[r * d + e] / lam * u[k * d + e];
                    }
                    q[r * d + k] = s; qi[r * d + k] = si;
                }
            Symmetrize(q, d); Symmetrize(qi, d);
            var c = new double[d];
            for (int k = 0; k < d; k++) { c[k] = 2 * rng.NextGaussian(); mean[k] += c[k] / workers; }
            costs[i] = new QuadraticStochasticCost(q, c, noiseSd, 1.0);
            qInv[i] = qi;
        }
        var a = new double[constraints][];
        var b = new double[constraints];
        for (int j = 0; j < constraints; j++)
        {
            a[j] = new double[d];
            double norm = 0, dot = 0;
            for (int k = 0; k < d; k++) { a[j][k] = rng.NextGaussian(); norm += a[j][k] * a[j][k]; dot += a[j][k] * mean[k]; }
            norm = Math.Sqrt(norm);
            b[j] = j < 2 ? dot - norm : dot + 0.5 * norm;
        }
        return new QuadraticTestBed(costs, qInv, a, b, 50);
    }

    /// <summary>Workers n.</summary>
    public int N { get; }

    /// <summary>Constraints m.</summary>
    public int M { get; }

    /// <summary>Dimension d.</summary>
    public int Dimension { get; }

    /// <summary>The costs f_i.</summary>
    public IReadOnlyList<QuadraticStochasticCost> Costs { get; }

    /// <summary>The budgets g_j.</summary>
    public IReadOnlyList<LinearResourceConstraint> Constraints { get; }

    /// <summary>A_ji = 1/n.</summary>
    public double[,] Weights { get; }

    /// <summary>Half-width of the box C_i.</summary>
    public double BoxHalfWidth { get; }

    /// <summary>L_δ of this instance.</summary>
    public RegularizedLagrangian Lagrangian(double delta, double nu = 0) => new([.. Costs], [.. Constraints], Weights, delta, nu);

    /// <summary>The projections onto C_i.</summary>
    public IProjection?[] Projections() => [.. Enumerable.Range(0, N).Select(_ => (IProjection?)new BoxProjection(BoxBounds.Uniform(Dimension, -BoxHalfWidth, BoxHalfWidth)))];

    /// <summary>
    /// The saddle point of L_δ (δ &gt; 0) or the exact KKT point (δ = 0): θ_i(λ) = c_i − Q_i⁻¹Σ_j λ_j A_ji a_j, g(λ) = g0 − Hλ with
    /// H_jk = Σ_i A_ji A_ki a_jᵀQ_i⁻¹a_k; λ* solves LCP(H + δI, −g0) (spec §5) by <see cref="ActiveSetLcp"/>.
    /// </summary>
    public SaddlePoint Reference(double delta)
    {
        Guard.NonNegative(delta, nameof(delta));
        int n = N, m = M, d = Dimension;
        var h = new double[m * m];
        var g0 = new double[m];
        var w = new double[d];
        for (int j = 0; j < m; j++)
        {
            double z = 0;
            for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) z += Weights[j, i] * _a[j][k] * _c[i][k];
            g0[j] = z - _b[j];
            for (int l = 0; l < m; l++)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    MatVec(_qInv[i], _a[l], w, d);
                    double dot = 0;
                    for (int k = 0; k < d; k++) dot += _a[j][k] * w[k];
                    s += Weights[j, i] * Weights[l, i] * dot;
                }
                h[j * m + l] = s;
            }
            h[j * m + j] += delta;
        }
        var q = new double[m];
        for (int j = 0; j < m; j++) q[j] = -g0[j];
        var lambda = ActiveSetLcp.Solve(h, q);
        var theta = new double[n][];
        var v = new double[d];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(v);
            for (int j = 0; j < m; j++) for (int k = 0; k < d; k++) v[k] += lambda[j] * Weights[j, i] * _a[j][k];
            MatVec(_qInv[i], v, w, d);
            theta[i] = new double[d];
            for (int k = 0; k < d; k++)
            {
                theta[i][k] = _c[i][k] - w[k];
                if (Math.Abs(theta[i][k]) >= BoxHalfWidth) throw new InvalidOperationException("the box C_i is active at the reference; the closed form does not apply.");
            }
        }
        return new SaddlePoint(theta, lambda);
    }

    private static void MatVec(double[] a, double[] x, double[] y, int d)
    {
        for (int r = 0; r < d; r++)
        {
            double s = 0;
            for (int k = 0; k < d; k++) s += a[r * d + k] * x[k];
            y[r] = s;
        }
    }

    private static void Symmetrize(double[] a, int d)
    {
        for (int r = 0; r < d; r++)
            for (int k = r + 1; k < d; k++) { double s = 0.5 * (a[r * d + k] + a[k * d + r]); a[r * d + k] = s; a[k * d + r] = s; }
    }

    /// <summary>Haar-random orthogonal d×d (Gram–Schmidt on a Gaussian matrix), row-major; columns are the eigenvectors.</summary>
    private static double[] RandomOrthogonal(int d, ref Xoshiro256StarStar rng)
    {
        var u = new double[d * d];
        for (int e = 0; e < d; e++)
        {
            while (true)
            {
                for (int r = 0; r < d; r++) u[r * d + e] = rng.NextGaussian();
                for (int p = 0; p < e; p++)
                {
                    double dot = 0;
                    for (int r = 0; r < d; r++) dot += u[r * d + e] * u[r * d + p];
                    for (int r = 0; r < d; r++) u[r * d + e] -= dot * u[r * d + p];
                }
                double norm = 0;
                for (int r = 0; r < d; r++) norm += u[r * d + e] * u[r * d + e];
                norm = Math.Sqrt(norm);
                if (norm < 1e-8) continue;
                for (int r = 0; r < d; r++) u[r * d + e] /= norm;
                break;
            }
        }
        return u;
    }
}
