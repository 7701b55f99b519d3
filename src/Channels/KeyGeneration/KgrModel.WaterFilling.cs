using System.Numerics;
using PhyToolkit.Channels.LinearAlgebra;

namespace PhyToolkit.Channels.KeyGeneration;

public sealed partial class KgrModel
{
    /// <summary>
    /// Globally optimal precoder for a fixed covariance under ‖P‖²_F ≤ E (docs/fa-plkg.md, derived and checked; the oracle for
    /// PGD): P* = U_(:,1:K)·diag(√p_i) on the eigenvectors of R = U·diag(λ)·Uᴴ in descending eigenvalue order, with
    /// p_i maximizing Σ_i log₂((1 + a_i p_i)/(1 + b_i p_i)), a_i = λ_i/σ_B², b_i = λ_iσ_A²/((λ_i + σ_A²)σ_B²).
    /// KKT water-filling: p_i(μ) = 2(g_i/μ − 1)/((a_i + b_i) + √(g_i² + 4a_ib_ig_i/μ)) for g_i = a_i − b_i &gt; μ, else 0
    /// (the spec's formula, rationalized to avoid cancellation), with the water level μ found by geometric bisection so
    /// that Σp_i = E; the powers are finally rescaled so that Σp_i = E to rounding (never above E).
    /// </summary>
    /// <remarks>
    /// Only the K strongest modes can be loaded (rank S ≤ K); with K ≥ rank R this is never limiting. Eigenvalues
    /// are from <see cref="HermitianMatrix.Eigen"/>; values below 1e-14·λ_max (round-off of a singular R) are treated
    /// as 0 (docs/fa-plkg.md clips negative eigenvalues; the relative threshold is our choice). Columns beyond min(K, M)
    /// are zero. KKT: at the optimum ∂KGR/∂P* = (μ/ln 2)·P and every unloaded mode has g_i ≤ μ.
    /// </remarks>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="precoder">Output P*, row-major M×K; ‖P*‖²_F = Σp_i ≤ E up to the rounding of the unit eigenvectors (~1e-15 relative).</param>
    /// <param name="modePowers">Output, length K: power p_i of column i (descending eigenvalue order).</param>
    /// <param name="waterLevel">μ, the marginal KGR gain per unit energy at the optimum in nats (the KKT multiplier
    /// times ln 2); equals max_i g_i when E = 0, and 0 when R = 0.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>The optimal KGR, bits per probing round, Σ_i log1p(g_i p_i/(1 + b_i p_i))/ln 2 (= Σ_i log₂((1 + a_i p_i)/(1 + b_i p_i))).</returns>
    public double WaterFillingPrecoder(ReadOnlySpan<Complex> covariance, Span<Complex> precoder, Span<double> modePowers,
        out double waterLevel, KgrWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        int m = workspace.Antennas, k = workspace.Slots;
        if (precoder.Length != m * k)
            throw new ArgumentException($"precoder must be M×K = {m * k} entries (row-major), got {precoder.Length}", nameof(precoder));
        if (modePowers.Length != k)
            throw new ArgumentException($"modePowers must have K = {k} entries, got {modePowers.Length}", nameof(modePowers));
        CheckCovariance(covariance, workspace, nameof(covariance));

        Span<double> lambda = workspace.Eigenvalues;
        Span<Complex> u = workspace.Eigenvectors;
        HermitianMatrix.Eigen(covariance, m, lambda, u, workspace.Mm2);
        int modes = Math.Min(k, m);
        modePowers.Clear();
        precoder.Clear();
        double kgr = WaterFillingModePowers(lambda, modes, modePowers, out waterLevel);
        for (int c = 0; c < modes; c++)
        {
            double p = modePowers[c];
            if (p <= 0) continue;
            double sq = Math.Sqrt(p);
            int e = m - 1 - c;
            for (int i = 0; i < m; i++) precoder[i * k + c] = u[i * m + e] * sq;
        }
        return kgr;
    }

    /// <summary>
    /// The water-filling power allocation of docs/fa-plkg.md on given eigenvalues (shared by the scalar oracle and the batched
    /// evaluator): mode c uses eigenvalue λ[n−1−c] (descending), gains g = λ²/((λ + σ_A²)σ_B²); eigenvalues at or below
    /// 1e-14·λ_max count as 0; μ by geometric bisection so that Σp = E, then an exact rescale to Σp = E.
    /// </summary>
    /// <param name="lambdaAscending">Eigenvalues of R in ascending order (any length n ≥ modes).</param>
    /// <param name="modes">Loadable modes, min(K, n).</param>
    /// <param name="powers">Output, first <paramref name="modes"/> entries: p_c.</param>
    /// <param name="waterLevel">μ (0 when R = 0, max g when E = 0).</param>
    /// <returns>The optimal KGR in bits.</returns>
    internal double WaterFillingModePowers(ReadOnlySpan<double> lambdaAscending, int modes, Span<double> powers, out double waterLevel)
    {
        int m = lambdaAscending.Length;
        ReadOnlySpan<double> lambda = lambdaAscending;
        double lambdaMax = Math.Max(lambda[m - 1], 0);
        double floor = 1e-14 * lambdaMax;
        double sA = AliceNoiseVariance, sB = BobNoiseVariance;
        powers[..modes].Clear();

        // Mode c uses eigen-index m-1-c (descending). Gains g = a - b = λ²/((λ + σ_A²)σ_B²).
        double gMax = 0;
        for (int c = 0; c < modes; c++)
        {
            double l = lambda[m - 1 - c];
            if (l > floor) gMax = Math.Max(gMax, l * l / ((l + sA) * sB));
        }
        if (gMax == 0) { waterLevel = 0; return 0; }
        if (EnergyBudget == 0) { waterLevel = gMax; return 0; }
        double hi = gMax, lo = gMax;
        for (int it = 0; it < 4000 && lo > 1e-300; it++)
        {
            lo *= 0.5;
            if (TotalPower(lo, lambda, m, modes, floor, powers) >= EnergyBudget) break;
        }
        for (int it = 0; it < 400; it++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (!(mid > lo && mid < hi)) break;
            if (TotalPower(mid, lambda, m, modes, floor, powers) > EnergyBudget) lo = mid; else hi = mid;
        }
        waterLevel = hi;
        double total = TotalPower(hi, lambda, m, modes, floor, powers);
        // When μ is within a few ulps of g_i (low SNR), p_i(μ) = 2(g_i/μ − 1)/(…) is only known to ~ε/(g_i/μ − 1)
        // relative, so Σp can miss E by up to ~1e-7 at −100 dB. Rescaling to Σp = E is exact for the total and only a
        // second-order change of the KGR (the split between loaded modes is first-order optimal). Our choice.
        if (total > 0)
        {
            double scale = EnergyBudget / total;
            for (int t = 0; t < 8; t++)
            {
                double s2 = 0;
                for (int c = 0; c < modes; c++) s2 += powers[c] * scale;
                if (s2 <= EnergyBudget) break;
                scale *= 1 - 2e-16 * (1 << t);
            }
            for (int c = 0; c < modes; c++) powers[c] *= scale;
        }

        double kgr = 0;
        for (int c = 0; c < modes; c++)
        {
            double p = powers[c];
            if (p <= 0) continue;
            double l = lambda[m - 1 - c];
            double b = l * sA / ((l + sA) * sB), g = l * l / ((l + sA) * sB);
            kgr += HermitianMatrix.Log1P(g * p / (1 + b * p)); // = ln((1 + ap)/(1 + bp)) without cancellation
        }
        return kgr / Ln2;
    }

    /// <summary>Water-filling optimum (as the full overload) returning the precoder P* and the optimal KGR in bits.</summary>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="precoder">Output P*, row-major M×K.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>The optimal KGR, bits per probing round.</returns>
    public double WaterFillingPrecoder(ReadOnlySpan<Complex> covariance, Span<Complex> precoder, KgrWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return WaterFillingPrecoder(covariance, precoder, workspace.ModePowers, out _, workspace);
    }

    /// <summary>max_P KGR(P, R) subject to ‖P‖²_F ≤ E, in bits (the water-filling optimum; docs/fa-plkg.md).</summary>
    /// <param name="covariance">R, row-major M×M Hermitian PSD.</param>
    /// <param name="workspace">Scratch sized (M, K).</param>
    /// <returns>The optimal KGR, bits per probing round.</returns>
    public double OptimalValue(ReadOnlySpan<Complex> covariance, KgrWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return WaterFillingPrecoder(covariance, workspace.Precoder, workspace.ModePowers, out _, workspace);
    }

    private double TotalPower(double mu, ReadOnlySpan<double> lambda, int m, int modes, double floor, Span<double> powers)
    {
        double sA = AliceNoiseVariance, sB = BobNoiseVariance, sum = 0;
        for (int c = 0; c < modes; c++)
        {
            double l = lambda[m - 1 - c];
            double p = 0;
            if (l > floor)
            {
                double a = l / sB, b = l * sA / ((l + sA) * sB);
                double g = l * l / ((l + sA) * sB);
                if (g > mu)
                    p = 2 * (g / mu - 1) / ((a + b) + Math.Sqrt(g * g + 4 * a * b * g / mu));
            }
            powers[c] = p;
            sum += p;
        }
        return sum;
    }
}
