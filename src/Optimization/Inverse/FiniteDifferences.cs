using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// Forward differences <c>D = (D_h, D_v)</c> of an image (docs/inverse-imaging.md): <c>(D_h x)[i,j] =
/// x[i,j+1] − x[i,j]</c>, <c>(D_v x)[i,j] = x[i+1,j] − x[i,j]</c>, with <see cref="DifferenceBoundary"/> at the last
/// row/column. Output layout: the n horizontal differences, then the n vertical ones (length 2n). <c>‖D‖² ≤ 8</c>.
/// </summary>
public sealed class FiniteDifferences
{
    /// <summary>Builds the operator for one image shape.</summary>
    public FiniteDifferences(ImageShape shape, DifferenceBoundary boundary = DifferenceBoundary.Neumann)
    {
        Shape = shape.Validated(nameof(shape));
        if (!Enum.IsDefined(boundary)) throw new ArgumentOutOfRangeException(nameof(boundary), boundary, $"boundary = {boundary}; allowed: Neumann, Periodic.");
        Boundary = boundary;
    }

    /// <summary>Image shape.</summary>
    public ImageShape Shape { get; }

    /// <summary>Boundary rule.</summary>
    public DifferenceBoundary Boundary { get; }

    /// <summary>Upper bound 8 on <c>‖D‖²</c> (4 per direction).</summary>
    public const double NormSquaredBound = 8;

    /// <summary><c>g = D x</c>, length 2n.</summary>
    public void Apply(ReadOnlySpan<double> x, Span<double> g)
    {
        int h = Shape.Height, w = Shape.Width, n = Shape.Length;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(g.Length, 2 * n, nameof(g));
        bool periodic = Boundary == DifferenceBoundary.Periodic;
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                int k = i * w + j;
                g[k] = j + 1 < w ? x[k + 1] - x[k] : periodic ? x[i * w] - x[k] : 0;
                g[n + k] = i + 1 < h ? x[k + w] - x[k] : periodic ? x[j] - x[k] : 0;
            }
    }

    /// <summary><c>x = Dᵀ g</c> (the negative divergence).</summary>
    public void Adjoint(ReadOnlySpan<double> g, Span<double> x)
    {
        int h = Shape.Height, w = Shape.Width, n = Shape.Length;
        Guard.Length(x.Length, n, nameof(x));
        Guard.Length(g.Length, 2 * n, nameof(g));
        bool periodic = Boundary == DifferenceBoundary.Periodic;
        x.Clear();
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                int k = i * w + j;
                if (j + 1 < w) { x[k + 1] += g[k]; x[k] -= g[k]; }
                else if (periodic) { x[i * w] += g[k]; x[k] -= g[k]; }
                if (i + 1 < h) { x[k + w] += g[n + k]; x[k] -= g[n + k]; }
                else if (periodic) { x[j] += g[n + k]; x[k] -= g[n + k]; }
            }
    }

    /// <summary>Isotropic total variation <c>TV(x) = Σ_p sqrt((D_h x)_p² + (D_v x)_p²)</c>.</summary>
    public double TotalVariation(ReadOnlySpan<double> x)
    {
        int n = Shape.Length;
        var g = new double[2 * n];
        Apply(x, g);
        double tv = 0;
        for (int k = 0; k < n; k++) tv += Math.Sqrt(g[k] * g[k] + g[n + k] * g[n + k]);
        return tv;
    }
}
