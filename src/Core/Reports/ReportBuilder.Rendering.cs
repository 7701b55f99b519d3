namespace PhyToolkit.Core.Reports;

public sealed partial class ReportBuilder
{
    /// <summary>
    /// Writes figures/ (PNG and SVG of every figure), tables as CSV, and report.html into <paramref name="runDirectory"/>;
    /// every file is written to a temporary name and renamed. Returns the paths written.
    /// </summary>
    public IReadOnlyList<string> Write(string runDirectory, ReportMetadata metadata) =>
        throw new NotImplementedException("rendering lands with the report issue work");
}
