namespace PhyToolkit.Core.LinearAlgebra;

/// <summary>
/// Dense real-vector kernels shared by the solvers (one home for the inner product and its relatives). Plain
/// left-to-right summation, so results are bit-reproducible across machines and thread counts.
/// </summary>
public static class VectorOps
{
    /// <summary>uᵀv = Σᵢ uᵢvᵢ over the length of <paramref name="u"/>.</summary>
    public static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < u.Length; i++) s += u[i] * v[i];
        return s;
    }

    /// <summary>‖u‖₂ = √(uᵀu).</summary>
    public static double Norm(ReadOnlySpan<double> u) => Math.Sqrt(Dot(u, u));

    /// <summary>‖u − v‖₂² = Σᵢ (uᵢ − vᵢ)².</summary>
    public static double DistanceSquared(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < u.Length; i++) { double d = u[i] - v[i]; s += d * d; }
        return s;
    }
}
