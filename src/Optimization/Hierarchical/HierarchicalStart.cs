namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>The start every hierarchical runner makes: checked start points of the oracle's dimensions, copied.</summary>
internal static class HierarchicalStart
{
    /// <summary>Copies of <paramref name="x0"/> (length d_x) and <paramref name="y0"/> (length d_y); errors name the argument.</summary>
    public static (double[] X, double[] Y) Copy(ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, int dx, int dy)
    {
        Guard.Length(x0, dx, nameof(x0));
        Guard.Length(y0, dy, nameof(y0));
        return (x0.ToArray(), y0.ToArray());
    }
}
