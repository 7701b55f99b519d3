using System.Numerics;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Correlation;

/// <summary>
/// Far-field field-response covariance (docs/fa-plkg.md default [L: arXiv 2210.05325, 2210.05396]):
/// <c>ρ_l(t) = x sinθ_l cosφ_l + y cosθ_l = x u_l + y v_l</c>, <c>[a_l]_m = e^{jκρ_l(t_m)}</c> with κ = 2π (λ = 1),
/// <c>h = G(t)ᵀ σ</c>, σ ~ CN(0, diag p), and
/// <c>R_mn = Σ_l p_l e^{jκ(ρ_l(t_m) − ρ_l(t_n))}</c> (rank ≤ min(M, L), diagonal Σ p_l).
/// Entry derivative (docs/fa-plkg.md(c) [D]): <c>∂R_mn/∂x_m = Σ_l p_l jκu_l e^{jκ(ρ_l(t_m) − ρ_l(t_n))}</c>, u_l → v_l for y.
/// </summary>
/// <remarks>Immutable and thread-safe. Positions in wavelengths; cost O(M²L) complex exponentials per covariance.</remarks>
public sealed class FieldResponseCovariance : ISpatialCorrelation
{
    private const double Kappa = 2 * Math.PI;
    private readonly double[] _u, _v, _p;

    /// <summary>Creates the model for one trial's path geometry.</summary>
    /// <param name="geometry">Angles and powers of the L paths.</param>
    public FieldResponseCovariance(PathGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Geometry = geometry;
        int l = geometry.PathCount;
        _u = new double[l]; _v = new double[l]; _p = geometry.Powers.ToArray();
        for (int i = 0; i < l; i++)
        {
            _u[i] = Math.Sin(geometry.ElevationsRad[i]) * Math.Cos(geometry.AzimuthsRad[i]);
            _v[i] = Math.Cos(geometry.ElevationsRad[i]);
        }
        double s = 0;
        foreach (double p in _p) s += p;
        DiagonalValue = s;
    }

    /// <summary>The path geometry (angles, powers).</summary>
    public PathGeometry Geometry { get; }

    /// <summary>Number of paths L.</summary>
    public int PathCount => _p.Length;

    /// <inheritdoc/>
    public int Dimensions => 2;

    /// <summary>R_mm = Σ_l p_l (1 with the spec's normalised powers).</summary>
    public double DiagonalValue { get; }

    /// <inheritdoc/>
    public void Covariance(ReadOnlySpan<double> positions, Span<Complex> covariance)
    {
        int m = SpatialCorrelationExtensions.CountAntennas(this, positions);
        if (covariance.Length != m * m) throw new ArgumentException($"covariance must have length M² = {m * m}; got {covariance.Length}", nameof(covariance));
        for (int a = 0; a < m; a++)
        {
            covariance[a * m + a] = DiagonalValue;
            for (int b = a + 1; b < m; b++)
            {
                double dx = positions[2 * a] - positions[2 * b], dy = positions[2 * a + 1] - positions[2 * b + 1];
                double re = 0, im = 0;
                for (int l = 0; l < _p.Length; l++)
                {
                    (double s, double c) = Math.SinCos(Kappa * (_u[l] * dx + _v[l] * dy));
                    re += _p[l] * c; im += _p[l] * s;
                }
                covariance[a * m + b] = new Complex(re, im);
                covariance[b * m + a] = new Complex(re, -im);
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
        if (m == n) { derivative.Clear(); return; }
        double dx = positions[2 * m] - positions[2 * n], dy = positions[2 * m + 1] - positions[2 * n + 1];
        double gxRe = 0, gxIm = 0, gyRe = 0, gyIm = 0;
        for (int l = 0; l < _p.Length; l++)
        {
            (double s, double c) = Math.SinCos(Kappa * (_u[l] * dx + _v[l] * dy));
            // p_l jκ u_l (c + j s) = p_l κ u_l (−s + j c)
            double wx = _p[l] * Kappa * _u[l], wy = _p[l] * Kappa * _v[l];
            gxRe -= wx * s; gxIm += wx * c;
            gyRe -= wy * s; gyIm += wy * c;
        }
        derivative[0] = new Complex(gxRe, gxIm);
        derivative[1] = new Complex(gyRe, gyIm);
    }

    /// <summary>
    /// Field-response vector <c>g(t) = [e^{jκρ_1(t)}, …, e^{jκρ_L(t)}]</c> at one position (docs/fa-plkg.md).
    /// </summary>
    /// <param name="xWavelengths">x in wavelengths.</param>
    /// <param name="yWavelengths">y in wavelengths.</param>
    /// <param name="response">Output, length L.</param>
    public void FieldResponse(double xWavelengths, double yWavelengths, Span<Complex> response)
    {
        if (response.Length != _p.Length) throw new ArgumentException($"response must have length L = {_p.Length}", nameof(response));
        for (int l = 0; l < _p.Length; l++)
        {
            (double s, double c) = Math.SinCos(Kappa * (_u[l] * xWavelengths + _v[l] * yWavelengths));
            response[l] = new Complex(c, s);
        }
    }

    /// <summary>Draws the path gains σ ~ CN(0, diag p) of one coherence block (L draws, in path order).</summary>
    /// <param name="rng">Seeded generator, advanced in place.</param>
    /// <param name="pathGains">Output, length L.</param>
    public void SamplePathGains(ref Xoshiro256StarStar rng, Span<Complex> pathGains)
    {
        if (pathGains.Length != _p.Length) throw new ArgumentException($"pathGains must have length L = {_p.Length}", nameof(pathGains));
        for (int l = 0; l < _p.Length; l++) pathGains[l] = rng.NextComplexGaussian(_p[l]);
    }

    /// <summary>
    /// The channel <c>h = G(t)ᵀ σ</c>, i.e. <c>h_m = Σ_l e^{jκρ_l(t_m)} σ_l</c> (docs/fa-plkg.md), for given path gains.
    /// With σ from <see cref="SamplePathGains"/>, <c>E[h hᴴ] = R</c>.
    /// </summary>
    /// <param name="positions">Flat positions (wavelengths), length 2M.</param>
    /// <param name="pathGains">σ, length L.</param>
    /// <param name="channel">Output h, length M.</param>
    public void Channel(ReadOnlySpan<double> positions, ReadOnlySpan<Complex> pathGains, Span<Complex> channel)
    {
        int m = SpatialCorrelationExtensions.CountAntennas(this, positions);
        if (pathGains.Length != _p.Length) throw new ArgumentException($"pathGains must have length L = {_p.Length}", nameof(pathGains));
        if (channel.Length != m) throw new ArgumentException($"channel must have length M = {m}", nameof(channel));
        for (int a = 0; a < m; a++)
        {
            Complex h = Complex.Zero;
            for (int l = 0; l < _p.Length; l++)
            {
                (double s, double c) = Math.SinCos(Kappa * (_u[l] * positions[2 * a] + _v[l] * positions[2 * a + 1]));
                h += new Complex(c, s) * pathGains[l];
            }
            channel[a] = h;
        }
    }
}
