namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>The SVD-aligned box z = c + Σ_i h_i u_i v_i, u ∈ [−1, 1]^d, of estimator E2 [Proposed].</summary>
internal sealed class LocalForgingBox
{
    public LocalForgingBox(double[] center, double[,] basis, double[] halfWidths, bool[] guarded)
    {
        Center = center;
        Basis = basis;
        HalfWidths = halfWidths;
        Guarded = guarded;
        double logVol = 0;
        foreach (double h in halfWidths) logVol += Math.Log(2 * h);
        Volume = Math.Exp(logVol);
    }

    public double[] Center { get; }
    public double[,] Basis { get; }
    public double[] HalfWidths { get; }
    public bool[] Guarded { get; }
    public double Volume { get; }

    public void ToPoint(ReadOnlySpan<double> u, Span<double> z)
    {
        int d = Center.Length;
        for (int j = 0; j < d; j++) z[j] = Center[j];
        for (int i = 0; i < d; i++)
        {
            double a = HalfWidths[i] * u[i];
            for (int j = 0; j < d; j++) z[j] += a * Basis[i, j];
        }
    }

    public bool Contains(ReadOnlySpan<double> z)
    {
        int d = Center.Length;
        for (int i = 0; i < d; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += Basis[i, j] * (z[j] - Center[j]);
            if (Math.Abs(s) > HalfWidths[i]) return false;
        }
        return true;
    }
}
