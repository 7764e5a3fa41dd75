using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexing;

/// <summary>
/// Owns the Lucene side of one open index: its directory, the single <see cref="IndexWriter"/>, the near-real-time
/// <see cref="SearcherManager"/> and the cross-process lock. When a write fails (a full disk, an I/O error) it rolls the
/// writer back to the last commit and opens a fresh one, so the index stays usable.
/// </summary>
internal sealed class IndexStore : IDisposable
{
    // A read-only store checks for new commits by other processes at most this often.
    private static readonly TimeSpan ReadOnlyRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly LuceneDirectory _directory;
    private readonly IndexLock? _lock;
    private readonly SearchIndexOptions _options;
    private readonly bool _readOnly;
    private readonly object _recovery = new();
    private readonly ThreadLocal<IndexSchema.ReusableDocument> _documents = new(() => new IndexSchema.ReusableDocument());
    private readonly SyncIdGuard _ids = new();
    private volatile WriterState? _writer;
    private volatile SearcherManager _searchers = null!;
    private volatile bool _rebuildPending;
    private long _nextRefreshTimestamp;

    private IndexStore(string? path, LuceneDirectory directory, IndexLock? indexLock, SearchIndexOptions options, bool readOnly)
    {
        Path = path;
        _directory = directory;
        _lock = indexLock;
        _options = options;
        _readOnly = readOnly;
        _rebuildPending = options.Rebuild && !readOnly;
        Analyzer = IndexSchema.CreateAnalyzer();
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
    public static IndexStore OpenWriter(string? path, LuceneDirectory directory, IndexLock? indexLock, SearchIndexOptions options)
    {
        var store = new IndexStore(path, directory, indexLock, options, readOnly: false);
        try
        {
            bool exists = DirectoryReader.IndexExists(directory);
            store.StartWriter();
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
    public static IndexStore OpenReader(string path, LuceneDirectory directory, SearchIndexOptions options)
    {
        var store = new IndexStore(path, directory, null, options, readOnly: true);
        store._searchers = new SearcherManager(directory, new RankingSearcherFactory());
        return store;
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

    /// <summary>The directory, for index checks.</summary>
    public LuceneDirectory Directory => _directory;

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
        try
        {
            return new SearcherLease(_searchers);
        }
        catch (ObjectDisposedException) when (!_readOnly)
        {
            return new SearcherLease(_searchers); // the manager was replaced after a failed write while we picked it up
        }
    }

    /// <summary>Adds or replaces the document with this id.</summary>
    public void Upsert(SeedDocument document)
    {
        WriterState state = Writer;
        try
        {
            lock (_ids.StripeFor(document.Id))
            {
                _ids.NoteUpsert(document.Id);
                state.Writer.UpdateDocument(IndexSchema.IdTerm(document.Id), _documents.Value!.Fill(document, null));
            }
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
    }

    /// <summary>Writes a document read by a folder sync; <paramref name="isNew"/> when the sync found no document with
    /// its id, which lets it be added rather than replaced (see <see cref="SyncIdGuard"/>).</summary>
    public void WriteSynced(SeedDocument document, FileOrigin origin, bool isNew)
    {
        WriterState state = Writer;
        try
        {
            lock (_ids.StripeFor(document.Id))
            {
                Lucene.Net.Documents.Document lucene = _documents.Value!.Fill(document, origin);
                if (isNew && !_ids.UpsertedDuringSync(document.Id))
                    state.Writer.AddDocument(lucene);
                else
                    state.Writer.UpdateDocument(IndexSchema.IdTerm(document.Id), lucene);
            }
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
    }

    /// <summary>Serialises folder syncs and starts tracking concurrent upserts; dispose to end the sync.</summary>
    public Task<IDisposable> BeginSyncAsync(CancellationToken cancellationToken) => _ids.BeginSyncAsync(cancellationToken);

    /// <summary>Deletes the document with <paramref name="id"/>; says whether there was one, counting uncommitted upserts.</summary>
    public bool Delete(string id)
    {
        WriterState state = Writer;
        Term term = IndexSchema.IdTerm(id);
        try
        {
            bool exists = Contains(term);
            if (!exists && _searchers.MaybeRefresh())
                exists = Contains(term); // it may be an upsert the current snapshot does not show yet
            state.Writer.DeleteDocuments(term);
            return exists;
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
    }

    public void DeleteMany(IEnumerable<string> ids)
    {
        WriterState state = Writer;
        try
        {
            foreach (string id in ids)
                state.Writer.DeleteDocuments(IndexSchema.IdTerm(id));
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
    }

    private bool Contains(Term term)
    {
        using SearcherLease lease = Lease();
        return lease.Searcher.IndexReader.DocFreq(term) > 0 && lease.Searcher.Search(new TermQuery(term), 1).TotalHits > 0;
    }

    /// <summary>Makes everything written so far durable, then shows it to new searches.</summary>
    public void Commit()
    {
        WriterState state = Writer;
        try
        {
            state.Writer.Commit();
            _rebuildPending = false;
            _searchers.MaybeRefreshBlocking();
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
        if (state.Merges.TakeFailure() is { } mergeFailure && _options.Logger is { } logger)
            Log.MergeFailed(logger, Description, ExceptionText.Summary(mergeFailure));
    }

    /// <summary>Records in the next commit whether a sync of <paramref name="folder"/> has committed part of its work without
    /// finishing, so that readers can say the index holds only part of that folder; other folders' records stay.</summary>
    public void MarkSync(string folder, bool unfinished)
    {
        WriterState state = Writer;
        try
        {
            if (UnfinishedSyncRecords.With(state.Writer.CommitData, folder, unfinished) is { } data)
                state.Writer.SetCommitData(data);
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
    }

    /// <summary>The folders whose syncs are unfinished, in ordinal order: as the writer will commit them, or, read-only, as the
    /// commit of <paramref name="reader"/> says (a near-real-time reader does not change when only commit data does).</summary>
    public IReadOnlyList<string> UnfinishedSyncs(IndexReader reader) =>
        UnfinishedSyncRecords.Folders(_writer is { } state ? state.Writer.CommitData : (reader as DirectoryReader)?.IndexCommit.UserData);

    /// <summary>The ids of the documents in the last commit (none when there is no commit).</summary>
    public HashSet<string> CommittedIds() => LastCommit.Ids(_directory);

    /// <summary>During a rebuild, copies into it from the last commit the documents that <paramref name="keep"/> selects by id
    /// and origin folder (<see langword="null"/> for upserted ones), exactly as they were indexed; returns how many.</summary>
    public int CarryOver(Func<string, string?, bool> keep)
    {
        WriterState state = Writer;
        try
        {
            if (!DirectoryReader.IndexExists(_directory))
                return 0;
            using DirectoryReader last = DirectoryReader.Open(_directory); // a rebuild has not committed: this is the old index
            (IndexReader[] selected, int total) = LastCommit.Select(last, keep);
            if (total > 0)
                state.Writer.AddIndexes(selected);
            return total;
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
    }

    /// <summary>What the writer holds in memory: documents not yet flushed, and flushes under way.</summary>
    public long BufferedBytes
    {
        get
        {
            WriterState state = Writer;
            try
            {
                return state.Writer.RamSizeInBytes();
            }
            catch (Exception e) when (IsWriterFailure(e))
            {
                throw Recover(state, e);
            }
        }
    }

    /// <summary>Writes what the writer buffers to new segments (merging them as the policy says), without committing, then
    /// syncs the files written so far to disk, so that the next commit is left only what comes after.</summary>
    public void Flush()
    {
        WriterState state = Writer;
        try
        {
            state.Writer.Flush(triggerMerge: true, applyAllDeletes: false);
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
        SyncWrittenFiles();
    }

    // A commit fsyncs every file written since the last one, one by one, while the indexing threads wait for it: 0.10-0.17 s
    // at the end of a 4 s sync. Lucene's FSDirectory syncs only files that are complete and not yet synced, and forgets
    // them once synced, so syncing early is a head start and nothing more: a file that fails here, or that a merge
    // deletes meanwhile, is left to the commit, which syncs (and reports) whatever is still unsynced.
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
    public void Refresh()
    {
        WriterState? state = _writer;
        try
        {
            _searchers.MaybeRefreshBlocking();
        }
        catch (Exception e) when (state is not null && IsWriterFailure(e))
        {
            throw Recover(state, e);
        }
    }

    private WriterState Writer
    {
        get
        {
            if (_readOnly)
            {
                throw new InvalidOperationException(
                    "This index was opened read-only (SearchIndexOptions.ReadOnly); open it without ReadOnly to write.");
            }
            return _writer ?? ReopenAfterFailure();
        }
    }

    private void StartWriter()
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
            // merged soon anyway, and the merge policy still packs small merged segments into compound files. Measured
            // on Reuters x4, this saved 3-7% of indexing time (see benchmarks/README.md).
            UseCompoundFile = false,
        };
        var writer = new IndexWriter(_directory, config);
        if (_rebuildPending)
            writer.SetCommitData(new Dictionary<string, string>()); // CREATE keeps the old commit's data, which a rebuild replaces
        _searchers = new SearcherManager(writer, true, new RankingSearcherFactory());
        _writer = new WriterState(writer, merges);
    }

    /// <summary>Discards every write since the last commit, from whichever caller, and shows the last commit to searches
    /// again; a rebuild that has not committed starts over. For an operation that was cancelled or failed half-way, so that
    /// nothing it wrote can be committed later (by <see cref="Dispose"/> or another caller's commit).</summary>
    public void Rollback()
    {
        if (_writer is { } state)
            RollBackAndReopen(state);
    }

    /// <summary>Rolls the failed writer back to the last commit and opens a new one; returns the error to throw.</summary>
    private IndexWriteException Recover(WriterState failed, Exception cause)
    {
        RollBackAndReopen(failed);
        return WriteFailed(cause);
    }

    private void RollBackAndReopen(WriterState state)
    {
        lock (_recovery)
        {
            if (!ReferenceEquals(_writer, state))
                return; // another thread rolled it back already
            _writer = null;
            SearcherManager stale = _searchers;
            RollBackQuietly(state.Writer); // a failing rollback has still closed the writer; the next write opens a new one
            stale.Dispose();
            TryStartWriter();
        }
    }

    private WriterState ReopenAfterFailure()
    {
        lock (_recovery)
        {
            if (_writer is null)
            {
                try
                {
                    StartWriter();
                }
                catch (Exception e) when (IsWriterFailure(e))
                {
                    throw WriteFailed(e);
                }
            }
            return _writer!;
        }
    }

    private void TryStartWriter()
    {
        try
        {
            StartWriter();
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            // Still failing (the disk is still full): the next write tries again and reports it.
        }
    }

    /// <summary>Failures that leave the writer unusable until it is rolled back, as opposed to a bad document.</summary>
    /// <remarks>Lucene.Net sometimes hands the I/O error on inside other exceptions: a merge policy that cannot read a
    /// segment's size fails a sort, which .NET reports as an <see cref="InvalidOperationException"/> around a
    /// <c>LuceneSystemException</c> around the <see cref="IOException"/>.</remarks>
    private static bool IsWriterFailure(Exception e) => Cause(e) is not null;

    /// <summary>The storage failure in <paramref name="e"/> or among its inner exceptions, if there is one.</summary>
    private static Exception? Cause(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is IOException or ObjectDisposedException or OutOfMemoryException)
                return current;
        }
        return null;
    }

    private IndexWriteException WriteFailed(Exception e) => new(Description, Cause(e) ?? e);

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

    private void CloseWriter()
    {
        WriterState? state = _writer;
        _writer = null;
        if (state is null)
            return;
        if (_rebuildPending)
        {
            // Closing would commit, and a rebuild's writer replaces the whole index with what it holds (even nothing).
            RollBackQuietly(state.Writer);
            return;
        }
        try
        {
            state.Writer.Dispose(); // commits pending writes and waits for running merges
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            // A writer whose closing commit failed still holds its files and Lucene's lock; rolling back releases them.
            RollBackQuietly(state.Writer);
            throw WriteFailed(e);
        }
    }

    /// <summary>Discards the writer's uncommitted changes and closes it with its files.</summary>
    private static void RollBackQuietly(IndexWriter writer)
    {
        try
        {
            writer.Rollback();
        }
        catch (Exception e) when (IsWriterFailure(e))
        {
            // closed as far as it can be
        }
    }

    private sealed record WriterState(IndexWriter Writer, SafeMergeScheduler Merges);
}
