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
}
