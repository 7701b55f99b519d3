namespace PhyToolkit.Core.Reports;

/// <summary>How a series is drawn.</summary>
public enum SeriesStyle
{
    /// <summary>Line with markers at the data points (simulation results).</summary>
    LineMarkers,
    /// <summary>Line only (closed forms, theory curves).</summary>
    Line,
    /// <summary>Markers only (scatter: antenna positions, simulated points over a curve).</summary>
    Markers,
    /// <summary>Dashed line (baselines, references).</summary>
    DashedLine,
}

/// <summary>One data series of a figure. Error bars (half-widths) or a band (lower/upper) are optional.</summary>
public sealed record Series
{
    /// <summary>Legend label.</summary>
    public required string Label { get; init; }
    /// <summary>X values.</summary>
    public required double[] X { get; init; }
    /// <summary>Y values (same length as <see cref="X"/>); NaN entries are skipped, non-positive ones on log axes too.</summary>
    public required double[] Y { get; init; }
    /// <summary>Optional symmetric error-bar half-widths.</summary>
    public double[]? YError { get; init; }
    /// <summary>Optional band lower edge (e.g. 95 % CI low).</summary>
    public double[]? BandLow { get; init; }
    /// <summary>Optional band upper edge.</summary>
    public double[]? BandHigh { get; init; }
    /// <summary>Drawing style.</summary>
    public SeriesStyle Style { get; init; } = SeriesStyle.LineMarkers;
    /// <summary>Optional colour index into the report palette (by default: the series' position).</summary>
    public int? ColorIndex { get; init; }
}

/// <summary>An axis-aligned rectangle drawn on a figure (e.g. the fluid-antenna region).</summary>
public sealed record RectangleShape(double X0, double Y0, double X1, double Y1, string? Label = null);

/// <summary>A 2-D line figure: several series with a legend, optional log axes, optional shapes.</summary>
public sealed record Figure
{
    /// <summary>File-name stem (letters, digits, '-', '_'): figures/ID.png and figures/ID.svg.</summary>
    public required string Id { get; init; }
    /// <summary>Title.</summary>
    public required string Title { get; init; }
    /// <summary>X-axis label (with units).</summary>
    public required string XLabel { get; init; }
    /// <summary>Y-axis label (with units).</summary>
    public required string YLabel { get; init; }
    /// <summary>The series.</summary>
    public required IReadOnlyList<Series> Series { get; init; }
    /// <summary>Log10 y axis (ticks labelled 10^k, minor log ticks).</summary>
    public bool LogY { get; init; }
    /// <summary>Log10 x axis.</summary>
    public bool LogX { get; init; }
    /// <summary>
    /// Categorical x axis: the category names, left to right; every series' X values are category indices 0..n−1 and the
    /// ticks carry the names (methods, problems, schemes: never integer codes).
    /// </summary>
    public IReadOnlyList<string>? XCategories { get; init; }
    /// <summary>Lower y limit (e.g. 0 for rates, accuracies and key rates), or null for automatic; ignored on log axes.</summary>
    public double? YMin { get; init; }
    /// <summary>Upper y limit, or null for automatic; ignored on log axes.</summary>
    public double? YMax { get; init; }
    /// <summary>Equal scaling of x and y (layouts).</summary>
    public bool EqualAxes { get; init; }
    /// <summary>Rectangles to draw.</summary>
    public IReadOnlyList<RectangleShape> Rectangles { get; init; } = [];
    /// <summary>Caption shown under the figure in the HTML report (e.g. the claim it checks and whether it held).</summary>
    public string? Caption { get; init; }
    /// <summary>Pixel width of the PNG/SVG (single-panel figures).</summary>
    public int Width { get; init; } = 800;
    /// <summary>Pixel height of the PNG/SVG (single-panel figures).</summary>
    public int Height { get; init; } = 500;
}

/// <summary>Several panels in a grid, saved as one figure.</summary>
public sealed record PanelFigure
{
    /// <summary>File-name stem.</summary>
    public required string Id { get; init; }
    /// <summary>Overall title (shown in the report).</summary>
    public required string Title { get; init; }
    /// <summary>Panels, filled row by row; their Width/Height are ignored.</summary>
    public required IReadOnlyList<Figure> Panels { get; init; }
    /// <summary>Number of columns of the grid.</summary>
    public int Columns { get; init; } = 2;
    /// <summary>Caption.</summary>
    public string? Caption { get; init; }
    /// <summary>Pixel width of each panel.</summary>
    public int PanelWidth { get; init; } = 600;
    /// <summary>Pixel height of each panel.</summary>
    public int PanelHeight { get; init; } = 420;
}

/// <summary>A table for the report (and a CSV next to the figures).</summary>
public sealed record Table
{
    /// <summary>File-name stem of the CSV copy.</summary>
    public required string Id { get; init; }
    /// <summary>Title.</summary>
    public required string Title { get; init; }
    /// <summary>Column headers.</summary>
    public required IReadOnlyList<string> Columns { get; init; }
    /// <summary>Rows (already formatted cells).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Rows { get; init; }
    /// <summary>Caption.</summary>
    public string? Caption { get; init; }
}
