using PhyToolkit.Core.IO;

namespace PhyToolkit.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "phytk-atomic-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void WritesCreatesTheFolderAndReplacesWithoutLeavingTemporaries()
    {
        string path = Path.Combine(_dir, "sub", "results.csv");
        AtomicFile.WriteAllText(path, "a,b\n1,2\n");
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(path));
        AtomicFile.WriteAllText(path, "é");
        Assert.Equal([0xC3, 0xA9], File.ReadAllBytes(path)); // UTF-8 without a byte-order mark
        Assert.Empty(Directory.GetFiles(_dir, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFileAndRemovesItsTemporary()
    {
        Directory.CreateDirectory(_dir);
        string target = Path.Combine(_dir, "taken");
        Directory.CreateDirectory(target); // a folder stands where the file should go: the final rename fails
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(target, "new"));
        Assert.True(Directory.Exists(target));
        Assert.Empty(Directory.GetFiles(_dir, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void StaleTemporariesAreCountedAndRemoved()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "blocks"));
        File.WriteAllText(Path.Combine(_dir, ".a.csv.1.1" + AtomicFile.TempSuffix), "half");
        File.WriteAllText(Path.Combine(_dir, "blocks", ".b.json.2.3" + AtomicFile.TempSuffix), "half");
        File.WriteAllText(Path.Combine(_dir, "keep.csv"), "whole");
        Assert.Equal(2, AtomicFile.RemoveStaleTemporaries(_dir));
        Assert.Equal(["keep.csv"], Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.Equal(0, AtomicFile.RemoveStaleTemporaries(Path.Combine(_dir, "missing")));
    }
}
