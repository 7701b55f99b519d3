using System.Globalization;
using System.Text;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Core.Results;

/// <summary>
/// The advisory lock of a run directory: one process at a time runs, resumes or merges into a directory. The lock is the
/// file <c>.phytk-lock</c>, held open with an exclusive operating-system lock (an <c>flock</c> on Linux and macOS, a share
/// lock on Windows) for the life of the owner; the owner's process id, host and start time go to <c>.phytk-lock.owner</c>
/// (a separate file, since an exclusively locked file cannot be read by others on every platform). The operating
/// system drops the lock when the owner exits, however it exits (kill -9 included), so a lock left by a dead process is
/// detected by the next start, taken over, and reported through <see cref="TookOverFrom"/>. The file itself is never
/// deleted, so two processes can never lock two different files of the same name; release deletes the owner file.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>File name of the lock inside a run directory.</summary>
    public const string FileName = ".phytk-lock";

    /// <summary>File name of the owner description inside a run directory.</summary>
    public const string OwnerFileName = ".phytk-lock.owner";

    private FileStream? _stream;

    private RunLock(FileStream stream, string directory, string? tookOverFrom)
    {
        _stream = stream;
        Directory = directory;
        TookOverFrom = tookOverFrom;
    }

    /// <summary>The locked run directory.</summary>
    public string Directory { get; }

    /// <summary>
    /// When the lock file still named an owner that no longer holds it (a process that died without releasing it): that
    /// owner's description ("pid 123 on host h since …"); null after a clean release or for a new directory.
    /// </summary>
    public string? TookOverFrom { get; }

    /// <summary>
    /// Takes the lock of <paramref name="directory"/> (created if needed) before anything else is written there.
    /// </summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="argument">The command-line argument that named the directory (for the error), e.g. "--out".</param>
    /// <exception cref="ConfigException">Another live process holds the lock (the message names its pid, host and start
    /// time), or the directory cannot be written.</exception>
    public static RunLock Acquire(string directory, string argument = "--out")
    {
        string path = Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            string owner = ReadOwner(Path.Combine(directory, OwnerFileName)) ?? "another process";
            throw new ConfigException(argument, $"'{directory}' is in use by {owner}; wait for it to finish or use another {argument}");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ConfigException(argument, $"'{directory}' is not a writable directory: {e.Message}");
        }
        try
        {
            string ownerPath = Path.Combine(directory, OwnerFileName);
            string? previous = ReadOwner(ownerPath);
            if (previous != null && LiveLocalOwner(previous))
            {
                // The operating-system lock was free, yet the recorded owner is a live process on this host: the file
                // system does not support locks (some network file systems), so trust the record.
                stream.Dispose();
                throw new ConfigException(argument, $"'{directory}' is in use by {previous} (this file system does not enforce locks; if that process is not phytk, delete {OwnerFileName})");
            }
            IO.AtomicFile.WriteAllText(ownerPath, Describe());
            return new RunLock(stream, directory, previous);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The current owner of <paramref name="directory"/>'s lock ("pid 123 on host h since …"), or null when nobody holds it.</summary>
    public static string? Owner(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return null; // we could take it, so nobody holds it
        }
        catch (IOException) { return ReadOwner(Path.Combine(directory, OwnerFileName)) ?? "another process"; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Releases the lock (deletes the owner file, then closes the lock file); idempotent.</summary>
    public void Dispose()
    {
        var s = Interlocked.Exchange(ref _stream, null);
        if (s == null) return;
        try { File.Delete(Path.Combine(Directory, OwnerFileName)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        finally { s.Dispose(); }
    }

    private static string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on host {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");

    /// <summary>Whether an owner description ("pid N on host H since T") names another live process of this host.</summary>
    private static bool LiveLocalOwner(string description)
    {
        var m = System.Text.RegularExpressions.Regex.Match(description, @"^pid (\d+) on host (\S+) ");
        if (!m.Success || m.Groups[2].Value != Environment.MachineName) return false;
        if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId) return false;
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }

    private static string? ReadOwner(string ownerPath)
    {
        try
        {
            if (!File.Exists(ownerPath)) return null;
            string text = File.ReadAllText(ownerPath).Trim();
            return text.Length == 0 ? null : Sanitize(text.Length > 200 ? text[..200] : text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }
}
