using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Optimization.Objectives;

namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Hessians by central differences of analytic gradients and their spectra: β, Morse–Bott μ and κ, in the Euclidean or a
/// given metric (generalised eigenproblem ∇²F v = λ G v). docs/optim-reduction.md ([proposal]); diagnostic code,
/// allocates.
/// </summary>
public static class CurvatureDiagnostics
{
    /// <summary>
    /// Central-difference Hessian of <paramref name="objective"/>'s gradient at <paramref name="x"/>, symmetrised:
    /// H_ij = ½[(∂_i f(x + h e_j) − ∂_i f(x − h e_j)) + (j ↔ i)]/(2h). Returns an n×n row-major array.
    /// </summary>
    /// <param name="objective">Objective with a gradient.</param>
    /// <param name="x">Point.</param>
    /// <param name="step">Difference step h &gt; 0 (1e-5 is a good choice for O(1) variables; error O(h²)).</param>
    public static double[] Hessian(IObjective objective, ReadOnlySpan<double> x, double step = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Guard.Positive(step, nameof(step));
        if (!objective.HasGradient) throw new ArgumentException("objective must have a gradient.", nameof(objective));
        int n = x.Length;
        var h = new double[n * n];
        var xp = x.ToArray(); var gp = new double[n]; var gm = new double[n];
        for (int j = 0; j < n; j++)
        {
            double xj = xp[j];
            xp[j] = xj + step; objective.Gradient(xp, gp);
            xp[j] = xj - step; objective.Gradient(xp, gm);
            xp[j] = xj;
            for (int i = 0; i < n; i++) h[i * n + j] = (gp[i] - gm[i]) / (2 * step);
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) { double s = 0.5 * (h[i * n + j] + h[j * n + i]); h[i * n + j] = s; h[j * n + i] = s; }
        return h;
    }

    /// <summary>Spectrum summary of a symmetric n×n row-major Hessian.</summary>
    /// <param name="hessian">Symmetric matrix.</param>
    /// <param name="nullTolerance">Eigenvalues ≤ nullTolerance·β count as null directions (in (0, 1)).</param>
    public static CurvatureSummary Summarize(ReadOnlySpan<double> hessian, double nullTolerance = 1e-6) =>
        FromEigenvalues(Eigenvalues(hessian), nullTolerance);

    /// <summary>Spectrum of the pencil (H, G), G SPD: eigenvalues of L⁻¹HL⁻ᵀ with G = LLᵀ.</summary>
    /// <param name="hessian">Symmetric n×n row-major matrix.</param>
    /// <param name="metric">SPD n×n row-major metric (e.g. <see cref="ReducedObjective.PullbackMetric"/>).</param>
    /// <param name="nullTolerance">Relative null threshold in (0, 1).</param>
    public static CurvatureSummary SummarizeInMetric(ReadOnlySpan<double> hessian, ReadOnlySpan<double> metric, double nullTolerance = 1e-6)
    {
        int n = Size(hessian.Length, nameof(hessian));
        if (metric.Length != n * n) throw new ArgumentException($"metric must have {n * n} entries.", nameof(metric));
        var l = new double[n * n];
        DenseCholesky.Factor(metric, l, n);
        var lm = Matrix<double>.Build.Dense(n, n, (i, j) => l[i * n + j]);
        var hm = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) hm[i, j] = hessian[i * n + j];
        var linv = lm.Inverse();
        var s = linv * hm * linv.Transpose();
        s = 0.5 * (s + s.Transpose());
        return FromEigenvalues(s.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray(), nullTolerance);
    }

    /// <summary>
    /// Schur complement H11 − H12 H22⁻¹ H21 of the leading n1×n1 block of a symmetric n×n row-major Hessian (n1×n1 row-major):
    /// the Hessian of the argmin-reduced objective at any point where the inner solution is nondegenerate (H22 ≻ 0), spec
    /// docs/optim-reduction.md [derived].
    /// </summary>
    /// <param name="hessian">Symmetric n×n matrix of the full objective at (x1, Ψ(x1)).</param>
    /// <param name="n1">Size of the kept block, in [1, n − 1].</param>
    /// <exception cref="ArgumentException">H22 is singular.</exception>
    public static double[] SchurComplement(ReadOnlySpan<double> hessian, int n1)
    {
        int n = Size(hessian.Length, nameof(hessian));
        if (n1 < 1 || n1 >= n) throw new ArgumentOutOfRangeException(nameof(n1), n1, $"n1 must be in [1, {n - 1}].");
        int n2 = n - n1;
        var hm = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) hm[i, j] = hessian[i * n + j];
        var h11 = hm.SubMatrix(0, n1, 0, n1);
        var h12 = hm.SubMatrix(0, n1, n1, n2);
        var h22 = hm.SubMatrix(n1, n2, n1, n2);
        var lu = h22.LU();
        if (lu.Determinant == 0) throw new ArgumentException("H22 is singular.", nameof(hessian));
        var s = h11 - h12 * lu.Solve(h12.Transpose());
        var result = new double[n1 * n1];
        for (int i = 0; i < n1; i++) for (int j = 0; j < n1; j++) result[i * n1 + j] = 0.5 * (s[i, j] + s[j, i]);
        return result;
    }

    /// <summary>
    /// Symmetric diagonal scaling D^{−1/2} H D^{−1/2} of an n×n row-major matrix (n×n row-major). With D = diag(H) this is the
    /// Hessian seen by Jacobi-preconditioned gradient descent, whose best fixed step is 1/λ_max of the result (derived).
    /// </summary>
    /// <param name="hessian">Symmetric n×n matrix.</param>
    /// <param name="diagonal">D, length n, every entry finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A diagonal entry that is not finite and positive.</exception>
    public static double[] DiagonallyScaled(ReadOnlySpan<double> hessian, ReadOnlySpan<double> diagonal)
    {
        int n = Size(hessian.Length, nameof(hessian));
        if (diagonal.Length != n) throw new ArgumentException($"diagonal must have length {n}.", nameof(diagonal));
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!(diagonal[i] > 0) || !double.IsFinite(diagonal[i]))
                throw new ArgumentOutOfRangeException(nameof(diagonal), diagonal[i], $"diagonal[{i}] must be finite and > 0.");
            s[i] = 1 / Math.Sqrt(diagonal[i]);
        }
        var result = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) result[i * n + j] = s[i] * hessian[i * n + j] * s[j];
        return result;
    }

    private static double[] Eigenvalues(ReadOnlySpan<double> hessian)
    {
        int n = Size(hessian.Length, nameof(hessian));
        var m = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = hessian[i * n + j];
        return m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
    }

    private static CurvatureSummary FromEigenvalues(double[] ev, double nullTolerance)
    {
        Guard.InRange(nullTolerance, double.Epsilon, Math.BitDecrement(1.0), nameof(nullTolerance));
        double beta = ev.Max();
        double mu = double.PositiveInfinity;
        int nullity = 0;
        foreach (double v in ev)
        {
            if (v <= nullTolerance * beta) nullity++;
            else mu = Math.Min(mu, v);
        }
        return new CurvatureSummary(beta, mu, nullity);
    }

    private static int Size(int length, string name)
    {
        int n = (int)Math.Round(Math.Sqrt(length));
        if (n < 1 || n * n != length) throw new ArgumentException($"{name} must be a square n×n matrix (got {length} entries).", name);
        return n;
    }
}
