using System.Numerics;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Toolkit-shaped problem E4 of docs/optim-reduction.md ([proposal]): a linear movable-antenna receive array with
/// M ports at positions p ∈ ℝ^M (wavelengths) and a linear combiner w ∈ ℂ^M, minimising the mean squared error of the
/// estimate wᴴy of a unit-power symbol s from y = h(p)s + n, n ~ CN(0, σ²I):
/// f(p, w) = E|s − wᴴy|² = 1 − 2Re(wᴴh) + |wᴴh|² + σ²‖w‖²,
/// with the far-field L-path channel h_m(p) = Σ_l g_l exp(j2π p_m u_l), u_l = sin θ_l.
/// x1 = p, x2 = (Re w, Im w) ∈ ℝ^{2M}. The argmin reduction is the regularised least-squares (MMSE) combiner
/// Ψ(p) = w*(p) = (hhᴴ + σ²I)⁻¹h = h/(σ² + ‖h‖²), giving F(p) = σ²/(σ² + ‖h(p)‖²), so minimising F maximises the received
/// power ‖h(p)‖² (derived).
/// </summary>
/// <remarks>
/// [proposal]: path gains g_l ~ CN(0, 1/L), angles θ_l ~ U(−π/2, π/2) from the seed; no minimum-spacing or aperture constraint
/// (a local study around one stationary point; F is separable across ports, each port climbing its own |h_m(p_m)|²).
/// Derived gradients: with z = wᴴh and h′_m = Σ_l j2πu_l g_l e^{j2πp_m u_l}, ∂f/∂p_m = 2Re((z̄ − 1) w̄_m h′_m) and
/// ∂f/∂Re w + j∂f/∂Im w = 2[(z̄ − 1)h + σ²w]; ∂w*_k/∂p_m = δ_km h′_k/(σ² + P) − h_k·2Re(h̄_m h′_m)/(σ² + P)², P = ‖h‖².
/// Instances keep scratch buffers and are not thread-safe.
/// </remarks>
public sealed class MovableAntennaCombiner : ISplitObjective, IReduction
{
    private readonly Complex[] _gain;
    private readonly double[] _spatialFrequency;
    private readonly Complex[] _h, _dh;

    /// <summary>Creates the problem.</summary>
    /// <param name="antennas">M ≥ 1 movable ports (spec: 4).</param>
    /// <param name="paths">L ≥ 1 far-field paths (spec: 3).</param>
    /// <param name="noiseVariance">σ² &gt; 0 relative to the unit symbol power (0.1 = 10 dB per-path-power SNR; our choice).</param>
    /// <param name="seed">Seed of the path gains and angles.</param>
    public MovableAntennaCombiner(int antennas, int paths, double noiseVariance, ulong seed)
    {
        Guard.AtLeast(antennas, 1, nameof(antennas));
        Guard.AtLeast(paths, 1, nameof(paths));
        Guard.InRange(noiseVariance, 1e-12, 1e6, nameof(noiseVariance));
        N1 = antennas;
        NoiseVariance = noiseVariance;
        var rng = new Xoshiro256StarStar(seed);
        _gain = new Complex[paths];
        _spatialFrequency = new double[paths];
        for (int l = 0; l < paths; l++)
        {
            _gain[l] = rng.NextComplexGaussian(1.0 / paths);
            _spatialFrequency[l] = Math.Sin(rng.NextDouble(-Math.PI / 2, Math.PI / 2));
        }
        _h = new Complex[antennas];
        _dh = new Complex[antennas];
    }

    /// <summary>M, the number of ports (dimension of p).</summary>
    public int N1 { get; }

    /// <summary>2M (real and imaginary parts of w, in that order).</summary>
    public int N2 => 2 * N1;

    /// <summary>σ², noise variance relative to the symbol power.</summary>
    public double NoiseVariance { get; }

    /// <summary>Path gains g_l.</summary>
    public IReadOnlyList<Complex> PathGains => _gain;

    /// <summary>Spatial frequencies u_l = sin θ_l.</summary>
    public IReadOnlyList<double> SpatialFrequencies => _spatialFrequency;

    /// <inheritdoc/>
    public bool IsArgmin => true;

    /// <inheritdoc/>
    public bool HasJacobian => true;

    /// <summary>Writes h(p) (length M).</summary>
    /// <param name="positions">p in wavelengths (length M).</param>
    /// <param name="channel">Destination (length M).</param>
    public void Channel(ReadOnlySpan<double> positions, Span<Complex> channel)
    {
        for (int m = 0; m < N1; m++)
        {
            Complex s = Complex.Zero;
            for (int l = 0; l < _gain.Length; l++) s += _gain[l] * Complex.FromPolarCoordinates(1, 2 * Math.PI * positions[m] * _spatialFrequency[l]);
            channel[m] = s;
        }
    }

    /// <summary>f(p, w) = 1 − 2Re(wᴴh) + |wᴴh|² + σ²‖w‖².</summary>
    public double Evaluate(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        Channel(x1, _h);
        int mm = N1;
        Complex z = Complex.Zero;
        double ww = 0;
        for (int m = 0; m < mm; m++)
        {
            var w = new Complex(x2[m], x2[mm + m]);
            z += Complex.Conjugate(w) * _h[m];
            ww += w.Real * w.Real + w.Imaginary * w.Imaginary;
        }
        return 1 - 2 * z.Real + z.Real * z.Real + z.Imaginary * z.Imaginary + NoiseVariance * ww;
    }

    /// <summary>∇_p f and ∇_{(Re w, Im w)} f (see remarks).</summary>
    public void Gradient(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, Span<double> gradient1, Span<double> gradient2)
    {
        ChannelAndDerivative(x1);
        int mm = N1;
        Complex z = Complex.Zero;
        for (int m = 0; m < mm; m++) z += new Complex(x2[m], -x2[mm + m]) * _h[m];
        var zc1 = Complex.Conjugate(z) - 1;
        for (int m = 0; m < mm; m++)
        {
            var wc = new Complex(x2[m], -x2[mm + m]);
            gradient1[m] = 2 * (zc1 * wc * _dh[m]).Real;
            var e = zc1 * _h[m] + NoiseVariance * new Complex(x2[m], x2[mm + m]);
            gradient2[m] = 2 * e.Real;
            gradient2[mm + m] = 2 * e.Imaginary;
        }
    }

    /// <summary>Ψ(p) = h/(σ² + ‖h‖²) as (Re, Im).</summary>
    public void Psi(ReadOnlySpan<double> x1, Span<double> x2)
    {
        Channel(x1, _h);
        double d = NoiseVariance;
        foreach (var hm in _h) d += hm.Real * hm.Real + hm.Imaginary * hm.Imaginary;
        int mm = N1;
        for (int m = 0; m < mm; m++) { x2[m] = _h[m].Real / d; x2[mm + m] = _h[m].Imaginary / d; }
    }

    /// <summary>DΨ(p) (2M×M row-major; rows Re w then Im w).</summary>
    public void Jacobian(ReadOnlySpan<double> x1, Span<double> jacobian)
    {
        ChannelAndDerivative(x1);
        int mm = N1;
        double d = NoiseVariance;
        foreach (var hm in _h) d += hm.Real * hm.Real + hm.Imaginary * hm.Imaginary;
        for (int m = 0; m < mm; m++)
        {
            double dP = 2 * (Complex.Conjugate(_h[m]) * _dh[m]).Real;
            for (int k = 0; k < mm; k++)
            {
                var v = -_h[k] * (dP / (d * d));
                if (k == m) v += _dh[k] / d;
                jacobian[k * mm + m] = v.Real;
                jacobian[(mm + k) * mm + m] = v.Imaginary;
            }
        }
    }

    private void ChannelAndDerivative(ReadOnlySpan<double> p)
    {
        for (int m = 0; m < N1; m++)
        {
            Complex s = Complex.Zero, ds = Complex.Zero;
            for (int l = 0; l < _gain.Length; l++)
            {
                double k = 2 * Math.PI * _spatialFrequency[l];
                var e = _gain[l] * Complex.FromPolarCoordinates(1, k * p[m]);
                s += e;
                ds += new Complex(0, k) * e;
            }
            _h[m] = s; _dh[m] = ds;
        }
    }
}
