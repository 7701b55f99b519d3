namespace PhyToolkit.Core.Tests.Reports;

/// <summary>Fresh temporary directories for one test class instance, deleted on dispose.</summary>
public sealed class TempDirectories : IDisposable
{
    private readonly List<string> _created = [];

    public string New()
    {
        string dir = Path.Combine(Path.GetTempPath(), "phytk-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _created.Add(dir);
        return dir;
    }

    public void Dispose()
    {
        foreach (string dir in _created)
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
