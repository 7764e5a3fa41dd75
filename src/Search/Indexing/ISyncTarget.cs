namespace Search.Indexing;

/// <summary>
/// Where a <see cref="DirectorySync"/> writes: one index (<see cref="IndexStore"/>), or the shards of a sharded index,
/// each document routed to its shard. The sync decides what to add, update, keep and delete; the target only writes.
/// </summary>
internal interface ISyncTarget
{
    /// <summary>Serialises folder syncs and starts tracking concurrent upserts; dispose to end the sync.</summary>
    Task<IDisposable> BeginSyncAsync(CancellationToken cancellationToken);

    /// <summary>A rebuild that has not committed yet.</summary>
    bool RebuildPending { get; }

    /// <summary>What the writer holds in memory: the sync flushes it to disk near the end when it is large.</summary>
    long BufferedBytes { get; }

    /// <summary>Every document indexed so far, by id, with the file it came from.</summary>
    Dictionary<string, IndexedFile> IndexedFiles();

    /// <summary>Writes a document read from a file; <paramref name="isNew"/> when the index held no document with its id.</summary>
    void WriteSynced(SeedDocument document, FileOrigin origin, bool isNew);

    void DeleteMany(IEnumerable<string> ids);

    /// <summary>Records in the next commit whether a sync of <paramref name="folder"/> is unfinished.</summary>
    void MarkSync(string folder, bool unfinished);

    void Commit();

    /// <summary>Discards every write since the last commit.</summary>
    void Rollback();

    /// <summary>Writes what is buffered to disk, without committing.</summary>
    void Flush();

    /// <summary>The ids of the documents in the last commit (a rebuild's deletions).</summary>
    HashSet<string> CommittedIds();

    /// <summary>During a rebuild, copies from the last commit the documents <paramref name="keep"/> selects.</summary>
    int CarryOver(Func<string, string?, bool> keep);
}

/// <summary>A document an index holds: its id, and for one read from a file, the file's content hash, folder and path.</summary>
internal sealed record IndexedFile(string Id, UInt128? Hash, string? Source, string? Path);
