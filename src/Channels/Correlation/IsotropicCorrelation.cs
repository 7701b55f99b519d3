using System.Numerics;
using MathNet.Numerics;

namespace PhyToolkit.Channels.Correlation;

/// <summary>
/// Isotropic spatial correlation (docs/fa-plkg.md alternatives [L: FAS, arXiv 2005.11561, 2407.03449]); R depends only
/// on the distances <c>d_mn = ‖t_m − t_n‖</c> (wavelengths) and is real, symmetric, PSD, with unit diagonal:
/// <list type="bullet">
/// <item>2-D (Jakes): <c>R_mn = J₀(κ d)</c>, <c>∂R_mn/∂t_m = −κ J₁(κ d) e_mn</c>;</item>
/// <item>3-D: <c>R_mn = sin(κ d)/(κ d)</c>, <c>∂R_mn/∂t_m = (κ d cos κd − sin κd)/(κ d²) · e_mn</c>;</item>
/// </list>
/// with κ = 2π and <c>e_mn = (t_m − t_n)/d_mn</c> (docs/fa-plkg.md(d) [D]). Bessel functions: MathNet
/// <c>SpecialFunctions.BesselJ</c>. Coincident antennas (d = 0) give R_mn = 1 and a zero derivative.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IsotropicCorrelation : ISpatialCorrelation
{
    private const double Kappa = 2 * Math.PI;

    /// <summary>Creates the model.</summary>
    /// <param name="scattering">2-D (Jakes J₀) or 3-D (sinc).</param>
    public IsotropicCorrelation(IsotropicScattering scattering)
    {
        if (scattering is not (IsotropicScattering.TwoDimensional or IsotropicScattering.ThreeDimensional))
            throw new ArgumentOutOfRangeException(nameof(scattering), scattering, "allowed: TwoDimensional, ThreeDimensional");
        Scattering = scattering;
    }

    /// <summary>The 2-D isotropic (Clarke/Jakes) model, <c>J₀(2πd)</c>.</summary>
    public static IsotropicCorrelation Jakes { get; } = new(IsotropicScattering.TwoDimensional);

    /// <summary>The 3-D isotropic model, <c>sin(2πd)/(2πd)</c>.</summary>
    public static IsotropicCorrelation ThreeDimensional { get; } = new(IsotropicScattering.ThreeDimensional);

    /// <summary>Which isotropic environment.</summary>
    public IsotropicScattering Scattering { get; }

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <summary>Always 1.</summary>
    public double DiagonalValue => 1;

    /// <summary>The correlation at distance d (wavelengths): J₀(2πd) or sin(2πd)/(2πd).</summary>
    /// <param name="distanceWavelengths">d ≥ 0.</param>
    public double Value(double distanceWavelengths)
    {
        double x = Kappa * distanceWavelengths;
        if (Scattering == IsotropicScattering.TwoDimensional) return SpecialFunctions.BesselJ(0, x);
        return Math.Abs(x) < 1e-4 ? 1 - x * x / 6 + x * x * x * x / 120 : Math.Sin(x) / x;
    }

    /// <summary>dR/dd at distance d (per wavelength): −κJ₁(κd) or κ·(x cos x − sin x)/x² with x = κd.</summary>
    /// <param name="distanceWavelengths">d ≥ 0.</param>
    public double Slope(double distanceWavelengths)
    {
        double x = Kappa * distanceWavelengths;
        if (Scattering == IsotropicScattering.TwoDimensional) return -Kappa * SpecialFunctions.BesselJ(1, x);
        if (Math.Abs(x) < 1e-3) return Kappa * (-x / 3 + x * x * x / 30); // series: avoids cancellation near 0
        return Kappa * (x * Math.Cos(x) - Math.Sin(x)) / (x * x);
    }

    /// <inheritdoc/>
    public void Covariance(ReadOnlySpan<double> positions, Span<Complex> covariance)
    {
        int m = SpatialCorrelationExtensions.CountAntennas(this, positions);
        if (covariance.Length != m * m) throw new ArgumentException($"covariance must have length M² = {m * m}; got {covariance.Length}", nameof(covariance));
        for (int a = 0; a < m; a++)
        {
            covariance[a * m + a] = 1;
            for (int b = a + 1; b < m; b++)
            {
                double dx = positions[2 * a] - positions[2 * b], dy = positions[2 * a + 1] - positions[2 * b + 1];
                double r = Value(Math.Sqrt(dx * dx + dy * dy));
                covariance[a * m + b] = r;
                covariance[b * m + a] = r;
            }
        }
    }

    /// <inheritdoc/>
    public void EntryDerivative(ReadOnlySpan<double> positions, int m, int n, Span<Complex> derivative)
    {
        int count = SpatialCorrelationExtensions.CountAntennas(this, positions);
        if ((uint)m >= (uint)count) throw new ArgumentOutOfRangeException(nameof(m), m, $"m must be in [0, {count - 1}]");
        if ((uint)n >= (uint)count) throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be in [0, {count - 1}]");
        if (derivative.Length != 2) throw new ArgumentException("derivative must have length 2", nameof(derivative));
        double dx = positions[2 * m] - positions[2 * n], dy = positions[2 * m + 1] - positions[2 * n + 1];
        double d = Math.Sqrt(dx * dx + dy * dy);
        if (m == n || d == 0) { derivative.Clear(); return; }
        double s = Slope(d) / d;
        derivative[0] = s * dx;
        derivative[1] = s * dy;
    }
}
