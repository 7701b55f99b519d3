using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Synthetic nonconvex–strongly-concave minimax problem M1 of docs/optim-hierarchical.md ([proposal]) with an exact
/// outer gradient: f(x, y) = h(x) + yᵀBx − (μ/2)‖y‖², h(x) = Σ_i log(1 + x_i²), B ∈ ℝ^{p×d} with entries N(0, 1/d).
/// y*(x) = Bx/μ, Φ(x) = h(x) + ‖Bx‖²/(2μ), ∇Φ(x) = 2x/(1 + x²) (elementwise) + BᵀBx/μ; κ = ℓ/μ.
/// </summary>
/// <remarks>Oracle noise: each output gets independent N(0, σ²/dim) entries, so its noise has E‖·‖² = σ² (docs/optim-hierarchical.md).
/// Instances keep a scratch buffer and are not thread-safe: use one per worker.</remarks>
public sealed class CoupledQuadraticMinimax : IMinimaxOracle, IHierarchicalReference
{
    private readonly double[] _b; // p×d row-major
    private readonly double[] _bx;

    /// <summary>Creates the problem.</summary>
    /// <param name="dimensionX">d ≥ 1 (spec: 20).</param>
    /// <param name="dimensionY">p ≥ 1 (spec: 10).</param>
    /// <param name="mu">Strong-concavity modulus μ &gt; 0 (spec: 1).</param>
    /// <param name="noiseStd">Oracle noise level σ ≥ 0.</param>
    /// <param name="seed">Seed of the coupling matrix B.</param>
    public CoupledQuadraticMinimax(int dimensionX, int dimensionY, double mu, double noiseStd, ulong seed)
    {
        DimensionX = Guard.AtLeast(dimensionX, 1, nameof(dimensionX));
        DimensionY = Guard.AtLeast(dimensionY, 1, nameof(dimensionY));
        Mu = Guard.Positive(mu, nameof(mu));
        NoiseStd = Guard.NonNegative(noiseStd, nameof(noiseStd));
        var rng = new Xoshiro256StarStar(seed);
        _b = new double[dimensionY * dimensionX];
        double s = 1 / Math.Sqrt(dimensionX);
        for (int i = 0; i < _b.Length; i++) _b[i] = s * rng.NextGaussian();
        _bx = new double[dimensionY];
        InnerSolutionLipschitz = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(dimensionY, dimensionX, (k, i) => _b[k * dimensionX + i]).L2Norm() / mu;
    }

    /// <summary>Lipschitz constant ‖∂y*/∂x‖₂ = ‖B‖₂/μ of the inner solution map (the κ of the tracking claim, docs/optim-hierarchical.md claim 6).</summary>
    public double InnerSolutionLipschitz { get; }

    /// <inheritdoc/>
    public int DimensionX { get; }

    /// <inheritdoc/>
    public int DimensionY { get; }

    /// <summary>Strong-concavity modulus μ.</summary>
    public double Mu { get; }

    /// <summary>Oracle noise level σ (E‖noise‖² = σ² per output).</summary>
    public double NoiseStd { get; }

    /// <summary>The coupling matrix B (p×d, row-major).</summary>
    public ReadOnlySpan<double> Coupling => _b;

    /// <inheritdoc/>
    public void Sample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY)
    {
        int d = DimensionX, p = DimensionY;
        for (int i = 0; i < d; i++) gradientX[i] = 2 * x[i] / (1 + x[i] * x[i]);
        for (int k = 0; k < p; k++)
        {
            double bx = 0;
            var row = _b.AsSpan(k * d, d);
            for (int i = 0; i < d; i++) { bx += row[i] * x[i]; gradientX[i] += row[i] * y[k]; }
            gradientY[k] = bx - Mu * y[k];
        }
        if (NoiseStd > 0)
        {
            double sx = NoiseStd / Math.Sqrt(d), sy = NoiseStd / Math.Sqrt(p);
            for (int i = 0; i < d; i++) gradientX[i] += sx * rng.NextGaussian();
            for (int k = 0; k < p; k++) gradientY[k] += sy * rng.NextGaussian();
        }
    }

    /// <summary>Φ(x) = h(x) + ‖Bx‖²/(2μ).</summary>
    public double OuterValue(ReadOnlySpan<double> x)
    {
        double v = 0;
        for (int i = 0; i < DimensionX; i++) v += Math.Log(1 + x[i] * x[i]);
        InnerSolution(x, _bx);
        for (int k = 0; k < DimensionY; k++) v += 0.5 * Mu * _bx[k] * _bx[k];
        return v;
    }

    /// <inheritdoc/>
    public void OuterGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = DimensionX, p = DimensionY;
        for (int i = 0; i < d; i++) gradient[i] = 2 * x[i] / (1 + x[i] * x[i]);
        for (int k = 0; k < p; k++)
        {
            var row = _b.AsSpan(k * d, d);
            double bx = VectorOps.Dot(row, x) / Mu;
            for (int i = 0; i < d; i++) gradient[i] += row[i] * bx;
        }
    }

    /// <inheritdoc/>
    public void InnerSolution(ReadOnlySpan<double> x, Span<double> y)
    {
        int d = DimensionX;
        for (int k = 0; k < DimensionY; k++) y[k] = VectorOps.Dot(_b.AsSpan(k * d, d), x) / Mu;
    }
}
