using System.Numerics;

namespace PhyToolkit.Channels.Correlation;

/// <summary>
/// A stationary spatial-correlation model (docs/fa-plkg.md, §10): the covariance <c>R = E[h hᴴ]</c> of the channel
/// h ∈ ℂᴹ seen by M isotropic antennas at planar positions (wavelengths), and the analytic entry derivative.
/// </summary>
/// <remarks>
/// <para>Conventions shared by all implementations (checked by tests):</para>
/// <list type="bullet">
/// <item><c>positions</c> is flat <c>x0, y0, x1, y1, …</c> (length <see cref="Dimensions"/>·M, wavelengths).</item>
/// <item>R is M×M complex Hermitian positive semi-definite, row-major (<c>R[m*M + n] = R_mn = E[h_m h_n*]</c>), with
/// constant diagonal <see cref="DiagonalValue"/>.</item>
/// <item>Stationarity: <c>R_mn</c> depends on <c>t_m − t_n</c> only, hence
/// <c>∂R_mn/∂t_n = −∂R_mn/∂t_m</c>, <c>∂R_nm/∂t_m = conj(∂R_mn/∂t_m)</c> and <c>∂R_mm/∂t_m = 0</c>; so
/// <see cref="EntryDerivative"/> determines every ∂R/∂t_k.</item>
/// </list>
/// Use <see cref="SpatialCorrelationExtensions.PositionGradient"/> for the chain rule to ∂f/∂positions.
/// </remarks>
public interface ISpatialCorrelation
{
    /// <summary>Coordinates per antenna in <c>positions</c> (2 for the planar models of docs/fa-plkg.md).</summary>
    int Dimensions { get; }

    /// <summary>The constant diagonal <c>R_mm</c> (1 for the isotropic models; Σ p_l for the field-response model).</summary>
    double DiagonalValue { get; }

    /// <summary>Fills the M×M covariance R (row-major) for the given positions.</summary>
    /// <param name="positions">Flat positions, length <see cref="Dimensions"/>·M, M ≥ 1, finite (wavelengths).</param>
    /// <param name="covariance">Output, length M².</param>
    void Covariance(ReadOnlySpan<double> positions, Span<Complex> covariance);

    /// <summary>
    /// Gradient of entry <c>R_mn</c> with respect to the coordinates of antenna m: <c>derivative[a] = ∂R_mn/∂t_{m,a}</c>
    /// (a = 0 for x, 1 for y; per wavelength). Zero for m = n.
    /// </summary>
    /// <param name="positions">Flat positions (wavelengths).</param>
    /// <param name="m">Row antenna (the one that moves), 0 ≤ m &lt; M.</param>
    /// <param name="n">Column antenna, 0 ≤ n &lt; M.</param>
    /// <param name="derivative">Output, length <see cref="Dimensions"/>.</param>
    void EntryDerivative(ReadOnlySpan<double> positions, int m, int n, Span<Complex> derivative);
}
