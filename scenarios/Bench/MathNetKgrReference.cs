using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhyToolkit.Scenarios.Bench;

/// <summary>
/// The straightforward per-particle MathNet implementation of the Schur-form KGR (docs/fa-plkg.md), benchmark
/// baseline (a): dense MathNet matrices, R entry by entry from the field-response model, Q = σ_A²(R + σ_A²I)⁻¹R by a
/// Cholesky solve, KGR = [ln det(I + PᴴRP/σ_B²) − ln det(I + PᴴQP/σ_B²)]/ln 2 by Cholesky log-determinants.
/// Allocates freely (that is the point of the comparison).
/// </summary>
internal static class MathNetKgrReference
{
    public static double Kgr(ReadOnlySpan<double> positions, ReadOnlySpan<Complex> precoder, int m, int k,
        double[] u, double[] v, double[] p, double aliceNoiseVariance, double bobNoiseVariance)
    {
        var build = Matrix<Complex>.Build;
        var r = build.Dense(m, m);
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                Complex s = Complex.Zero;
                for (int l = 0; l < p.Length; l++)
                    s += p[l] * Complex.FromPolarCoordinates(1, 2 * Math.PI * (u[l] * (positions[2 * a] - positions[2 * b]) + v[l] * (positions[2 * a + 1] - positions[2 * b + 1])));
                r[a, b] = s;
            }
        var c = r + build.DenseIdentity(m) * aliceNoiseVariance;
        var q = c.Cholesky().Solve(r) * aliceNoiseVariance;
        q = (q + q.ConjugateTranspose()) * 0.5;
        var pm = build.Dense(m, k);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++) pm[i, j] = precoder[i * k + j];
        var ph = pm.ConjugateTranspose();
        var ar = build.DenseIdentity(k) + ph * r * pm / bobNoiseVariance;
        var aq = build.DenseIdentity(k) + ph * q * pm / bobNoiseVariance;
        ar = (ar + ar.ConjugateTranspose()) * 0.5;
        aq = (aq + aq.ConjugateTranspose()) * 0.5;
        return (ar.Cholesky().DeterminantLn.Real - aq.Cholesky().DeterminantLn.Real) / Math.Log(2);
    }
}
