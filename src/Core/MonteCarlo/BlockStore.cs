using System.Collections.Concurrent;
using PhyToolkit.Core.IO;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// Durable store of finished blocks: one small JSON file per block in <c>blocks/</c>, written atomically (temporary
/// file, fsync, rename) as soon as the block finishes. Chosen over SQLite because it needs no native library, merges
/// shards by copying files, and a kill -9 can at worst leave a temporary file, which is removed on the next start.
/// </summary>
public sealed class BlockStore
{
    private readonly ConcurrentDictionary<(int Point, int Block), BlockRecord> _records = new();

    /// <summary>Opens (and creates) the store in <paramref name="directory"/>, loading every finished block.</summary>
    public BlockStore(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.RemoveStaleTemporaries(directory);
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "p*-b*.json"))
        {
            var r = BlockRecord.Parse(File.ReadAllBytes(file));
            if (Path.GetFileName(file) != BlockRecord.FileName(r.Point, r.Block))
                throw new InvalidDataException($"block file {file} holds point {r.Point} block {r.Block}");
            _records[(r.Point, r.Block)] = r;
        }
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>Number of stored blocks.</summary>
    public int Count => _records.Count;

    /// <summary>All stored blocks.</summary>
    public IEnumerable<BlockRecord> Records => _records.Values;

    /// <summary>The stored block, if any.</summary>
    public bool TryGet(int point, int block, out BlockRecord record) => _records.TryGetValue((point, block), out record!);

    /// <summary>Durably stores a finished block.</summary>
    public void Add(BlockRecord record)
    {
        AtomicFile.WriteAllBytes(Path.Combine(Directory, BlockRecord.FileName(record.Point, record.Block)), record.ToJson());
        _records[(record.Point, record.Block)] = record;
    }
}
