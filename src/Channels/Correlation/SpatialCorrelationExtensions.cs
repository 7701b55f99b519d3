using System.Numerics;

namespace PhyToolkit.Channels.Correlation;

/// <summary>
/// Model-independent helpers on <see cref="ISpatialCorrelation"/>: full derivative matrices ∂R/∂t_{k,a} and the chain
/// rule from a covariance sensitivity G to the position gradient (docs/fa-plkg.md(b)–(d)).
/// </summary>
/// <remarks>
/// <para><b>Gradient convention (docs/fa-plkg.md(b)).</b> For a real objective f(R), the sensitivity G (M×M, row-major)
/// is the matrix with</para>
/// <para><c>df = Re tr(G · dR) = Re Σ_{m,n} G_nm dR_mn</c>.</para>
/// <para>The KGR helper's <c>Γ</c> of §2.5(b) is such a G: <c>d KGR[nats] = tr(Γ dR)</c>, so pass <c>G = Γ</c> for nats or
/// <c>G = Γ/ln 2</c> for bits. For Hermitian G (the usual case) <c>tr(G dR)</c> is already real and equals the
/// Frobenius product <c>Re tr(Gᴴ dR)</c>; only the Hermitian part of G matters because dR is Hermitian.</para>
/// </remarks>
public static class SpatialCorrelationExtensions
{
    /// <summary>
    /// Fills <c>∂R/∂t_{k,axis}</c> (M×M, row-major): non-zero only in row k (<c>∂R_kn/∂t_k</c>) and column k
    /// (<c>∂R_nk/∂t_k = conj(∂R_kn/∂t_k)</c>); the diagonal is zero. O(M) entry derivatives.
    /// </summary>
    /// <param name="model">Correlation model.</param>
    /// <param name="positions">Flat positions (wavelengths), length Dimensions·M.</param>
    /// <param name="antenna">k, 0 ≤ k &lt; M.</param>
    /// <param name="axis">Coordinate index, 0 ≤ axis &lt; Dimensions (0 = x, 1 = y).</param>
    /// <param name="derivative">Output, length M².</param>
    public static void CovarianceDerivative(this ISpatialCorrelation model, ReadOnlySpan<double> positions, int antenna, int axis, Span<Complex> derivative)
    {
        ArgumentNullException.ThrowIfNull(model);
        int m = CountAntennas(model, positions);
        if ((uint)antenna >= (uint)m) throw new ArgumentOutOfRangeException(nameof(antenna), antenna, $"antenna must be in [0, {m - 1}]");
        if ((uint)axis >= (uint)model.Dimensions) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"axis must be in [0, {model.Dimensions - 1}]");
        if (derivative.Length != m * m) throw new ArgumentException($"derivative must have length M² = {m * m}; got {derivative.Length}", nameof(derivative));
        derivative.Clear();
        Span<Complex> g = stackalloc Complex[model.Dimensions];
        for (int n = 0; n < m; n++)
        {
            if (n == antenna) continue;
            model.EntryDerivative(positions, antenna, n, g);
            derivative[antenna * m + n] = g[axis];
            derivative[n * m + antenna] = Complex.Conjugate(g[axis]);
        }
    }

    /// <summary>
    /// Chain rule from the covariance sensitivity G to the position gradient (docs/fa-plkg.md(c) "general rule"):
    /// <c>∂f/∂t_{m,a} = Re Σ_{n≠m} (G_nm + conj(G_mn)) · ∂R_mn/∂t_{m,a}</c>, which for Hermitian G is the spec's
    /// <c>2 Re Σ_{n≠m} G_nm ∂R_mn/∂t_m</c>. Convention: <c>df = Re tr(G dR)</c> (see the class remarks); with
    /// <c>G = Γ/ln 2</c> from §2.5(b) this is ∂KGR/∂positions in bits per wavelength. Allocation-free, O(M²) entry derivatives.
    /// </summary>
    /// <param name="model">Correlation model.</param>
    /// <param name="positions">Flat positions (wavelengths), length Dimensions·M.</param>
    /// <param name="sensitivity">G, M×M row-major.</param>
    /// <param name="gradient">Output ∂f/∂positions, same flat layout as <paramref name="positions"/>.</param>
    public static void PositionGradient(this ISpatialCorrelation model, ReadOnlySpan<double> positions, ReadOnlySpan<Complex> sensitivity, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(model);
        int m = CountAntennas(model, positions);
        int dim = model.Dimensions;
        if (sensitivity.Length != m * m) throw new ArgumentException($"sensitivity must have length M² = {m * m}; got {sensitivity.Length}", nameof(sensitivity));
        if (gradient.Length != positions.Length) throw new ArgumentException($"gradient must have length {positions.Length}; got {gradient.Length}", nameof(gradient));
        gradient.Clear();
        Span<Complex> g = stackalloc Complex[dim];
        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++)
            {
                model.EntryDerivative(positions, a, b, g); // ∂R_ab/∂t_a ; ∂R_ab/∂t_b = −g
                Complex w = sensitivity[b * m + a] + Complex.Conjugate(sensitivity[a * m + b]); // G_ba + conj(G_ab)
                for (int k = 0; k < dim; k++)
                {
                    double c = (w * g[k]).Real;
                    // Entry (a,b) and its mirror (b,a) both enter; Re[(G_ba + conj G_ab) dR_ab] covers both.
                    gradient[dim * a + k] += c;
                    gradient[dim * b + k] -= c;
                }
            }
    }

    internal static int CountAntennas(ISpatialCorrelation model, ReadOnlySpan<double> positions)
    {
        int dim = model.Dimensions;
        if (positions.Length < dim || positions.Length % dim != 0)
            throw new ArgumentException($"positions must have length Dimensions·M = {dim}·M with M ≥ 1; got {positions.Length}", nameof(positions));
        return positions.Length / dim;
    }
}
