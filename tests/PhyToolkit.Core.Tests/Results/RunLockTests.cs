using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.Results;
using PhyToolkit.Core.Tests.Reports;

namespace PhyToolkit.Core.Tests.Results;

public sealed class RunLockTests : IDisposable
{
    private readonly TempDirectories _dirs = new();

    public void Dispose() => _dirs.Dispose();

    [Fact]
    public void ASecondOwnerIsRefusedNamingTheFirst()
    {
        string dir = _dirs.New();
        using (var first = RunLock.Acquire(dir))
        {
            Assert.Null(first.TookOverFrom);
            var e = Assert.Throws<ConfigException>(() => RunLock.Acquire(dir));
            Assert.Contains($"pid {Environment.ProcessId} on host {Environment.MachineName}", e.Message);
            Assert.StartsWith("--out: ", e.Message);
            Assert.NotNull(RunLock.Owner(dir));
        }
        Assert.Null(RunLock.Owner(dir));
        using var again = RunLock.Acquire(dir);
        Assert.Null(again.TookOverFrom); // the first owner released cleanly
    }

    [Fact]
    public void ALockLeftByADeadOwnerIsTakenOverAndReported()
    {
        string dir = _dirs.New();
        // What a killed owner leaves: its description, but no operating-system lock (that dies with the process).
        File.WriteAllText(Path.Combine(dir, RunLock.OwnerFileName), "pid 4194303 on host elsewhere since 2026-01-01T00:00:00Z");
        File.WriteAllText(Path.Combine(dir, RunLock.FileName), "");
        Assert.Null(RunLock.Owner(dir));
        using var l = RunLock.Acquire(dir);
        Assert.Equal("pid 4194303 on host elsewhere since 2026-01-01T00:00:00Z", l.TookOverFrom);
    }

    [Fact]
    public void ARecordedLiveOwnerOnThisHostIsTrustedWhereTheFileSystemDoesNotLock()
    {
        string dir = _dirs.New();
        // The operating-system lock is free (as on a file system without locks), but the record names a live local process.
        using var other = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            string owner = $"pid {other.Id} on host {Environment.MachineName} since 2026-01-01T00:00:00Z";
            File.WriteAllText(Path.Combine(dir, RunLock.OwnerFileName), owner);
            var e = Assert.Throws<ConfigException>(() => RunLock.Acquire(dir));
            Assert.Contains($"is in use by {owner}", e.Message);
        }
        finally { other.Kill(); other.WaitForExit(); }
        // Once that process has gone, its record is stale and the lock is taken over.
        using var l = RunLock.Acquire(dir);
        Assert.StartsWith($"pid {other.Id} on host", l.TookOverFrom);
    }
}
