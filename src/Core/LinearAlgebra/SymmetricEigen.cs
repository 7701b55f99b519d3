namespace PhyToolkit.Core.LinearAlgebra;

/// <summary>
/// Cyclic Jacobi eigendecomposition of a small real symmetric matrix (m ≲ 10; e.g. the polar factors of the drift
/// analytics): rotations until the off-diagonal mass falls below 1e-32 of the diagonal (at most 60 sweeps). The complex
/// Hermitian counterpart is <c>PhyToolkit.Channels.LinearAlgebra.HermitianMatrix</c>.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>A = V diag(λ) Vᵀ; <paramref name="a"/> (m × m, row-major) is overwritten; V columns are eigenvectors.</summary>
    public static void Decompose(Span<double> a, int m, Span<double> values, Span<double> vectors)
    {
        vectors[..(m * m)].Clear();
        for (int i = 0; i < m; i++) vectors[i * m + i] = 1;
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0, diag = 0;
            for (int i = 0; i < m; i++)
            {
                diag += a[i * m + i] * a[i * m + i];
                for (int j = i + 1; j < m; j++) off += a[i * m + j] * a[i * m + j];
            }
            if (off <= 1e-32 * diag || off == 0) break;
            for (int p = 0; p < m; p++)
                for (int q = p + 1; q < m; q++)
                {
                    double apq = a[p * m + q];
                    if (apq == 0) continue;
                    double theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < m; k++)
                    {
                        double akp = a[k * m + p], akq = a[k * m + q];
                        a[k * m + p] = c * akp - s * akq;
                        a[k * m + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < m; k++)
                    {
                        double apk = a[p * m + k], aqk = a[q * m + k];
                        a[p * m + k] = c * apk - s * aqk;
                        a[q * m + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < m; k++)
                    {
                        double vkp = vectors[k * m + p], vkq = vectors[k * m + q];
                        vectors[k * m + p] = c * vkp - s * vkq;
                        vectors[k * m + q] = s * vkp + c * vkq;
                    }
                }
        }
        for (int i = 0; i < m; i++) values[i] = a[i * m + i];
    }
}
