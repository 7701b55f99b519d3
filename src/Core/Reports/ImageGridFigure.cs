namespace PhyToolkit.Core.Reports;

/// <summary>
/// A grid of small images (rows × columns), each drawn pixel by pixel on a fixed grey scale (black at
/// <see cref="ValueMin"/>, white at <see cref="ValueMax"/>, values outside clipped), e.g. "test image × method → reconstruction".
/// NaN pixels are drawn in <see cref="MarkColorHex"/> (e.g. missing pixels of a measurement); a cell may carry an outline
/// of a pixel set (e.g. the region of an out-of-range feature), drawn along the set's boundary.
/// </summary>
public sealed record ImageGridFigure
{
    /// <summary>File-name stem (letters, digits, '-', '_'): figures/ID.png and figures/ID.svg.</summary>
    public required string Id { get; init; }
    /// <summary>Title.</summary>
    public required string Title { get; init; }
    /// <summary>Column titles, left to right (at least one).</summary>
    public required IReadOnlyList<string> ColumnLabels { get; init; }
    /// <summary>Row labels, top to bottom (at least one).</summary>
    public required IReadOnlyList<string> RowLabels { get; init; }
    /// <summary>Image height in pixels (every cell).</summary>
    public required int ImageHeight { get; init; }
    /// <summary>Image width in pixels (every cell).</summary>
    public required int ImageWidth { get; init; }
    /// <summary>Images[row][column]: row-major pixels (ImageHeight × ImageWidth, row 0 on top), or null for an empty cell.</summary>
    public required IReadOnlyList<double[]?[]> Images { get; init; }
    /// <summary>Value drawn black (default −1).</summary>
    public double ValueMin { get; init; } = -1;
    /// <summary>Value drawn white (default 1).</summary>
    public double ValueMax { get; init; } = 1;
    /// <summary>Optional per-column (min, max) grey range overriding <see cref="ValueMin"/>/<see cref="ValueMax"/> (null entries keep them).</summary>
    public IReadOnlyList<(double Min, double Max)?>? ColumnRanges { get; init; }
    /// <summary>Optional outlines[row][column]: a pixel set (row-major, same size as the image) whose boundary is drawn, or null.</summary>
    public IReadOnlyList<bool[]?[]>? Outlines { get; init; }
    /// <summary>Colour of NaN pixels (default red).</summary>
    public string MarkColorHex { get; init; } = "#D62728";
    /// <summary>Colour of outlines (default orange).</summary>
    public string OutlineColorHex { get; init; } = "#FF7F0E";
    /// <summary>Caption shown under the figure in the HTML report.</summary>
    public string? Caption { get; init; }
    /// <summary>Side of one cell in pixels of the PNG/SVG (the figure's size follows from the grid).</summary>
    public int CellPixels { get; init; } = 96;
}
