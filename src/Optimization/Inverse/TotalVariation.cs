using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// Isotropic-TV reconstruction <c>min_x F(x) = ½‖A(x) − y‖² + λ·TV(x) [+ ι_C(x)]</c>, C = [-1, 1]ⁿ
/// (docs/inverse-imaging.md, [proposal]) by three classical schemes that minimize the same objective:
/// FISTA with an inner dual TV prox (Beck and Teboulle, SIAM J. Imaging Sci. 2009, eq. (4.1)–(4.3) and FGP), ADMM on
/// the split z = Dx, and PDHG (Chambolle and Pock, J. Math. Imaging Vis. 2011, Algorithm 1). All start from x = 0
/// and return the last iterate.
/// </summary>
public static class TotalVariation
{
    /// <summary>The objective F(x) (the box indicator is not added; iterates of the box-constrained solvers are feasible).</summary>
    public static double Objective(IForwardOperator op, ReadOnlySpan<double> y, double lambda, ReadOnlySpan<double> x, DifferenceBoundary boundary = DifferenceBoundary.Neumann) =>
        new DataTerm(op, y).Value(x) + lambda * new FiniteDifferences(op.InputShape, boundary).TotalVariation(x);

    /// <summary>
    /// FISTA: <c>x_{k+1} = prox_{τλTV + ι_C}(z_k − τ∇f(z_k))</c>, τ = 1/L, <c>t_{k+1} = (1 + sqrt(1 + 4t_k²))/2</c>,
    /// <c>z_{k+1} = x_{k+1} + ((t_k − 1)/t_{k+1})(x_{k+1} − x_k)</c>. The prox runs <c>InnerIterations</c> dual steps
    /// <c>x = P_C(v − τλDᵀp)</c>, <c>p ← Proj_{|p_pix| ≤ 1}(p + (1/(8τλ)) D x)</c>, warm-started across outer
    /// iterations. Works for nonlinear A too (then without convergence guarantee).
    /// </summary>
    public static InverseResult Fista(IForwardOperator op, ReadOnlySpan<double> y, TotalVariationOptions options, IterateCallback? callback = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var data = new DataTerm(op, y);
        var d = new FiniteDifferences(op.InputShape, options.Boundary);
        int n = op.InputShape.Length;
        double tau = 1 / op.LipschitzSquared, tl = tau * options.Lambda;
        var x = new double[n];
        var xPrev = new double[n];
        var z = new double[n];
        var g = new double[n];
        var v = new double[n];
        var p = new double[2 * n];
        var dx = new double[2 * n];
        var dtp = new double[n];
        var objective = new List<double>(options.Iterations);
        double t = 1;
        int it = 0;
        while (it < options.Iterations)
        {
            data.ValueAndGradient(z, g);
            for (int i = 0; i < n; i++) v[i] = z[i] - tau * g[i];
            Array.Copy(x, xPrev, n);
            if (tl == 0)
            {
                for (int i = 0; i < n; i++) x[i] = options.BoxConstraint ? Math.Clamp(v[i], -1, 1) : v[i];
            }
            else
            {
                for (int inner = 0; inner < options.InnerIterations; inner++)
                {
                    d.Adjoint(p, dtp);
                    for (int i = 0; i < n; i++) { double xi = v[i] - tl * dtp[i]; x[i] = options.BoxConstraint ? Math.Clamp(xi, -1, 1) : xi; }
                    d.Apply(x, dx);
                    double step = 1 / (8 * tl);
                    for (int k = 0; k < n; k++)
                    {
                        double ph = p[k] + step * dx[k], pv = p[n + k] + step * dx[n + k];
                        double norm = Math.Sqrt(ph * ph + pv * pv);
                        double s = norm > 1 ? 1 / norm : 1;
                        p[k] = ph * s; p[n + k] = pv * s;
                    }
                }
                d.Adjoint(p, dtp);
                for (int i = 0; i < n; i++) { double xi = v[i] - tl * dtp[i]; x[i] = options.BoxConstraint ? Math.Clamp(xi, -1, 1) : xi; }
            }
            double tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            for (int i = 0; i < n; i++) z[i] = x[i] + momentum * (x[i] - xPrev[i]);
            t = tNext;
            it++;
            objective.Add(data.Value(x) + options.Lambda * d.TotalVariation(x));
            if (callback != null && !callback(it, x)) break;
        }
        return new InverseResult(x, it, objective);
    }

    /// <summary>
    /// ADMM on <c>z = Dx</c> (scaled form): <c>x ← (AᵀA + ρDᵀD)⁻¹(Aᵀy + ρDᵀ(z − u))</c> by CG,
    /// <c>z ← shrink(Dx + u, λ/ρ)</c> with the pixel-wise vector soft threshold <c>w·max(0, 1 − κ/|w|)</c>,
    /// <c>u ← u + Dx − z</c>. Linear A only; no box constraint (set <c>BoxConstraint = false</c>).
    /// </summary>
    public static InverseResult Admm(IForwardOperator op, ReadOnlySpan<double> y, TotalVariationOptions options, IterateCallback? callback = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!op.IsLinear) throw new ArgumentException("TV-ADMM needs a linear operator (use Fista for a nonlinear one).", nameof(op));
        if (options.BoxConstraint) throw new ArgumentException("TV-ADMM solves the problem without the box constraint; set BoxConstraint = false.", nameof(options));
        var data = new DataTerm(op, y);
        var d = new FiniteDifferences(op.InputShape, options.Boundary);
        int n = op.InputShape.Length;
        double rho = options.Penalty, kappa = options.Lambda / rho;
        var x = new double[n];
        var z = new double[2 * n];
        var u = new double[2 * n];
        var w = new double[2 * n];
        var rhs = new double[n];
        var dx = new double[2 * n];
        var objective = new List<double>(options.Iterations);
        int it = 0;
        while (it < options.Iterations)
        {
            for (int k = 0; k < 2 * n; k++) w[k] = rho * (z[k] - u[k]);
            d.Adjoint(w, rhs);
            x = NormalEquations.Solve(op, y, rho, d, options.LinearIterations, 1e-10, null, rhs).Image;
            d.Apply(x, dx);
            for (int k = 0; k < n; k++)
            {
                double wh = dx[k] + u[k], wv = dx[n + k] + u[n + k];
                double norm = Math.Sqrt(wh * wh + wv * wv);
                double s = norm > kappa ? 1 - kappa / norm : 0;
                z[k] = wh * s; z[n + k] = wv * s;
            }
            for (int k = 0; k < 2 * n; k++) u[k] += dx[k] - z[k];
            it++;
            objective.Add(data.Value(x) + options.Lambda * d.TotalVariation(x));
            if (callback != null && !callback(it, x)) break;
        }
        return new InverseResult(x, it, objective);
    }

    /// <summary>
    /// PDHG (Chambolle–Pock) with <c>K = [A; D]</c>, <c>τ = σ = 0.99/sqrt(L + 8)</c> so <c>τσ‖K‖² &lt; 1</c>:
    /// <c>q ← (q + σ(Ax̄ − y))/(1 + σ)</c>, <c>p ← Proj_{|p_pix| ≤ λ}(p + σDx̄)</c>,
    /// <c>x⁺ = P_C(x − τ(Aᵀq + Dᵀp))</c>, <c>x̄ = 2x⁺ − x</c>. Linear A only.
    /// </summary>
    public static InverseResult Pdhg(IForwardOperator op, ReadOnlySpan<double> y, TotalVariationOptions options, IterateCallback? callback = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!op.IsLinear) throw new ArgumentException("TV-PDHG needs a linear operator (use Fista for a nonlinear one).", nameof(op));
        var data = new DataTerm(op, y);
        var d = new FiniteDifferences(op.InputShape, options.Boundary);
        int n = op.InputShape.Length, m = op.OutputShape.Length;
        double step = 0.99 / Math.Sqrt(op.LipschitzSquared + FiniteDifferences.NormSquaredBound);
        double lambda = options.Lambda;
        var x = new double[n];
        var xBar = new double[n];
        var q = new double[m];
        var p = new double[2 * n];
        var ax = new double[m];
        var dx = new double[2 * n];
        var atq = new double[n];
        var dtp = new double[n];
        var objective = new List<double>(options.Iterations);
        ReadOnlySpan<double> yy = data.Y;
        int it = 0;
        while (it < options.Iterations)
        {
            op.Apply(xBar, ax);
            for (int i = 0; i < m; i++) q[i] = (q[i] + step * (ax[i] - yy[i])) / (1 + step);
            d.Apply(xBar, dx);
            for (int k = 0; k < n; k++)
            {
                double ph = p[k] + step * dx[k], pv = p[n + k] + step * dx[n + k];
                double norm = Math.Sqrt(ph * ph + pv * pv);
                double s = norm > lambda ? (lambda > 0 ? lambda / norm : 0) : 1;
                p[k] = ph * s; p[n + k] = pv * s;
            }
            op.Adjoint(q, atq);
            d.Adjoint(p, dtp);
            for (int i = 0; i < n; i++)
            {
                double xi = x[i] - step * (atq[i] + dtp[i]);
                if (options.BoxConstraint) xi = Math.Clamp(xi, -1, 1);
                xBar[i] = 2 * xi - x[i];
                x[i] = xi;
            }
            it++;
            objective.Add(data.Value(x) + lambda * d.TotalVariation(x));
            if (callback != null && !callback(it, x)) break;
        }
        return new InverseResult(x, it, objective);
    }
}
