namespace PhyToolkit.Core.Reports;

/// <summary>
/// A categorical heat map: a grid of cells (rows × columns) coloured by value on a perceptual colour map (viridis), each
/// cell annotated with its value, e.g. "optimiser component × mantissa bits → final loss". Drawn as vector rectangles
/// (deterministic SVG); NaN cells are left blank and marked "–".
/// </summary>
public sealed record HeatmapFigure
{
    /// <summary>File-name stem (letters, digits, '-', '_'): figures/ID.png and figures/ID.svg.</summary>
    public required string Id { get; init; }
    /// <summary>Title.</summary>
    public required string Title { get; init; }
    /// <summary>X-axis label (what the columns are).</summary>
    public required string XLabel { get; init; }
    /// <summary>Y-axis label (what the rows are).</summary>
    public required string YLabel { get; init; }
    /// <summary>Column labels, left to right (at least one).</summary>
    public required IReadOnlyList<string> ColumnLabels { get; init; }
    /// <summary>Row labels, top to bottom (at least one).</summary>
    public required IReadOnlyList<string> RowLabels { get; init; }
    /// <summary>Values[row][column]; one array per row, each as long as <see cref="ColumnLabels"/>.</summary>
    public required IReadOnlyList<double[]> Values { get; init; }
    /// <summary>Colour by log10 of the value (positive values only; others are blank).</summary>
    public bool LogScale { get; init; }
    /// <summary>Colour-scale description shown in the report under the figure (e.g. "final loss, log scale").</summary>
    public string? ValueLabel { get; init; }
    /// <summary>Caption shown under the figure in the HTML report.</summary>
    public string? Caption { get; init; }
    /// <summary>Pixel width of the PNG/SVG.</summary>
    public int Width { get; init; } = 800;
    /// <summary>Pixel height of the PNG/SVG.</summary>
    public int Height { get; init; } = 500;
}
