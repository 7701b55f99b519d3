using System.Numerics;

namespace PhyToolkit.Optimization.Projections;

/// <summary>
/// Euclidean projection of a column-major rows×columns matrix onto the per-column power set ‖p_k‖² ≤ ρ for every
/// column k (the per-slot constraint of fa-plkg docs/fa-plkg.md/§3.3): each column is scaled by min(1, √ρ/‖p_k‖).
/// The set is a product of balls, so the column-wise scaling is the exact projection.
/// </summary>
public sealed class ColumnPowerProjection : IProjection, IComplexProjection
{
    /// <summary>Creates the projection.</summary>
    /// <param name="rows">Rows M (≥ 1): the length of a column.</param>
    /// <param name="columns">Columns K (≥ 1).</param>
    /// <param name="maxColumnPower">ρ, the per-column squared-norm limit, finite ≥ 0.</param>
    public ColumnPowerProjection(int rows, int columns, double maxColumnPower)
    {
        Rows = Guard.AtLeast(rows, 1, nameof(rows));
        Columns = Guard.AtLeast(columns, 1, nameof(columns));
        MaxColumnPower = Guard.NonNegative(maxColumnPower, nameof(maxColumnPower));
    }

    /// <summary>Rows M.</summary>
    public int Rows { get; }

    /// <summary>Columns K.</summary>
    public int Columns { get; }

    /// <summary>Per-column limit ρ.</summary>
    public double MaxColumnPower { get; }

    /// <inheritdoc/>
    public void Project(Span<double> x)
    {
        CheckLength(x.Length);
        for (int k = 0; k < Columns; k++)
        {
            var col = x.Slice(k * Rows, Rows);
            double e = 0;
            for (int i = 0; i < col.Length; i++) e += col[i] * col[i];
            if (e <= MaxColumnPower) continue;
            double a = Math.Sqrt(MaxColumnPower / e);
            for (int i = 0; i < col.Length; i++) col[i] *= a;
        }
    }

    /// <inheritdoc/>
    public void Project(Span<Complex> x)
    {
        CheckLength(x.Length);
        for (int k = 0; k < Columns; k++)
        {
            var col = x.Slice(k * Rows, Rows);
            double e = 0;
            for (int i = 0; i < col.Length; i++) { double re = col[i].Real, im = col[i].Imaginary; e += re * re + im * im; }
            if (e <= MaxColumnPower) continue;
            double a = Math.Sqrt(MaxColumnPower / e);
            for (int i = 0; i < col.Length; i++) col[i] *= a;
        }
    }

    private void CheckLength(int n)
    {
        if (n != Rows * Columns) throw new ArgumentException($"x must have length Rows*Columns = {Rows * Columns}.", "x");
    }
}
