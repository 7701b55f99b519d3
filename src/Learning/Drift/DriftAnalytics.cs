using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Learning.Drift;

/// <summary>
/// Drift of a learned representation inside its task-relevant subspace (Pashakhanloo, arXiv 2510.21588; the estimator
/// is our proposal following the tangent/normal decomposition of arXiv 2302.02563). A recorded <em>frame</em> is
/// G_t = F_t U (r × m, row-major): the filter restricted to the relevant subspace. Its orthogonal polar factor
/// Q_t = G_t (G_tᵀ G_t)^{−1/2} is the tangent coordinate (stretches removed); the rotation over a lag is
/// R = polar(Q_tᵀ Q_{t+Δ}) ∈ SO(m) and its plane angles θ_ij are the entries of Ω = logm R. The mean squared
/// displacement is MSD(Δ) = mean_t Σ_{i&lt;j} θ_ij² ≈ c + 2D·m(m−1)/2·Δ. Supported m: 2 and 3 (closed-form logm).
/// </summary>
public static class DriftAnalytics
{
    /// <summary>Number of rotation planes m(m−1)/2.</summary>
    public static int Planes(int m) => m * (m - 1) / 2;

    /// <summary>Orthogonal polar factor Q = A (AᵀA)^{−1/2} of <paramref name="a"/> (rows × m, full column rank), into <paramref name="q"/>.</summary>
    /// <exception cref="ArgumentException">Shapes do not match, rows &lt; m, or A is rank deficient.</exception>
    public static void PolarFactor(ReadOnlySpan<double> a, int rows, int m, Span<double> q)
    {
        Guard.AtLeast(m, 1, nameof(m));
        Guard.AtLeast(rows, m, nameof(rows));
        Guard.Length(a.Length, rows * m, nameof(a));
        Guard.Length(q.Length, rows * m, nameof(q));
        Span<double> g = stackalloc double[m * m], v = stackalloc double[m * m], lam = stackalloc double[m], s = stackalloc double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                double acc = 0;
                for (int k = 0; k < rows; k++) acc += a[k * m + i] * a[k * m + j];
                g[i * m + j] = acc;
            }
        SymmetricEigen.Decompose(g, m, lam, v);
        double max = 0;
        for (int i = 0; i < m; i++) max = Math.Max(max, lam[i]);
        for (int i = 0; i < m; i++)
            if (!(lam[i] > 1e-24 * max) || max == 0) throw new ArgumentException("a is rank deficient; allowed: full column rank (a frame with m independent columns).", nameof(a));
        for (int i = 0; i < m; i++)          // S = V diag(λ^{-1/2}) Vᵀ
            for (int j = 0; j < m; j++)
            {
                double acc = 0;
                for (int k = 0; k < m; k++) acc += v[i * m + k] * v[j * m + k] / Math.Sqrt(lam[k]);
                s[i * m + j] = acc;
            }
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < m; j++)
            {
                double acc = 0;
                for (int k = 0; k < m; k++) acc += a[r * m + k] * s[k * m + j];
                q[r * m + j] = acc;
            }
    }

    /// <summary>
    /// Plane angles θ_ij (i &lt; j, ordered (0,1), (0,2), (1,2)) of the rotation R ∈ SO(m), m ∈ {2, 3}: the entries Ω_ij of
    /// Ω = logm R. m = 2: θ = atan2(R₁₀, R₀₀); m = 3: Ω = θ/(2 sin θ)(R − Rᵀ) with cos θ = (tr R − 1)/2 (angles below π).
    /// </summary>
    /// <exception cref="ArgumentException">m outside {2, 3} or wrong lengths.</exception>
    public static void RotationPlaneAngles(ReadOnlySpan<double> r, int m, Span<double> angles)
    {
        Guard.InRange(m, 2, 3, nameof(m));
        Guard.Length(r.Length, m * m, nameof(r));
        Guard.Length(angles.Length, Planes(m), nameof(angles));
        if (m == 2)
        {
            angles[0] = Math.Atan2(r[2], r[0]);
            return;
        }
        double c = Math.Clamp((r[0] + r[4] + r[8] - 1) / 2, -1, 1);
        double theta = Math.Acos(c);
        double sin = Math.Sin(theta);
        double f = theta < 1e-6 ? 0.5 * (1 + theta * theta / 6) : theta / (2 * sin);
        // Ω_ij = f (R_ij − R_ji); θ_ij as the (j,i) entry so that m = 2 and m = 3 share the sign convention.
        angles[0] = f * (r[1 * 3 + 0] - r[0 * 3 + 1]);
        angles[1] = f * (r[2 * 3 + 0] - r[0 * 3 + 2]);
        angles[2] = f * (r[2 * 3 + 1] - r[1 * 3 + 2]);
    }

    /// <summary>
    /// MSD(Δ) for lags 1 … <paramref name="maxLag"/> (in recording intervals) from frames G_t (each rows × m), with
    /// the plane-resolved rates. Frames are reduced to their polar factors first.
    /// </summary>
    /// <param name="frames">At least maxLag + 1 frames, each of length rows·m.</param>
    /// <param name="rows">Rows r ≥ m of each frame.</param>
    /// <param name="m">Relevant dimension, 2 or 3.</param>
    /// <param name="maxLag">Largest lag, ≥ 1.</param>
    /// <param name="stepsPerLag">Learner updates between consecutive frames, ≥ 1.</param>
    public static MsdCurve MeanSquaredDisplacement(IReadOnlyList<double[]> frames, int rows, int m, int maxLag, int stepsPerLag)
    {
        ArgumentNullException.ThrowIfNull(frames);
        Guard.InRange(m, 2, 3, nameof(m));
        Guard.AtLeast(maxLag, 1, nameof(maxLag));
        Guard.AtLeast(stepsPerLag, 1, nameof(stepsPerLag));
        Guard.AtLeast(frames.Count, maxLag + 1, "frames.Count");
        int planes = Planes(m), T = frames.Count;
        var q = new double[T][];
        for (int t = 0; t < T; t++) { q[t] = new double[rows * m]; PolarFactor(frames[t], rows, m, q[t]); }
        var total = new double[maxLag];
        var plane = new double[maxLag][];
        Span<double> c = stackalloc double[m * m], r = stackalloc double[m * m], ang = stackalloc double[planes];
        for (int lag = 1; lag <= maxLag; lag++)
        {
            var acc = new double[planes];
            int count = T - lag;
            for (int t = 0; t < count; t++)
            {
                var a = q[t]; var b = q[t + lag];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < m; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < rows; k++) s += a[k * m + i] * b[k * m + j];
                        c[i * m + j] = s;
                    }
                if (rows == m) c.CopyTo(r); else PolarFactor(c, m, m, r);
                RotationPlaneAngles(r, m, ang);
                for (int p = 0; p < planes; p++) acc[p] += ang[p] * ang[p];
            }
            double sum = 0;
            for (int p = 0; p < planes; p++) { acc[p] /= count; sum += acc[p]; }
            total[lag - 1] = sum;
            plane[lag - 1] = acc;
        }
        var lags = new int[maxLag];
        for (int i = 0; i < maxLag; i++) lags[i] = i + 1;
        return new MsdCurve(lags, total, plane, stepsPerLag);
    }

    /// <summary>
    /// Least-squares fit MSD(Δ) = c + 2D·m(m−1)/2·Δ over the first <paramref name="fitLags"/> lags (Δ in learner updates),
    /// and per plane θ_ij² = c_ij + 2D_ij Δ.
    /// </summary>
    public static DiffusionEstimate FitDiffusion(MsdCurve msd, int fitLags)
    {
        ArgumentNullException.ThrowIfNull(msd);
        Guard.InRange(fitLags, 2, msd.Lags.Length, nameof(fitLags));
        var x = new double[fitLags];
        var y = new double[fitLags];
        for (int i = 0; i < fitLags; i++) { x[i] = (double)msd.Lags[i] * msd.StepsPerLag; y[i] = msd.Total[i]; }
        var (slope, intercept, r2) = LineFit(x, y);
        int planes = msd.Planes[0].Length;
        var rates = new double[planes];
        for (int p = 0; p < planes; p++)
        {
            for (int i = 0; i < fitLags; i++) y[i] = msd.Planes[i][p];
            rates[p] = LineFit(x, y).Slope / 2;
        }
        return new DiffusionEstimate(slope / (2 * planes), intercept, r2, rates);
    }

    /// <summary>Ordinary least squares y = a + b x: (slope b, intercept a, R²). R² is 1 for a perfect fit (and for constant y).</summary>
    public static (double Slope, double Intercept, double RSquared) LineFit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Guard.Length(y.Length, x.Length, nameof(y));
        Guard.AtLeast(x.Length, 2, "x.Length");
        int n = x.Length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n; my /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++) { double dx = x[i] - mx, dy = y[i] - my; sxx += dx * dx; sxy += dx * dy; syy += dy * dy; }
        if (sxx == 0) throw new ArgumentException("x has no spread; allowed: at least two distinct x values.", nameof(x));
        double b = sxy / sxx, a = my - b * mx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return (b, a, r2);
    }

    /// <summary>
    /// Subspace error ‖P − UUᵀ‖_F between the projector P onto the row space of <paramref name="map"/> (rows × n, full
    /// row rank) and the projector onto the first m coordinates (the relevant subspace of <c>SubspaceStream</c>):
    /// ‖P − UUᵀ‖_F² = rows + m − 2 Σ_{j&lt;m} P_jj with P = Mᵀ(MMᵀ)⁻¹M.
    /// </summary>
    public static double SubspaceError(ReadOnlySpan<double> map, int rows, int n, int m)
    {
        Guard.AtLeast(rows, 1, nameof(rows));
        Guard.InRange(m, 1, n, nameof(m));
        Guard.Length(map.Length, rows * n, nameof(map));
        Span<double> g = stackalloc double[rows * rows], v = stackalloc double[rows * rows], lam = stackalloc double[rows], col = stackalloc double[rows];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < rows; j++) g[i * rows + j] = VectorOps.Dot(map.Slice(i * n, n), map.Slice(j * n, n));
        SymmetricEigen.Decompose(g, rows, lam, v);
        double max = 0;
        for (int i = 0; i < rows; i++) max = Math.Max(max, lam[i]);
        for (int i = 0; i < rows; i++)
            if (!(lam[i] > 1e-24 * max)) throw new ArgumentException("map is rank deficient; allowed: full row rank.", nameof(map));
        double trace = 0;
        for (int j = 0; j < m; j++)
        {
            for (int i = 0; i < rows; i++) col[i] = map[i * n + j];
            for (int k = 0; k < rows; k++)   // P_jj = Σ_k (v_kᵀ col)² / λ_k
            {
                double d = 0;
                for (int i = 0; i < rows; i++) d += v[i * rows + k] * col[i];
                trace += d * d / lam[k];
            }
        }
        return Math.Sqrt(Math.Max(0, rows + m - 2 * trace));
    }

    /// <summary>
    /// Representation of fixed probe stimuli X_p = U A_p at every frame, Y_t = G_t A_p, summarised by (1) the relative
    /// change of the similarity matrix S = Yᵀ Y between the first and last frame, ‖S_T − S_0‖_F / ‖S_0‖_F, and (2) the
    /// representation correlation C(Δ) = mean_t tr(Y_tᵀ Y_{t+Δ}) / mean_t tr(Y_tᵀ Y_t) at lag <paramref name="lag"/>.
    /// </summary>
    /// <param name="frames">Frames G_t (rows × m).</param>
    /// <param name="rows">r.</param>
    /// <param name="m">m.</param>
    /// <param name="probes">A_p (m × p, row-major).</param>
    /// <param name="probeCount">p ≥ 1.</param>
    /// <param name="lag">Δ in recording intervals, in [1, frames − 1].</param>
    public static (double SimilarityChange, double Correlation) Stability(IReadOnlyList<double[]> frames, int rows, int m, ReadOnlySpan<double> probes, int probeCount, int lag)
    {
        ArgumentNullException.ThrowIfNull(frames);
        Guard.AtLeast(probeCount, 1, nameof(probeCount));
        Guard.Length(probes.Length, m * probeCount, nameof(probes));
        Guard.InRange(lag, 1, frames.Count - 1, nameof(lag));
        int p = probeCount, T = frames.Count;
        var y = new double[T][];
        for (int t = 0; t < T; t++)
        {
            y[t] = new double[rows * p];
            var g = frames[t];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < p; c++)
                {
                    double s = 0;
                    for (int k = 0; k < m; k++) s += g[r * m + k] * probes[k * p + c];
                    y[t][r * p + c] = s;
                }
        }
        var s0 = Gram(y[0], rows, p);
        var sT = Gram(y[T - 1], rows, p);
        double num = Math.Sqrt(VectorOps.DistanceSquared(sT, s0)), den = VectorOps.Norm(s0);
        double cross = 0, self = 0;
        for (int t = 0; t + lag < T; t++) { cross += VectorOps.Dot(y[t], y[t + lag]); self += VectorOps.Dot(y[t], y[t]); }
        return (num / den, cross / self);
    }

    private static double[] Gram(double[] y, int rows, int p)
    {
        var s = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double acc = 0;
                for (int r = 0; r < rows; r++) acc += y[r * p + i] * y[r * p + j];
                s[i * p + j] = acc;
            }
        return s;
    }
}
