namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>Small dense-vector helpers for the hierarchical solvers.</summary>
internal static class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    public static double DistanceSquared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) { double d = a[i] - b[i]; s += d * d; }
        return s;
    }

    public static void CheckLength(ReadOnlySpan<double> v, int n, string name)
    {
        if (v.Length != n) throw new ArgumentException($"{name} must have length {n} (got {v.Length}).", name);
    }
}
