namespace PhyToolkit.Optimization.Reduction;

/// <summary>A symmetric positive-definite linear map v ↦ A v.</summary>
internal delegate void LinearOperator(ReadOnlySpan<double> v, Span<double> result);

/// <summary>Conjugate gradients (Hestenes–Stiefel) for SPD systems, allocation-free with caller scratch.</summary>
internal static class ConjugateGradient
{
    /// <summary>Solves A x = b from x = 0 until the recursive residual ‖r‖ ≤ tolerance; returns the operator applications.</summary>
    public static int Solve(LinearOperator a, ReadOnlySpan<double> b, Span<double> x, double tolerance, int maxIterations,
        Span<double> r, Span<double> p, Span<double> ap)
    {
        int n = b.Length;
        x[..n].Clear();
        b.CopyTo(r);
        b.CopyTo(p);
        double rr = VectorOps.Dot(r[..n], r[..n]);
        double tol2 = tolerance * tolerance;
        int it = 0;
        while (rr > tol2 && it < maxIterations)
        {
            a(p[..n], ap);
            it++;
            double pap = VectorOps.Dot(p[..n], ap[..n]);
            if (!(pap > 0)) break; // not positive definite along p (or underflow): stop with the current iterate
            double alpha = rr / pap;
            for (int i = 0; i < n; i++) { x[i] += alpha * p[i]; r[i] -= alpha * ap[i]; }
            double rrNew = VectorOps.Dot(r[..n], r[..n]);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
            rr = rrNew;
        }
        return it;
    }
}
