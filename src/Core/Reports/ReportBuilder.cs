namespace PhyToolkit.Core.Reports;

/// <summary>What the report shows besides the scenario's own items: the resolved scenario, the manifest and results.</summary>
/// <param name="Title">Report title (scenario name and summary).</param>
/// <param name="ScenarioJson">The resolved scenario file.</param>
/// <param name="ManifestJson">manifest.json.</param>
/// <param name="ResultsCsv">results.csv.</param>
public sealed record ReportMetadata(string Title, string ScenarioJson, string ManifestJson, string ResultsCsv);

/// <summary>
/// Collects a scenario's figures, tables and paragraphs, in order, and writes them: figures/ID.png and figures/ID.svg
/// (ScottPlot 5, one consistent style) and one self-contained report.html with every figure inlined.
/// </summary>
public sealed partial class ReportBuilder
{
    private readonly List<object> _items = [];

    /// <summary>Items in the order added: <see cref="string"/> (paragraph), <see cref="Figure"/>, <see cref="PanelFigure"/>, <see cref="Table"/>.</summary>
    public IReadOnlyList<object> Items => _items;

    /// <summary>Adds a paragraph of plain text (HTML-escaped when written).</summary>
    public ReportBuilder AddText(string paragraph) { _items.Add(paragraph); return this; }

    /// <summary>Adds a single-panel figure.</summary>
    public ReportBuilder AddFigure(Figure figure) { _items.Add(figure); return this; }

    /// <summary>Adds a multi-panel figure.</summary>
    public ReportBuilder AddPanels(PanelFigure figure) { _items.Add(figure); return this; }

    /// <summary>Adds a table.</summary>
    public ReportBuilder AddTable(Table table) { _items.Add(table); return this; }
}
