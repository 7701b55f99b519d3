using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// One-hidden-layer tanh network u(x) = c₀ + Σⱼ cⱼ s(zⱼ), zⱼ = wⱼᵀx + bⱼ, s = tanh, with closed-form derivatives of the linear
/// operator D[u] = c_t ∂_t u − c_Δ Δ_x u with respect to the input and the parameters (the managed Jacobian path of the
/// ENGD-W reproduction, docs/engd.md; derivation ours [D]).
/// </summary>
/// <remarks>
/// <para>Parameter layout θ = [W (H × m, row-major) | b (H) | c (H) | c₀], P = H(m + 2) + 1. Inputs are (x_1…x_d[, t]).</para>
/// <para>With s′ = 1 − s², s″ = −2ss′, s‴ = s′(6s² − 2) and nⱼ = Σ_(k spatial) wⱼₖ²:
/// Δ_x u = Σⱼ cⱼ nⱼ s″ⱼ, ∂_t u = Σⱼ cⱼ wⱼₜ s′ⱼ, so with Aⱼ = c_t wⱼₜ s″ⱼ − c_Δ nⱼ s‴ⱼ:
/// ∂D/∂cⱼ = c_t wⱼₜ s′ⱼ − c_Δ nⱼ s″ⱼ, ∂D/∂bⱼ = cⱼAⱼ, ∂D/∂wⱼₖ = cⱼ(xₖAⱼ + c_t[k = t] s′ⱼ − 2c_Δ[k spatial] wⱼₖ s″ⱼ), ∂D/∂c₀ = 0;
/// ∂u/∂c₀ = 1, ∂u/∂cⱼ = sⱼ, ∂u/∂bⱼ = cⱼs′ⱼ, ∂u/∂wⱼₖ = cⱼs′ⱼxₖ.</para>
/// <para>Cost per row ≈ H(4m + 12) flops plus H tanh evaluations.</para>
/// </remarks>
public sealed class ShallowTanhNetwork
{
    /// <summary>Creates the network shape.</summary>
    /// <param name="spatialDimension">d ≥ 1.</param>
    /// <param name="hasTime">Whether a time coordinate follows the spatial ones.</param>
    /// <param name="width">H ≥ 1 hidden units.</param>
    public ShallowTanhNetwork(int spatialDimension, bool hasTime, int width)
    {
        SpatialDimension = Guard.AtLeast(spatialDimension, 1, nameof(spatialDimension));
        HasTime = hasTime;
        Width = Guard.AtLeast(width, 1, nameof(width));
    }

    /// <summary>d.</summary>
    public int SpatialDimension { get; }

    /// <summary>Whether the last input is time.</summary>
    public bool HasTime { get; }

    /// <summary>H.</summary>
    public int Width { get; }

    /// <summary>m = d (+ 1 with time).</summary>
    public int InputDimension => SpatialDimension + (HasTime ? 1 : 0);

    /// <summary>P = H(m + 2) + 1.</summary>
    public int ParameterCount => Width * (InputDimension + 2) + 1;

    /// <summary>Flops of one residual row with its gradient (our count, for cost accounting).</summary>
    public double RowGradientFlops => Width * (6.0 * InputDimension + 20);

    /// <summary>Flops of one residual row without its gradient (our count).</summary>
    public double RowValueFlops => Width * (2.0 * InputDimension + 12);

    /// <summary>PyTorch's default nn.Linear initialisation: W, b ~ U(±1/√m), c, c₀ ~ U(±1/√H).</summary>
    public void Initialize(ref Xoshiro256StarStar rng, Span<double> theta)
    {
        int m = InputDimension, h = Width;
        double a = 1 / Math.Sqrt(m), o = 1 / Math.Sqrt(h);
        for (int i = 0; i < h * m + h; i++) theta[i] = rng.NextDouble(-a, a);
        for (int i = h * m + h; i < ParameterCount; i++) theta[i] = rng.NextDouble(-o, o);
    }

    /// <summary>u_θ(x).</summary>
    public double Value(ReadOnlySpan<double> theta, ReadOnlySpan<double> x)
    {
        int m = InputDimension, h = Width;
        double u = theta[h * (m + 2)];
        for (int j = 0; j < h; j++)
        {
            double z = theta[h * m + j];
            for (int k = 0; k < m; k++) z += theta[j * m + k] * x[k];
            u += theta[h * (m + 1) + j] * Math.Tanh(z);
        }
        return u;
    }

    /// <summary>u_θ(x) and, when <paramref name="gradient"/> is not empty, ∂u/∂θ (length P).</summary>
    public double ValueAndGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, Span<double> gradient)
    {
        int m = InputDimension, h = Width;
        bool g = !gradient.IsEmpty;
        double u = theta[h * (m + 2)];
        if (g) gradient[h * (m + 2)] = 1;
        for (int j = 0; j < h; j++)
        {
            double z = theta[h * m + j];
            for (int k = 0; k < m; k++) z += theta[j * m + k] * x[k];
            double s = Math.Tanh(z), c = theta[h * (m + 1) + j];
            u += c * s;
            if (!g) continue;
            double cs1 = c * (1 - s * s);
            gradient[h * (m + 1) + j] = s;
            gradient[h * m + j] = cs1;
            for (int k = 0; k < m; k++) gradient[j * m + k] = cs1 * x[k];
        }
        return u;
    }

    /// <summary>
    /// D[u_θ](x) = c_t ∂_t u − c_Δ Δ_x u and, when <paramref name="gradient"/> is not empty, ∂D[u_θ](x)/∂θ (closed forms in the remarks).
    /// </summary>
    /// <param name="theta">θ.</param>
    /// <param name="x">Point (length m).</param>
    /// <param name="timeCoefficient">c_t (must be 0 without a time input).</param>
    /// <param name="diffusionCoefficient">c_Δ.</param>
    /// <param name="gradient">Length P, or empty.</param>
    public double Operator(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, double timeCoefficient, double diffusionCoefficient, Span<double> gradient)
    {
        int m = InputDimension, h = Width, d = SpatialDimension;
        bool g = !gradient.IsEmpty;
        double ct = HasTime ? timeCoefficient : 0, cd = diffusionCoefficient;
        double value = 0;
        if (g) gradient[h * (m + 2)] = 0;
        for (int j = 0; j < h; j++)
        {
            var w = theta.Slice(j * m, m);
            double z = theta[h * m + j], nj = 0;
            for (int k = 0; k < m; k++) z += w[k] * x[k];
            for (int k = 0; k < d; k++) nj += w[k] * w[k];
            double wt = HasTime ? w[d] : 0;
            double s = Math.Tanh(z), s1 = 1 - s * s, s2 = -2 * s * s1, s3 = s1 * (6 * s * s - 2);
            double c = theta[h * (m + 1) + j];
            double dc = ct * wt * s1 - cd * nj * s2;        // ∂D/∂cⱼ
            value += c * dc;
            if (!g) continue;
            double aj = ct * wt * s2 - cd * nj * s3;
            gradient[h * (m + 1) + j] = dc;
            gradient[h * m + j] = c * aj;
            for (int k = 0; k < d; k++) gradient[j * m + k] = c * (x[k] * aj - 2 * cd * w[k] * s2);
            if (HasTime) gradient[j * m + d] = c * (x[d] * aj + ct * s1);
        }
        return value;
    }
}
