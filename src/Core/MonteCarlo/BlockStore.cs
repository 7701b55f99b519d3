using System.Collections.Concurrent;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.IO;

namespace PhyToolkit.Core.MonteCarlo;

/// <summary>
/// Durable store of finished blocks: one small JSON file per block in <c>blocks/</c>, written atomically (temporary
/// file, fsync, rename) as soon as the block finishes. Chosen over SQLite because it needs no native library, merges
/// shards by copying files, and a kill -9 can at worst leave a temporary file, which is removed on the next start.
/// Every block is verified as it is loaded (readable, its checksum, and, when the store knows its run, the run's
/// scenario hash, master seed and block seed, and the plan's points), and a block that fails is refused naming its file.
/// </summary>
public sealed class BlockStore
{
    private readonly ConcurrentDictionary<(int Point, int Block), BlockRecord> _records = new();
    private readonly BlockProvenance? _provenance;

    /// <summary>Opens (and creates) the store in <paramref name="directory"/>, loading and verifying every finished block.</summary>
    /// <param name="directory">The blocks/ folder.</param>
    /// <param name="provenance">The run the blocks must belong to (checked on load, stamped on <see cref="Add"/>), or null
    /// to check checksums only.</param>
    /// <param name="plan">The plan the blocks must fit (point labels, indices, version), or null.</param>
    /// <param name="readOnly">Open another process's store (a shard to merge): create nothing, remove no temporary file.</param>
    /// <exception cref="ConfigException">A block file is unreadable, edited, or belongs to another run (the path is the file).</exception>
    public BlockStore(string directory, BlockProvenance? provenance = null, SweepPlan? plan = null, bool readOnly = false)
    {
        Directory = directory;
        _provenance = provenance;
        if (!readOnly)
        {
            System.IO.Directory.CreateDirectory(directory);
            AtomicFile.RemoveStaleTemporaries(directory);
        }
        foreach (var (file, record, problem) in Inspect(directory, provenance, plan))
        {
            if (problem != null) throw new ConfigException(file, problem + "; the directory cannot be used as it is ('phytk verify' lists every problem)");
            _records[(record!.Point, record.Block)] = record;
        }
    }

    /// <summary>
    /// Reads and checks every block file of <paramref name="directory"/> in name order without keeping them: for each file
    /// the record (null when unreadable) and the first problem found (null when the block is sound).
    /// </summary>
    public static IEnumerable<(string File, BlockRecord? Record, string? Problem)> Inspect(string directory, BlockProvenance? provenance, SweepPlan? plan)
    {
        if (!System.IO.Directory.Exists(directory)) yield break;
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "p*-b*.json").Order(StringComparer.Ordinal))
        {
            BlockRecord? r = null;
            string? problem;
            try
            {
                r = BlockRecord.Parse(File.ReadAllBytes(file));
                problem = Path.GetFileName(file) != BlockRecord.FileName(r.Point, r.Block)
                    ? $"holds point {r.Point} block {r.Block}, which belongs in {BlockRecord.FileName(r.Point, r.Block)}"
                    : provenance != null ? r.ProvenanceProblem(provenance)
                    : r.Checksum != null && r.Checksum != r.ComputeChecksum() ? "checksum mismatch: its content was changed after it was written" : null;
                if (problem == null && plan != null) problem = r.IncompatibilityWith(plan);
            }
            catch (InvalidDataException e) { problem = e.Message; }
            catch (IOException e) { problem = "cannot be read: " + e.Message; }
            yield return (file, r, problem);
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

    /// <summary>Durably stores a finished block (stamped with the store's run, with a checksum of its content).</summary>
    public void Add(BlockRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_provenance != null) record = record.StampedWith(_provenance);
        byte[] json = record.ToJson();
        AtomicFile.WriteAllBytes(Path.Combine(Directory, BlockRecord.FileName(record.Point, record.Block)), json);
        _records[(record.Point, record.Block)] = record;
    }
}
