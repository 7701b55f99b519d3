using System.Text;

namespace PhyToolkit.Core.IO;

/// <summary>
/// Durable, atomic file writes: the content goes to a temporary file in the same directory, is flushed to disk, and is
/// renamed over the target, so a reader (or a resumed run after kill -9) sees either the old or the new file, never half.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of temporary files; stale ones are removed by <see cref="RemoveStaleTemporaries"/>.</summary>
    public const string TempSuffix = ".phytk-tmp";

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> atomically and durably.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + TempSuffix);
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>Deletes temporary files left in <paramref name="directory"/> (recursively) by an interrupted writer.</summary>
    public static int RemoveStaleTemporaries(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(directory, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            File.Delete(f);
            n++;
        }
        return n;
    }
}
