using System.Globalization;

namespace PhyToolkit.Core.Reports;

/// <summary>Checks report items before anything is rendered; failures are <see cref="ArgumentException"/>s naming the item.</summary>
internal static class ReportValidation
{
    /// <summary>Smallest and largest accepted pixel size of a figure or panel (our choice).</summary>
    public const int MinPixels = 50, MaxPixels = 10000;

    /// <summary>Validates every item and the uniqueness of the ids (case-insensitive: file systems may be).</summary>
    public static void ValidateAll(IReadOnlyList<object> items, string paramName)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (object item in items) ValidateItem(item, ids, paramName);
    }

    /// <summary>Validates one item and adds its id to <paramref name="ids"/> (throws when it is already there).</summary>
    public static void ValidateItem(object item, HashSet<string> ids, string paramName)
    {
        switch (item)
        {
            case string:
                return;
            case Figure f:
                CheckId(f.Id, "figure", paramName);
                CheckFigureContent(f, $"figure '{f.Id}'", paramName);
                CheckSize(f.Width, f.Height, $"figure '{f.Id}'", "Width", "Height", paramName);
                AddUnique(ids, f.Id, "figure", paramName);
                return;
            case PanelFigure pf:
                CheckId(pf.Id, "panel figure", paramName);
                if (pf.Panels is null || pf.Panels.Count == 0)
                    throw new ArgumentException($"panel figure '{pf.Id}': Panels must hold at least one figure.", paramName);
                if (pf.Columns < 1)
                    throw new ArgumentOutOfRangeException(paramName, pf.Columns, $"panel figure '{pf.Id}': Columns must be >= 1.");
                CheckSize(pf.PanelWidth, pf.PanelHeight, $"panel figure '{pf.Id}'", "PanelWidth", "PanelHeight", paramName);
                for (int k = 0; k < pf.Panels.Count; k++)
                {
                    Figure panel = pf.Panels[k] ?? throw new ArgumentException($"panel figure '{pf.Id}': panel {k} is null.", paramName);
                    CheckFigureContent(panel, $"panel figure '{pf.Id}', panel {k} ('{panel.Id}')", paramName);
                }
                AddUnique(ids, pf.Id, "panel figure", paramName);
                return;
            case HeatmapFigure h:
                CheckId(h.Id, "heat map", paramName);
                if (h.ColumnLabels is null || h.ColumnLabels.Count == 0 || h.RowLabels is null || h.RowLabels.Count == 0)
                    throw new ArgumentException($"heat map '{h.Id}': RowLabels and ColumnLabels must each hold at least one label.", paramName);
                if (h.Values is null || h.Values.Count != h.RowLabels.Count)
                    throw new ArgumentException($"heat map '{h.Id}': Values must hold one row per row label ({h.RowLabels.Count}), got {h.Values?.Count ?? 0}.", paramName);
                for (int r = 0; r < h.Values.Count; r++)
                    if (h.Values[r] is null || h.Values[r].Length != h.ColumnLabels.Count)
                        throw new ArgumentException($"heat map '{h.Id}': row {r} has {h.Values[r]?.Length ?? 0} values but there are {h.ColumnLabels.Count} columns.", paramName);
                CheckSize(h.Width, h.Height, $"heat map '{h.Id}'", "Width", "Height", paramName);
                AddUnique(ids, h.Id, "heat map", paramName);
                return;
            case ImageGridFigure g:
                CheckImageGrid(g, paramName);
                AddUnique(ids, g.Id, "image grid", paramName);
                return;
            case Table t:
                CheckId(t.Id, "table", paramName);
                if (t.Columns is null || t.Columns.Count == 0)
                    throw new ArgumentException($"table '{t.Id}': Columns must hold at least one header.", paramName);
                if (t.Rows is null) throw new ArgumentException($"table '{t.Id}': Rows is null.", paramName);
                for (int r = 0; r < t.Rows.Count; r++)
                {
                    int n = t.Rows[r]?.Count ?? -1;
                    if (n != t.Columns.Count)
                        throw new ArgumentException(
                            $"table '{t.Id}': row {r} has {(n < 0 ? "no" : n.ToString(CultureInfo.InvariantCulture))} cells but there are {t.Columns.Count} columns.",
                            paramName);
                }
                AddUnique(ids, t.Id, "table", paramName);
                return;
            case null:
                throw new ArgumentNullException(paramName, "report item is null");
            default:
                throw new ArgumentException($"unsupported report item type {item.GetType().Name}.", paramName);
        }
    }

    /// <summary>True when <paramref name="id"/> is non-empty and only letters, digits, '-' and '_' (ASCII).</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 200) return false;
        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')) return false;
        }
        return true;
    }

    private static void CheckId(string id, string kind, string paramName)
    {
        if (!IsValidId(id))
            throw new ArgumentException(
                $"{kind} id '{id}' is invalid: use 1 to 200 ASCII letters, digits, '-' or '_' (it names files figures/ID.*).",
                paramName);
    }

    private static void AddUnique(HashSet<string> ids, string id, string kind, string paramName)
    {
        if (!ids.Add(id))
            throw new ArgumentException($"{kind} id '{id}' is used twice in the report (ids must be unique, ignoring case).", paramName);
    }

    private static void CheckSize(int width, int height, string what, string wName, string hName, string paramName)
    {
        if (width < MinPixels || width > MaxPixels)
            throw new ArgumentOutOfRangeException(paramName, width, $"{what}: {wName} must be in [{MinPixels}, {MaxPixels}] pixels.");
        if (height < MinPixels || height > MaxPixels)
            throw new ArgumentOutOfRangeException(paramName, height, $"{what}: {hName} must be in [{MinPixels}, {MaxPixels}] pixels.");
    }

    private static void CheckFigureContent(Figure f, string what, string paramName)
    {
        if (f.Title is null || f.XLabel is null || f.YLabel is null)
            throw new ArgumentException($"{what}: Title, XLabel and YLabel must not be null.", paramName);
        if (f.Series is null) throw new ArgumentException($"{what}: Series is null.", paramName);
        if (f.Rectangles is null) throw new ArgumentException($"{what}: Rectangles is null.", paramName);
        if (f.XCategories is { } cats)
        {
            if (cats.Count == 0) throw new ArgumentException($"{what}: XCategories is empty (use null for a numeric axis).", paramName);
            if (f.LogX) throw new ArgumentException($"{what}: a categorical x axis cannot be logarithmic.", paramName);
            foreach (Series s in f.Series)
                foreach (double x in s?.X ?? [])
                    if (!(x >= 0 && x <= cats.Count - 1 && x == Math.Floor(x)))
                        throw new ArgumentException($"{what}, series '{s!.Label}': X value {x} is not a category index in [0, {cats.Count - 1}].", paramName);
        }
        if (f.YMin is double ymin && f.YMax is double ymax && !(ymin < ymax))
            throw new ArgumentException($"{what}: YMin ({ymin}) must be below YMax ({ymax}).", paramName);
        for (int i = 0; i < f.Series.Count; i++)
        {
            Series s = f.Series[i] ?? throw new ArgumentException($"{what}: series {i} is null.", paramName);
            string name = $"{what}, series {i} '{s.Label}'";
            if (s.Label is null) throw new ArgumentException($"{what}, series {i}: Label is null.", paramName);
            if (s.X is null || s.Y is null) throw new ArgumentException($"{name}: X and Y must not be null.", paramName);
            CheckLength(s.Y, "Y", s.X.Length, name, paramName);
            CheckLength(s.YError, "YError", s.X.Length, name, paramName);
            CheckLength(s.BandLow, "BandLow", s.X.Length, name, paramName);
            CheckLength(s.BandHigh, "BandHigh", s.X.Length, name, paramName);
            if ((s.BandLow is null) != (s.BandHigh is null))
                throw new ArgumentException($"{name}: BandLow and BandHigh must be given together.", paramName);
            if (s.YError is not null)
            {
                for (int j = 0; j < s.YError.Length; j++)
                {
                    if (s.YError[j] < 0 || double.IsNegativeInfinity(s.YError[j]))
                        throw new ArgumentOutOfRangeException(paramName, s.YError[j],
                            $"{name}: YError[{j}] is a half-width and must be >= 0 (or NaN for none).");
                }
            }
            if (s.ColorIndex is < 0)
                throw new ArgumentOutOfRangeException(paramName, s.ColorIndex, $"{name}: ColorIndex must be >= 0.");
            if (!Enum.IsDefined(s.Style))
                throw new ArgumentOutOfRangeException(paramName, s.Style, $"{name}: unknown Style.");
        }
        for (int i = 0; i < f.Rectangles.Count; i++)
        {
            if (f.Rectangles[i] is null) throw new ArgumentException($"{what}: rectangle {i} is null.", paramName);
        }
    }

    private static void CheckLength(double[]? values, string field, int expected, string name, string paramName)
    {
        if (values is not null && values.Length != expected)
            throw new ArgumentException(
                $"{name}: {field} has {values.Length} values but X has {expected}; X, Y, YError, BandLow and BandHigh must have the same length.",
                paramName);
    }

    private static void CheckImageGrid(ImageGridFigure g, string paramName)
    {
        CheckId(g.Id, "image grid", paramName);
        string what = $"image grid '{g.Id}'";
        if (g.ColumnLabels is null || g.ColumnLabels.Count == 0 || g.RowLabels is null || g.RowLabels.Count == 0)
            throw new ArgumentException($"{what}: RowLabels and ColumnLabels must each hold at least one label.", paramName);
        if (g.ImageHeight < 1 || g.ImageWidth < 1)
            throw new ArgumentException($"{what}: ImageHeight and ImageWidth must be >= 1, got {g.ImageHeight}×{g.ImageWidth}.", paramName);
        if (!(g.ValueMax > g.ValueMin))
            throw new ArgumentException($"{what}: ValueMax ({g.ValueMax}) must exceed ValueMin ({g.ValueMin}).", paramName);
        if (g.ColumnRanges is { } ranges)
            for (int c = 0; c < ranges.Count; c++)
                if (ranges[c] is { } r && !(r.Max > r.Min))
                    throw new ArgumentException($"{what}: ColumnRanges[{c}] max ({r.Max}) must exceed min ({r.Min}).", paramName);
        int pixels = g.ImageHeight * g.ImageWidth;
        void CheckCells<T>(IReadOnlyList<T[]?[]>? cells, string name, Func<T[], int> length, bool required)
        {
            if (cells is null) { if (required) throw new ArgumentException($"{what}: {name} is required.", paramName); return; }
            if (cells.Count != g.RowLabels.Count)
                throw new ArgumentException($"{what}: {name} must hold one row per row label ({g.RowLabels.Count}), got {cells.Count}.", paramName);
            for (int r = 0; r < cells.Count; r++)
            {
                if (cells[r] is null || cells[r].Length != g.ColumnLabels.Count)
                    throw new ArgumentException($"{what}: {name} row {r} has {cells[r]?.Length ?? 0} cells but there are {g.ColumnLabels.Count} columns.", paramName);
                for (int c = 0; c < cells[r].Length; c++)
                    if (cells[r][c] is { } cell && length(cell) != pixels)
                        throw new ArgumentException($"{what}: {name}[{r}][{c}] holds {length(cell)} pixels, expected {g.ImageHeight}×{g.ImageWidth} = {pixels}.", paramName);
            }
        }
        CheckCells<double>(g.Images, "Images", a => a.Length, true);
        CheckCells<bool>(g.Outlines, "Outlines", a => a.Length, false);
        CheckSize(ImageGridRenderer.Size(g).Width, ImageGridRenderer.Size(g).Height, what, "width", "height", paramName);
    }
}
