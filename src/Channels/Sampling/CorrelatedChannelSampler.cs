using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Sampling;

/// <summary>
/// Draws <c>h ~ CN(0, R)</c> for a Hermitian PSD covariance R that may be singular (rank R ≤ min(M, L) in the "harsh"
/// field-response case): <c>h = U Λ₊^{1/2} w</c>, w ~ CN(0, I_M), from the Hermitian eigendecomposition
/// <c>R = U Λ Uᴴ</c> (MathNet <c>Evd(Symmetricity.Hermitian)</c>) with negative round-off eigenvalues clipped to 0
/// (docs/fa-plkg.md, §7 "sample with h = UΛ^{1/2}w").
/// </summary>
/// <remarks>The factor is computed once in the constructor; <see cref="Sample"/> is allocation-free and thread-safe
/// (the instance is immutable; the RNG is the caller's).</remarks>
public sealed class CorrelatedChannelSampler
{
    private readonly Complex[] _factor; // M×M row-major, F = U Λ₊^{1/2}
    private readonly double[] _eigenvalues;

    /// <summary>Factorises R.</summary>
    /// <param name="dimension">M ≥ 1.</param>
    /// <param name="covariance">R, M×M row-major, Hermitian PSD.</param>
    /// <param name="relativeTolerance">Allowed relative asymmetry ‖R − Rᴴ‖_max and negative-eigenvalue size relative to
    /// max(1, λ_max) (default 1e-9); larger violations throw.</param>
    /// <exception cref="ArgumentException">Wrong length, non-finite entries, not Hermitian, or not PSD within tolerance.</exception>
    public CorrelatedChannelSampler(int dimension, ReadOnlySpan<Complex> covariance, double relativeTolerance = 1e-9)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "M must be ≥ 1");
        if (covariance.Length != dimension * dimension) throw new ArgumentException($"covariance must have length M² = {dimension * dimension}; got {covariance.Length}", nameof(covariance));
        if (!double.IsFinite(relativeTolerance) || relativeTolerance < 0) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "must be a finite number ≥ 0");
        double scale = 0;
        for (int i = 0; i < covariance.Length; i++)
        {
            if (!double.IsFinite(covariance[i].Real) || !double.IsFinite(covariance[i].Imaginary))
                throw new ArgumentException($"covariance[{i}] is not finite", nameof(covariance));
            scale = Math.Max(scale, covariance[i].Magnitude);
        }
        double tol = relativeTolerance * Math.Max(1, scale);
        var r = Matrix<Complex>.Build.Dense(dimension, dimension);
        for (int a = 0; a < dimension; a++)
            for (int b = 0; b < dimension; b++)
            {
                Complex x = covariance[a * dimension + b], y = Complex.Conjugate(covariance[b * dimension + a]);
                if ((x - y).Magnitude > tol) throw new ArgumentException($"covariance is not Hermitian at ({a}, {b})", nameof(covariance));
                r[a, b] = 0.5 * (x + y);
            }
        var evd = r.Evd(Symmetricity.Hermitian);
        Dimension = dimension;
        _eigenvalues = new double[dimension];
        _factor = new Complex[dimension * dimension];
        for (int k = 0; k < dimension; k++)
        {
            double lambda = evd.EigenValues[k].Real;
            if (lambda < -tol) throw new ArgumentException($"covariance is not positive semi-definite (eigenvalue {lambda:G6})", nameof(covariance));
            lambda = Math.Max(lambda, 0);
            _eigenvalues[k] = lambda;
            double s = Math.Sqrt(lambda);
            for (int a = 0; a < dimension; a++) _factor[a * dimension + k] = evd.EigenVectors[a, k] * s;
        }
    }

    /// <summary>M, the channel dimension.</summary>
    public int Dimension { get; }

    /// <summary>Eigenvalues of R (clipped at 0), in MathNet's order (ascending).</summary>
    public ReadOnlySpan<double> Eigenvalues => _eigenvalues;

    /// <summary>Number of eigenvalues above <paramref name="relativeThreshold"/>·λ_max.</summary>
    /// <param name="relativeThreshold">Default 1e-10.</param>
    public int Rank(double relativeThreshold = 1e-10)
    {
        double max = 0;
        foreach (double l in _eigenvalues) max = Math.Max(max, l);
        int r = 0;
        foreach (double l in _eigenvalues) if (l > relativeThreshold * max) r++;
        return r;
    }

    /// <summary>Draws one <c>h ~ CN(0, R)</c>: M standard complex-normal draws w_0..w_{M−1} in order, then h = F w.</summary>
    /// <param name="rng">Seeded generator, advanced in place.</param>
    /// <param name="channel">Output h, length M.</param>
    public void Sample(ref Xoshiro256StarStar rng, Span<Complex> channel)
    {
        int m = Dimension;
        if (channel.Length != m) throw new ArgumentException($"channel must have length M = {m}; got {channel.Length}", nameof(channel));
        channel.Clear();
        for (int k = 0; k < m; k++)
        {
            Complex w = rng.NextComplexGaussian();
            for (int a = 0; a < m; a++) channel[a] += _factor[a * m + k] * w;
        }
    }
}
