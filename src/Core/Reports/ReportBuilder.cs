namespace PhyToolkit.Core.Reports;

/// <summary>What the report shows besides the scenario's own items: the resolved scenario, the manifest and results.</summary>
/// <param name="Title">Report title (scenario name and summary).</param>
/// <param name="ScenarioJson">The resolved scenario file.</param>
/// <param name="ManifestJson">manifest.json.</param>
/// <param name="ResultsCsv">results.csv.</param>
public sealed record ReportMetadata(string Title, string ScenarioJson, string ManifestJson, string ResultsCsv)
{
    /// <summary>The command that reproduces this report (shown under the title), or null.</summary>
    public string? ReproduceCommand { get; init; }
    /// <summary>The scenario's users' page inside the repository (e.g. "docs/fa-plkg.md"), or null.</summary>
    public string? DocsPage { get; init; }
}

/// <summary>
/// Collects a scenario's figures, tables and paragraphs, in order, and writes them: figures/ID.png and figures/ID.svg
/// (ScottPlot 5, one consistent style) and one self-contained report.html with every figure inlined.
/// </summary>
public sealed partial class ReportBuilder
{
    private readonly List<object> _items = [];

    /// <summary>Items in the order added: <see cref="string"/> (paragraph), <see cref="Figure"/>, <see cref="PanelFigure"/>, <see cref="HeatmapFigure"/>, <see cref="ImageGridFigure"/>, <see cref="Table"/>.</summary>
    public IReadOnlyList<object> Items => _items;

    private readonly HashSet<string> _ids = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a paragraph of plain text (HTML-escaped when written).</summary>
    public ReportBuilder AddText(string paragraph)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        _items.Add(paragraph);
        return this;
    }

    /// <summary>Adds a single-panel figure.</summary>
    /// <exception cref="ArgumentException">Bad or duplicate id (letters, digits, '-', '_'), series arrays of different lengths, negative error half-widths, size outside [50, 10000] px.</exception>
    public ReportBuilder AddFigure(Figure figure) => Add(figure, nameof(figure));

    /// <summary>Adds a multi-panel figure.</summary>
    /// <exception cref="ArgumentException">As <see cref="AddFigure"/>, for the grid and each panel; no panels or Columns &lt; 1.</exception>
    public ReportBuilder AddPanels(PanelFigure figure) => Add(figure, nameof(figure));

    /// <summary>Adds a categorical heat map.</summary>
    /// <exception cref="ArgumentException">Bad or duplicate id, no row or column labels, a Values row count or length that does not match the labels, size outside [50, 10000] px.</exception>
    public ReportBuilder AddHeatmap(HeatmapFigure figure) => Add(figure, nameof(figure));

    /// <summary>Adds a grid of grey-scale images.</summary>
    /// <exception cref="ArgumentException">Bad or duplicate id, no row or column labels, an Images (or Outlines) row count or length that does not match the labels, an image (or outline) of the wrong size, an empty grey range.</exception>
    public ReportBuilder AddImageGrid(ImageGridFigure figure) => Add(figure, nameof(figure));

    /// <summary>Adds a claims table (one row per claim: statement, verdict, evidence, source).</summary>
    public ReportBuilder AddClaims(ClaimsTable claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return AddTable(claims.ToTable());
    }

    /// <summary>Adds a table.</summary>
    /// <exception cref="ArgumentException">Bad or duplicate id, no columns, or a row whose cell count differs from the column count.</exception>
    public ReportBuilder AddTable(Table table) => Add(table, nameof(table));

    private ReportBuilder Add(object item, string paramName)
    {
        ArgumentNullException.ThrowIfNull(item, paramName);
        var ids = new HashSet<string>(_ids, StringComparer.OrdinalIgnoreCase);
        ReportValidation.ValidateItem(item, ids, paramName);
        _items.Add(item);
        _ids.UnionWith(ids);
        return this;
    }
}
