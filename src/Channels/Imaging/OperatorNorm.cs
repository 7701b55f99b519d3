using PhyToolkit.Core.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging;

/// <summary>Estimates <c>L = ‖A‖² = λ_max(AᵀA)</c> of a linear operator by power iteration (docs/inverse-imaging.md).</summary>
public static class OperatorNorm
{
    /// <summary>
    /// Power iteration <c>u ← AᵀA u / ‖AᵀA u‖</c> from a seeded Gaussian start; returns the Rayleigh quotient
    /// <c>‖A u‖²</c> of the last unit vector, a lower bound on L that converges to it (geometrically in the gap
    /// λ₂/λ₁).
    /// </summary>
    /// <param name="op">A linear operator.</param>
    /// <param name="iterations">Iterations, ≥ 1.</param>
    /// <param name="seed">Seed of the start vector.</param>
    public static double PowerIteration(IForwardOperator op, int iterations, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!op.IsLinear) throw new ArgumentException("Power iteration on AᵀA needs a linear operator.", nameof(op));
        Guard.AtLeast(iterations, 1, nameof(iterations));
        int n = op.InputShape.Length;
        var u = new double[n];
        var au = new double[op.OutputShape.Length];
        var rng = new Xoshiro256StarStar(seed);
        for (int i = 0; i < n; i++) u[i] = rng.NextGaussian();
        Normalize(u);
        double rayleigh = 0;
        for (int it = 0; it < iterations; it++)
        {
            op.Apply(u, au);
            rayleigh = VectorOps.Dot(au, au);
            op.Adjoint(au, u);
            if (!Normalize(u)) return 0;
        }
        return rayleigh;
    }

    private static bool Normalize(Span<double> u)
    {
        double norm = VectorOps.Norm(u);
        if (!(norm > 0)) return false;
        for (int i = 0; i < u.Length; i++) u[i] /= norm;
        return true;
    }
}
