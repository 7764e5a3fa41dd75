using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexing;

/// <summary>
/// Owns the Lucene side of one open index: its directory, the near-real-time <see cref="SearcherManager"/> and the
/// cross-process lock; its single <see cref="IndexWriter"/> (when writable) is run by a <see cref="WriterSession"/>, which
/// recovers it when a write fails.
/// </summary>
internal sealed class IndexStore : ISyncTarget, IDisposable
{
    // Lucene.Net hands out one shared TermsEnum.EMPTY wherever a multi-segment enumeration finds no term (a fuzzy, prefix or
    // typo lookup with no near word), and fuzzy and multi-term rewrites add a boost attribute to it: two searches doing
    // that first at once raced on its attribute map ("An item with the same key has already been added"). Adding it
    // once, before any search, leaves only reads.
    static IndexStore() => TermsEnum.EMPTY.Attributes.AddAttribute<Lucene.Net.Search.IBoostAttribute>();

    // A read-only store checks for new commits by other processes at most this often.
    private static readonly TimeSpan ReadOnlyRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly LuceneDirectory _directory;
    private readonly IndexLock? _lock;
    private readonly SearchIndexOptions _options;
    private readonly bool _readOnly;
    private readonly WriterSession? _session;
    private readonly ThreadLocal<IndexSchema.ReusableDocument> _documents = new(() => new IndexSchema.ReusableDocument(), trackAllValues: true);
    private readonly SyncIdGuard _ids = new();
    private volatile SearcherManager _searchers = null!;
    private volatile bool _rebuildPending;
    private readonly bool _replacesOtherFormat;
    private long _nextRefreshTimestamp;
    private long _formatCheckedVersion = -1;

    private IndexStore(string? path, LuceneDirectory directory, IndexLock? indexLock, SearchIndexOptions options, bool readOnly,
        bool replacesOtherFormat = false)
    {
        Path = path;
        _directory = directory;
        _lock = indexLock;
        _options = options;
        _readOnly = readOnly;
        _rebuildPending = options.Rebuild && !readOnly;
        _replacesOtherFormat = replacesOtherFormat;
        Analyzer = IndexSchema.CreateAnalyzer();
        if (!readOnly)
            _session = new WriterSession(Description, CreateWriter, () => _searchers.Dispose());
    }

    /// <summary>The index folder, or <see langword="null"/> in memory.</summary>
    public string? Path { get; }

    /// <summary>How the index is named in messages.</summary>
    public string Description => Path ?? "(in memory)";

    /// <summary>The analyzer documents were indexed with; queries and highlighting must use it too.</summary>
    public Analyzer Analyzer { get; }

    /// <summary>Whether this store can write.</summary>
    public bool IsReadOnly => _readOnly;

    /// <summary>A rebuild that has not committed yet: committing now would replace the old index with a partial one.</summary>
    public bool RebuildPending => _rebuildPending;

    public static IndexStore InMemory(SearchIndexOptions options) => OpenWriter(null, new RAMDirectory(), null, options with { ReadOnly = false });

    /// <summary>Opens a writable store over <paramref name="directory"/> (already locked, when on disk).</summary>
    /// <exception cref="IndexUnavailableException">The index is of another format (<see cref="IndexFormat"/>), and this is not a rebuild.</exception>
    public static IndexStore OpenWriter(string? path, LuceneDirectory directory, IndexLock? indexLock, SearchIndexOptions options)
    {
        IDictionary<string, string>? last = LastCommit.UserData(directory);
        bool exists = last is not null;
        bool otherFormat = exists && !IndexFormat.IsCurrent(last);
        if (otherFormat && !options.Rebuild)
            throw IndexFormat.Refused(path ?? "(in memory)");
        var store = new IndexStore(path, directory, indexLock, options, readOnly: false, replacesOtherFormat: otherFormat);
        try
        {
            store._session!.Start();
            // An empty commit makes a new folder a valid index for read-only openers at once. A rebuild makes none: its
            // first commit is its whole result, so readers wait for that rather than search a partial index.
            if (!exists && !options.Rebuild)
                store.Commit();
            return store;
        }
        catch
        {
            store.DisposeWriter(); // the caller still owns the directory and the lock
            throw;
        }
    }

    /// <summary>Opens a read-only store over an existing index in <paramref name="directory"/>.</summary>
    /// <exception cref="IndexUnavailableException">The index is of another format (<see cref="IndexFormat"/>).</exception>
    public static IndexStore OpenReader(string path, LuceneDirectory directory, SearchIndexOptions options)
    {
        var store = new IndexStore(path, directory, null, options, readOnly: true);
        try
        {
            store._searchers = new SearcherManager(directory, new RankingSearcherFactory());
            using (var lease = new SearcherLease(store._searchers))
                store.EnsureCurrentFormat(lease.Searcher.IndexReader);
            return store;
        }
        catch
        {
            store.DisposeWriter(); // the caller still owns the directory
            throw;
        }
    }

    /// <summary>The bytes of every file in the index directory.</summary>
    public long SizeBytes()
    {
        long total = 0;
        foreach (string file in _directory.ListAll())
        {
            try
            {
                total += _directory.FileLength(file);
            }
            catch (FileNotFoundException)
            {
                // merged away between listing and measuring
            }
        }
        return total;
    }

    /// <summary>Takes a searcher snapshot; a read-only store first picks up newer commits (at most once a second).</summary>
    public SearcherLease Lease()
    {
        if (_readOnly)
        {
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            long next = Interlocked.Read(ref _nextRefreshTimestamp);
            if (now >= next && Interlocked.CompareExchange(ref _nextRefreshTimestamp, now + (long)(ReadOnlyRefreshInterval.TotalSeconds * System.Diagnostics.Stopwatch.Frequency), next) == next)
                _searchers.MaybeRefresh();
        }
        SearcherLease lease;
        try
        {
            lease = new SearcherLease(_searchers);
        }
        catch (ObjectDisposedException) when (!_readOnly)
        {
            return new SearcherLease(_searchers); // the manager was replaced after a failed write while we picked it up
        }
        if (_readOnly)
        {
            try
            {
                EnsureCurrentFormat(lease.Searcher.IndexReader);
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }
        return lease;
    }

    /// <summary>Refuses a commit of another format: the one a read-only store opened, or a newer one it picked up (another
    /// version of Search may have rebuilt the index meanwhile). Each commit is checked once: a query costs a comparison.</summary>
    private void EnsureCurrentFormat(IndexReader reader)
    {
        if (reader is not DirectoryReader commit || commit.Version == Interlocked.Read(ref _formatCheckedVersion))
            return;
        if (!IndexFormat.IsCurrent(commit.IndexCommit.UserData))
            throw IndexFormat.Refused(Description);
        Interlocked.Exchange(ref _formatCheckedVersion, commit.Version);
    }

    /// <summary>Adds or replaces the document with this id.</summary>
    public void Upsert(SeedDocument document) => Session.Run((this, document), static (writer, call) =>
    {
        (IndexStore store, SeedDocument document) = call;
        lock (store._ids.StripeFor(document.Id))
        {
            store._ids.NoteUpsert(document.Id);
            writer.UpdateDocument(IndexSchema.IdTerm(document.Id), store._documents.Value!.Fill(document, null));
        }
    });

    /// <summary>Writes a document read by a folder sync; <paramref name="isNew"/> when the sync found no document with
    /// its id, which lets it be added rather than replaced (see <see cref="SyncIdGuard"/>).</summary>
    public void WriteSynced(SeedDocument document, FileOrigin origin, bool isNew) => Session.Run((this, document, origin, isNew), static (writer, call) =>
    {
        (IndexStore store, SeedDocument document, FileOrigin origin, bool isNew) = call;
        lock (store._ids.StripeFor(document.Id))
        {
            Lucene.Net.Documents.Document lucene = store._documents.Value!.Fill(document, origin);
            if (isNew && !store._ids.UpsertedDuringSync(document.Id))
                writer.AddDocument(lucene);
            else
                writer.UpdateDocument(IndexSchema.IdTerm(document.Id), lucene);
        }
    });

    /// <summary>Serialises folder syncs and starts tracking concurrent upserts; dispose to end the sync.</summary>
    public Task<IDisposable> BeginSyncAsync(CancellationToken cancellationToken) => _ids.BeginSyncAsync(cancellationToken);

    /// <summary>Deletes the document with <paramref name="id"/>; says whether there was one, counting uncommitted upserts.</summary>
    public bool Delete(string id) => Session.Run((this, IndexSchema.IdTerm(id)), static (writer, call) =>
    {
        (IndexStore store, Term term) = call;
        bool exists = store.Contains(term);
        if (!exists && store._searchers.MaybeRefresh())
            exists = store.Contains(term); // it may be an upsert the current snapshot does not show yet
        writer.DeleteDocuments(term);
        return exists;
    });

    public void DeleteMany(IEnumerable<string> ids) => Session.Run(ids, static (writer, ids) =>
    {
        foreach (string id in ids)
            writer.DeleteDocuments(IndexSchema.IdTerm(id));
    });

    private bool Contains(Term term)
    {
        using SearcherLease lease = Lease();
        return lease.Searcher.IndexReader.DocFreq(term) > 0 && lease.Searcher.Search(new TermQuery(term), 1).TotalHits > 0;
    }

    /// <summary>Makes everything written so far durable, then shows it to new searches.</summary>
    public void Commit()
    {
        using System.Diagnostics.Activity? activity = SearchTelemetry.StartCommit();
        try
        {
            Session.Run(this, static (writer, store) =>
            {
                writer.Commit();
                store._rebuildPending = false;
                store._searchers.MaybeRefreshBlocking();
            });
        }
        catch (Exception e) when (SearchTelemetry.Failed(activity, "commit", e))
        {
            throw; // not reached: the filter records the failure and lets the exception pass
        }
        if (Session.TakeMergeFailure() is { } mergeFailure && _options.Logger is { } logger)
            Log.MergeFailed(logger, Description, ExceptionText.Summary(mergeFailure));
    }

    /// <summary>Records in the next commit whether a sync of <paramref name="folder"/> has committed part of its work without
    /// finishing, so that readers can say the index holds only part of that folder; other folders' records stay.</summary>
    public void MarkSync(string folder, bool unfinished) => Session.Run((folder, unfinished), static (writer, call) =>
    {
        if (UnfinishedSyncRecords.With(writer.CommitData, call.folder, call.unfinished) is { } data)
            writer.SetCommitData(data);
    });

    /// <summary>The folders whose syncs are unfinished, in ordinal order: as the writer will commit them, or, read-only, as the
    /// commit of <paramref name="reader"/> says (a near-real-time reader does not change when only commit data does).</summary>
    public IReadOnlyList<string> UnfinishedSyncs(IndexReader reader) =>
        UnfinishedSyncRecords.Folders(_session?.Writer is { } writer ? writer.CommitData : (reader as DirectoryReader)?.IndexCommit.UserData);

    /// <summary>Every live document, by id, with the file it came from (after showing uncommitted writes to searches).</summary>
    public Dictionary<string, IndexedFile> IndexedFiles()
    {
        Refresh();
        var indexed = new Dictionary<string, IndexedFile>(StringComparer.Ordinal);
        var scratch = new Lucene.Net.Util.BytesRef();
        using SearcherLease lease = Lease();
        foreach (AtomicReaderContext leaf in lease.Searcher.IndexReader.Leaves)
        {
            AtomicReader reader = leaf.AtomicReader;
            SortedDocValues? ids = reader.GetSortedDocValues(IndexSchema.Id);
            if (ids is null)
                continue;
            var origins = new SegmentOrigins(reader);
            Lucene.Net.Util.IBits? live = reader.LiveDocs;
            for (int doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (live is not null && !live.Get(doc))
                    continue;
                ids.Get(doc, scratch);
                string id = scratch.Utf8ToString();
                indexed[id] = origins.Read(doc) is { } origin
                    ? new IndexedFile(id, origin.Hash, origin.Folder, origins.FilePath(doc, id, origin.Folder))
                    : new IndexedFile(id, null, null, null);
            }
        }
        return indexed;
    }

    /// <summary>The ids of the documents in the last commit (none when there is no commit).</summary>
    public HashSet<string> CommittedIds() => LastCommit.Ids(_directory);

    /// <summary>During a rebuild, copies into it from the last commit the documents that <paramref name="keep"/> selects by id
    /// and origin folder (<see langword="null"/> for upserted ones), exactly as they were indexed; returns how many.</summary>
    public int CarryOver(Func<string, string?, bool> keep) => Session.Run((this, keep), static (writer, call) =>
    {
        (IndexStore store, Func<string, string?, bool> keep) = call;
        // Documents of another format cannot be copied into this one: they are indexed as the other version did it.
        if (store._replacesOtherFormat || !DirectoryReader.IndexExists(store._directory))
            return 0;
        using DirectoryReader last = DirectoryReader.Open(store._directory); // a rebuild has not committed: this is the old index
        (IndexReader[] selected, int total) = LastCommit.Select(last, keep);
        if (total > 0)
            writer.AddIndexes(selected);
        return total;
    });

    /// <summary>What the writer holds in memory: documents not yet flushed, and flushes under way.</summary>
    public long BufferedBytes => Session.Run(0, static (writer, _) => writer.RamSizeInBytes());

    /// <summary>Writes what the writer buffers to new segments (merging them as the policy says), without committing, then
    /// syncs the files written so far to disk, so that the next commit is left only what comes after.</summary>
    public void Flush()
    {
        Session.Run(0, static (writer, _) => writer.Flush(triggerMerge: true, applyAllDeletes: false));
        SyncWrittenFiles();
    }

    // A commit fsyncs every file written since the last one, one by one, while the indexing threads wait for it (figures
    // in benchmarks/README.md's measurement notes). Lucene's FSDirectory syncs only files that are complete and not yet
    // synced, and forgets them once synced, so syncing early is a head start and nothing more: a file that fails here, or
    // that a merge deletes meanwhile, is left to the commit, which syncs (and reports) whatever is still unsynced.
    private void SyncWrittenFiles()
    {
        try
        {
            _directory.Sync(_directory.ListAll());
        }
        catch (IOException)
        {
            // the commit syncs it
        }
    }

    /// <summary>Shows uncommitted writes to new searches without making them durable.</summary>
    public void Refresh() => Session.Run(this, static (_, store) => store._searchers.MaybeRefreshBlocking());

    private WriterSession Session => _session ?? throw new InvalidOperationException(
        "This index was opened read-only (SearchIndexOptions.ReadOnly); open it without ReadOnly to write.");

    /// <summary>Opens the writer and the near-real-time searchers over it.</summary>
    private (IndexWriter, SafeMergeScheduler) CreateWriter()
    {
        var merges = new SafeMergeScheduler();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, Analyzer)
        {
            // CREATE keeps the old commit until the new one replaces it, so a rebuild that dies loses nothing.
            OpenMode = _rebuildPending ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = Ranking.Similarity,
            RAMBufferSizeMB = _options.RamBufferSizeMB,
            MergeScheduler = merges,
            // Freshly flushed segments stay as separate files rather than being copied into a compound file: most are
            // merged soon anyway, and the merge policy still packs small merged segments into compound files (figures in
            // benchmarks/README.md's measurement notes).
            UseCompoundFile = false,
        };
        var writer = new IndexWriter(_directory, config);
        try
        {
            // Every commit records the format it is written in (set once, the writer keeps it for each commit). CREATE
            // keeps the old commit's data, which a rebuild replaces.
            IDictionary<string, string> data = _rebuildPending ? new Dictionary<string, string>() : writer.CommitData;
            if (!IndexFormat.IsCurrent(data))
                writer.SetCommitData(IndexFormat.RecordIn(data));
            _searchers = new SearcherManager(writer, true, new RankingSearcherFactory());
        }
        catch
        {
            // A writer left open would hold write.lock, and every later attempt to reopen would fail until the process exits.
            WriterSession.RollBackQuietly(writer);
            throw;
        }
        return (writer, merges);
    }

    /// <summary>Discards every write since the last commit, from whichever caller, and shows the last commit to searches
    /// again; a rebuild that has not committed starts over. For an operation that was cancelled or failed half-way, so that
    /// nothing it wrote can be committed later (by <see cref="Dispose"/> or another caller's commit).</summary>
    public void Rollback() => _session?.RollBack();

    /// <summary>Commits pending writes and closes everything; a rebuild that has not committed is rolled back instead, so the
    /// old index stays as it was. If that last commit fails, the writes are rolled back and <see cref="IndexWriteException"/>
    /// says so, but the files and the folder's lock are released all the same.</summary>
    public void Dispose()
    {
        try
        {
            DisposeWriter();
        }
        finally
        {
            _directory.Dispose();
            _lock?.Dispose();
        }
    }

    private void DisposeWriter()
    {
        foreach (IndexSchema.ReusableDocument document in _documents.Values)
            document.Dispose();
        _documents.Dispose();
        _ids.Dispose();
        try
        {
            _searchers?.Dispose();
            CloseWriter();
        }
        finally
        {
            Analyzer.Dispose();
        }
    }

    // Closing would commit, and a rebuild's writer replaces the whole index with what it holds (even nothing).
    private void CloseWriter() => _session?.Close(discard: _rebuildPending);
}
