using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Synthetic nonconvex–strongly-convex bilevel problem B1 of docs/optim-hierarchical.md ([proposal], in the style of
/// benchopt's quadratic bilevel problem) with an exact hypergradient:
/// lower g(x, y) = ½yᵀHy − xᵀCy with H ≻ 0, cond(H) = κ_H; upper f(x, y) = h(x) + ½‖y − y_tgt‖², h(x) = Σ log(1 + x_i²).
/// y*(x) = H⁻¹Cᵀx, ∇Φ(x) = ∇h(x) + C H⁻¹(y*(x) − y_tgt); ∇²_yy g = H, ∇²_xy g = −C.
/// </summary>
/// <remarks>H = Q diag(linspace(1, κ_H, p)) Qᵀ with Q Haar-like (QR of a Gaussian matrix), C entries N(0, 1/p), y_tgt ~ N(0, I)
/// (our choices). Every oracle output gets independent N(0, σ²/dim) noise entries. Instances keep scratch buffers and are
/// not thread-safe: use one per worker.</remarks>
public sealed class QuadraticBilevel : IBilevelOracle, IBilevelReference
{
    private readonly double[] _h;    // p×p
    private readonly double[] _hinv; // p×p
    private readonly double[] _c;    // d×p
    private readonly double[] _target;
    private readonly double[] _tmp;
    private readonly double[] _tmp2;
    private readonly double[] _cacheX;
    private readonly double[] _cacheY;
    private bool _cacheValid;

    /// <summary>Creates the problem.</summary>
    /// <param name="dimensionX">d ≥ 1 (spec: 10).</param>
    /// <param name="dimensionY">p ≥ 1 (spec: 20).</param>
    /// <param name="conditionNumber">cond(H) ≥ 1 (spec: 10).</param>
    /// <param name="noiseStd">Oracle noise level σ ≥ 0.</param>
    /// <param name="seed">Seed of H, C and y_tgt.</param>
    public QuadraticBilevel(int dimensionX, int dimensionY, double conditionNumber, double noiseStd, ulong seed)
    {
        DimensionX = Guard.AtLeast(dimensionX, 1, nameof(dimensionX));
        DimensionY = Guard.AtLeast(dimensionY, 1, nameof(dimensionY));
        Guard.InRange(conditionNumber, 1, 1e12, nameof(conditionNumber));
        NoiseStd = Guard.NonNegative(noiseStd, nameof(noiseStd));
        int d = dimensionX, p = dimensionY;
        var rng = new Xoshiro256StarStar(seed);
        var g = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) g[i, j] = rng.NextGaussian();
        var q = g.QR().Q;
        var lam = Vector<double>.Build.Dense(p, i => p == 1 ? 1 : 1 + (conditionNumber - 1) * i / (p - 1.0));
        var h = q * Matrix<double>.Build.DiagonalOfDiagonalVector(lam) * q.Transpose();
        h = 0.5 * (h + h.Transpose());
        var hinv = q * Matrix<double>.Build.DiagonalOfDiagonalVector(lam.Map(v => 1 / v)) * q.Transpose();
        _h = h.ToRowMajorArray();
        _hinv = hinv.ToRowMajorArray();
        _c = new double[d * p];
        for (int i = 0; i < _c.Length; i++) _c[i] = rng.NextGaussian() / Math.Sqrt(p);
        _target = new double[p];
        for (int i = 0; i < p; i++) _target[i] = rng.NextGaussian();
        _tmp = new double[p];
        _tmp2 = new double[p];
        _cacheX = new double[d];
        _cacheY = new double[p];
        var cm = Matrix<double>.Build.Dense(d, p, (i, k) => _c[i * p + k]);
        InnerSolutionLipschitz = (hinv * cm.Transpose()).L2Norm();
    }

    /// <summary>Lipschitz constant ‖∂y*/∂x‖₂ = ‖H⁻¹Cᵀ‖₂ of the inner solution map (the κ of the tracking claim, docs/optim-hierarchical.md claim 6).</summary>
    public double InnerSolutionLipschitz { get; }

    /// <inheritdoc/>
    public int DimensionX { get; }

    /// <inheritdoc/>
    public int DimensionY { get; }

    /// <summary>Oracle noise level σ.</summary>
    public double NoiseStd { get; }

    /// <inheritdoc/>
    public void SampleUpper(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY)
    {
        for (int i = 0; i < DimensionX; i++) gradientX[i] = 2 * x[i] / (1 + x[i] * x[i]);
        for (int k = 0; k < DimensionY; k++) gradientY[k] = y[k] - _target[k];
        AddNoise(gradientX, ref rng);
        AddNoise(gradientY, ref rng);
    }

    /// <inheritdoc/>
    public void SampleLowerGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientY)
    {
        // ∇_y g = Hy − Cᵀx
        MulH(_h, y, gradientY);
        int p = DimensionY;
        for (int i = 0; i < DimensionX; i++)
        {
            var row = _c.AsSpan(i * p, p);
            for (int k = 0; k < p; k++) gradientY[k] -= row[k] * x[i];
        }
        AddNoise(gradientY, ref rng);
    }

    /// <inheritdoc/>
    public void SampleLowerHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result)
    {
        MulH(_h, v, result);
        AddNoise(result, ref rng);
    }

    /// <inheritdoc/>
    public void SampleLowerCrossVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result)
    {
        int p = DimensionY;
        for (int i = 0; i < DimensionX; i++) result[i] = -VectorOps.Dot(_c.AsSpan(i * p, p), v);
        AddNoise(result, ref rng);
    }

    /// <summary>Φ(x) = h(x) + ½‖y*(x) − y_tgt‖².</summary>
    public double OuterValue(ReadOnlySpan<double> x)
    {
        double v = 0;
        for (int i = 0; i < DimensionX; i++) v += Math.Log(1 + x[i] * x[i]);
        InnerSolution(x, _tmp2);
        for (int k = 0; k < DimensionY; k++) v += 0.5 * (_tmp2[k] - _target[k]) * (_tmp2[k] - _target[k]);
        return v;
    }

    /// <inheritdoc/>
    public void InnerSolution(ReadOnlySpan<double> x, Span<double> y)
    {
        // The measurement code asks for y*(x) up to three times per iterate (∇Φ, y*, z*): keep the last one.
        if (!_cacheValid || !x.SequenceEqual(_cacheX))
        {
            int p = DimensionY;
            Array.Clear(_tmp);
            for (int i = 0; i < DimensionX; i++)
            {
                var row = _c.AsSpan(i * p, p);
                for (int k = 0; k < p; k++) _tmp[k] += row[k] * x[i];
            }
            MulH(_hinv, _tmp, _cacheY);
            x.CopyTo(_cacheX);
            _cacheValid = true;
        }
        _cacheY.CopyTo(y);
    }

    /// <inheritdoc/>
    public void OuterGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int p = DimensionY;
        InnerSolution(x, _tmp2);
        for (int k = 0; k < p; k++) _tmp2[k] -= _target[k];
        MulH(_hinv, _tmp2, _tmp);
        for (int i = 0; i < DimensionX; i++) gradient[i] = 2 * x[i] / (1 + x[i] * x[i]) + VectorOps.Dot(_c.AsSpan(i * p, p), _tmp);
    }

    /// <summary>z*(x) = H⁻¹∇_y f(x, y*(x)) = H⁻¹(y*(x) − y_tgt).</summary>
    public void LinearSystemSolution(ReadOnlySpan<double> x, Span<double> z)
    {
        InnerSolution(x, _tmp2);
        for (int k = 0; k < DimensionY; k++) _tmp2[k] -= _target[k];
        MulH(_hinv, _tmp2, z);
    }

    private void MulH(double[] m, ReadOnlySpan<double> v, Span<double> result)
    {
        int p = DimensionY;
        for (int k = 0; k < p; k++) result[k] = VectorOps.Dot(m.AsSpan(k * p, p), v);
    }

    private void AddNoise(Span<double> v, ref Xoshiro256StarStar rng)
    {
        if (NoiseStd == 0) return;
        double s = NoiseStd / Math.Sqrt(v.Length);
        for (int i = 0; i < v.Length; i++) v[i] += s * rng.NextGaussian();
    }
}
