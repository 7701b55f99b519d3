using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// A linear PDE with a closed-form solution, posed on the unit cube [0, 1]^d (times t ∈ [0, 1] for evolution problems):
/// D[u] = c_t ∂_t u − c_Δ Δ_x u = f in the interior, u = g = u* on the boundary (and at t = 0). Problems P1–P4 of the
/// ENGD-W reproduction (docs/engd.md; P3 and P4 are the authors' code's PDEs for arXiv 2505.12149, scaled down).
/// </summary>
/// <remarks>Points are laid out as (x_1, …, x_d[, t]). Boundary points pick one of the faces uniformly: the 2d faces x_k ∈ {0, 1}
/// (times a uniform t for evolution problems) and, for evolution problems, the initial slice t = 0. In one dimension without time
/// the boundary is the two end points, used alternately.</remarks>
public sealed class PdeProblem
{
    private PdeProblem(string name, int spatialDimension, bool hasTime, double timeCoefficient, double diffusionCoefficient, ScalarField exact, ScalarField source, string description)
    {
        Name = name;
        SpatialDimension = spatialDimension;
        HasTime = hasTime;
        TimeCoefficient = timeCoefficient;
        DiffusionCoefficient = diffusionCoefficient;
        Exact = exact;
        Source = source;
        Description = description;
    }

    /// <summary>Short name (P1…P4).</summary>
    public string Name { get; }

    /// <summary>d, the number of spatial coordinates.</summary>
    public int SpatialDimension { get; }

    /// <summary>True when the last coordinate is time t ∈ [0, 1].</summary>
    public bool HasTime { get; }

    /// <summary>Input dimension of the network: d, or d + 1 with time.</summary>
    public int InputDimension => SpatialDimension + (HasTime ? 1 : 0);

    /// <summary>c_t in D[u] = c_t ∂_t u − c_Δ Δ_x u.</summary>
    public double TimeCoefficient { get; }

    /// <summary>c_Δ in D[u] = c_t ∂_t u − c_Δ Δ_x u.</summary>
    public double DiffusionCoefficient { get; }

    /// <summary>The closed-form solution u*.</summary>
    public ScalarField Exact { get; }

    /// <summary>The right-hand side f = D[u*].</summary>
    public ScalarField Source { get; }

    /// <summary>The equation in words.</summary>
    public string Description { get; }

    /// <summary>P1: −u″ = π² sin(πx) on [0, 1], u(0) = u(1) = 0; u* = sin(πx) (smoke test, our choice).</summary>
    public static PdeProblem P1() => new("P1", 1, false, 0, 1,
        x => Math.Sin(Math.PI * x[0]),
        x => Math.PI * Math.PI * Math.Sin(Math.PI * x[0]),
        "−u″ = π² sin(πx) on [0,1], u(0) = u(1) = 0; u* = sin(πx)");

    /// <summary>P2: −Δu = 2π² sin(πx) sin(πy) on [0, 1]², zero Dirichlet data; u* = sin(πx) sin(πy) (the classic ENGD test case).</summary>
    public static PdeProblem P2() => new("P2", 2, false, 0, 1,
        x => Math.Sin(Math.PI * x[0]) * Math.Sin(Math.PI * x[1]),
        x => 2 * Math.PI * Math.PI * Math.Sin(Math.PI * x[0]) * Math.Sin(Math.PI * x[1]),
        "−Δu = 2π² sin(πx)sin(πy) on [0,1]², u = 0 on the boundary; u* = sin(πx)sin(πy)");

    /// <summary>P3: −Δu = π² Σᵢ cos(πxᵢ) on [0, 1]^d, u = u* on the boundary; u* = Σᵢ cos(πxᵢ) (authors' code's <c>cos_sum</c>, d = 5 there).</summary>
    /// <param name="dimension">d ≥ 1 (5 in the paper-like set-up).</param>
    public static PdeProblem P3(int dimension = 5)
    {
        Guard.AtLeast(dimension, 1, nameof(dimension));
        return new PdeProblem("P3", dimension, false, 0, 1,
            x => { double s = 0; for (int i = 0; i < dimension; i++) s += Math.Cos(Math.PI * x[i]); return s; },
            x => { double s = 0; for (int i = 0; i < dimension; i++) s += Math.Cos(Math.PI * x[i]); return Math.PI * Math.PI * s; },
            $"−Δu = π² Σ cos(πxᵢ) on [0,1]^{dimension}, u = u* on the boundary; u* = Σ cos(πxᵢ)");
    }

    /// <summary>P4: heat equation ∂_t u = ¼Δu on [0, 1]² × (0, 1]; u* = e^(−t)(sin 2x₁ + sin 2x₂) (authors' code's <c>sin_sum</c>, d = 2 here).</summary>
    public static PdeProblem P4() => new("P4", 2, true, 1, 0.25,
        x => Math.Exp(-x[2]) * (Math.Sin(2 * x[0]) + Math.Sin(2 * x[1])),
        _ => 0,
        "∂_t u = ¼Δu on [0,1]² × (0,1], u = u* on the spatial boundary and at t = 0; u* = e^(−t)(sin 2x₁ + sin 2x₂)");

    /// <summary>The problem called <paramref name="name"/> (P1, P2, P3 with d = 5, P4).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static PdeProblem ByName(string name) => name switch
    {
        "P1" => P1(),
        "P2" => P2(),
        "P3" => P3(),
        "P4" => P4(),
        _ => throw new ArgumentException($"unknown problem '{name}'; known: P1, P2, P3, P4", nameof(name)),
    };

    /// <summary>Draws <paramref name="count"/> interior points uniformly (row-major, count × <see cref="InputDimension"/>).</summary>
    public void SampleInterior(ref Xoshiro256StarStar rng, int count, Span<double> points)
    {
        int m = InputDimension;
        for (int i = 0; i < count * m; i++) points[i] = rng.NextDouble();
    }

    /// <summary>Draws <paramref name="count"/> boundary points (row-major, count × <see cref="InputDimension"/>; see the remarks).</summary>
    public void SampleBoundary(ref Xoshiro256StarStar rng, int count, Span<double> points)
    {
        int m = InputDimension, d = SpatialDimension;
        for (int i = 0; i < count; i++)
        {
            var x = points.Slice(i * m, m);
            if (d == 1 && !HasTime)
            {
                x[0] = i % 2;
                continue;
            }
            for (int k = 0; k < m; k++) x[k] = rng.NextDouble();
            int faces = 2 * d + (HasTime ? 1 : 0);
            int f = rng.NextInt(faces);
            if (f < 2 * d) x[f / 2] = f % 2;
            else x[d] = 0;                         // initial slice t = 0
        }
    }
}
