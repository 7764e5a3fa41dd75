using System.Diagnostics;
using Lucene.Net.Search;
using Search.Indexing;
using Search.Querying;

namespace Search;

/// <summary>
/// A full-text index of <see cref="SeedDocument"/>s, on disk or in memory: index folders of seed files,
/// upsert and delete documents, and search with ranked, highlighted results.
/// </summary>
/// <remarks>
/// <para><b>One writer, many readers.</b> A <see cref="SearchIndex"/> owns the index folder's single writer.
/// A second writer, in this process or another, gets <see cref="IndexLockedException"/>. Open with
/// <see cref="SearchIndexOptions.ReadOnly"/> to search an index while another process writes it.</para>
/// <para><b>Thread safety.</b> All members are safe to call from many threads at once. Each search reads one
/// consistent snapshot, so its hits, stored fields and highlights always agree, whatever is written meanwhile.</para>
/// <para><b>Visibility and durability.</b> Writes become visible to searches and durable when
/// <see cref="CommitAsync"/> returns (<see cref="IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> commits before it returns). A crash
/// loses at most the writes since the last commit. <see cref="Dispose"/> commits pending writes, except a
/// <see cref="SearchIndexOptions.Rebuild"/> that has not committed yet, which it rolls back.</para>
/// <para><b>All or nothing on failure.</b> A cancelled or failed <see cref="IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/>, and a failed write or
/// commit, discard every uncommitted write (other callers' too) and leave the index at its last commit, so nothing half
/// done is ever committed later.</para>
/// </remarks>
public sealed class SearchIndex : IDisposable
{
    private readonly IndexStore _store;
    private readonly SearchIndexOptions _options;
    private readonly SearchExecutor _executor;
    private readonly Completer _completer;
    private readonly OperationGate _gate = new();
    private readonly CancellationTokenSource _disposing = new();

    private SearchIndex(IndexStore store, SearchIndexOptions options)
    {
        _store = store;
        _options = options;
        _executor = new SearchExecutor(store, options);
        _completer = new Completer(store, options);
        if (options.Logger is { } logger)
            Log.IndexOpened(logger, store.Path ?? "(in memory)", Count, store.IsReadOnly);
    }

    /// <summary>Opens the index in <paramref name="path"/>, creating the folder and an empty index if needed (with
    /// <see cref="SearchIndexOptions.Rebuild"/>, a new folder gets no index until the rebuild's first commit).</summary>
    /// <param name="path">The index folder. It must be an index or empty (or not exist yet).</param>
    /// <param name="options">How to open it; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <see cref="ArgumentException.ParamName"/> is the
    /// property, and the message names it and its value.</exception>
    /// <exception cref="IndexLockedException">Another writer holds the index.</exception>
    /// <exception cref="IndexUnavailableException">The folder holds something else, cannot be read, (read-only) holds no index,
    /// or holds an index written by another version of Search (<see cref="IndexUnavailableException.IsOtherFormat"/>; open
    /// it with <see cref="SearchIndexOptions.Rebuild"/> to replace it).</exception>
    public static SearchIndex Open(string path, SearchIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options = (options ?? new SearchIndexOptions()).Validate();
        return new SearchIndex(IndexFolder.Open(path, options), options);
    }

    /// <summary>Opens an index in a Lucene directory of the caller's, for tests that wrap a directory to inject faults.</summary>
    internal static SearchIndex Open(Lucene.Net.Store.Directory directory, SearchIndexOptions? options = null)
    {
        options = (options ?? new SearchIndexOptions()).Validate();
        return new SearchIndex(IndexStore.OpenWriter(null, directory, null, options), options);
    }

    /// <summary>Creates an empty index in memory: fast and private to this object, for tests and small collections.</summary>
    /// <param name="options">How to run it; defaults when <see langword="null"/>. <see cref="SearchIndexOptions.ReadOnly"/> is ignored.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <see cref="ArgumentException.ParamName"/> is the
    /// property, and the message names it and its value.</exception>
    public static SearchIndex InMemory(SearchIndexOptions? options = null)
    {
        options = (options ?? new SearchIndexOptions()).Validate();
        return new SearchIndex(IndexStore.InMemory(options), options);
    }

    /// <summary>The full path of the index folder, or <see langword="null"/> for an index in memory.</summary>
    public string? Path => _store.Path;

    /// <summary>The number of documents visible to searches (committed, or written and refreshed).</summary>
    public long Count
    {
        get
        {
            using OperationGate.Entry entry = _gate.Enter();
            return SnapshotReader.Count(_store);
        }
    }

    /// <summary>
    /// Brings the index in line with the <c>*.txt</c> seed files under <paramref name="folder"/> (recursively): adds new
    /// files, updates changed ones, skips unchanged ones by content hash, deletes documents whose files are gone,
    /// and reports each bad file in <see cref="IndexReport.Failures"/> while indexing all good ones. Commits before it returns.
    /// </summary>
    /// <remarks>On the caller's thread, before the call returns its task: checking the folder and listing it recursively,
    /// then, when no other sync of this index is running (otherwise this one waits for it without blocking and goes on on
    /// the thread pool), reading which files the index holds and their hashes.
    /// Reading, parsing and analysing the files runs on a thread of its own that fans out to
    /// <see cref="SearchIndexOptions.IndexingThreads"/> thread-pool threads; those also make the paced commits
    /// (<see cref="SearchIndexOptions.CommitEveryDocuments"/>). The deletions and the final commit, with its fsyncs, run on
    /// the thread-pool thread that picks up after them (on the caller's only when all that finished before the call could
    /// return, as for a folder with nothing to read). <see cref="DirectorySyncOptions.Progress"/> is called from the indexing
    /// threads (a <see cref="Progress{T}"/> posts to the context it was created on). With a
    /// <see cref="DirectorySyncOptions.Metadata"/> table, the documents get their <see cref="SeedDocument.Tags"/> from its
    /// rows; the table is read whole, on the caller's thread, before anything is indexed.</remarks>
    /// <param name="folder">The folder; document ids are file paths relative to it, without extension.</param>
    /// <param name="options">The progress to report and the metadata table to take tags from (<see cref="DirectorySyncOptions.Metadata"/>).</param>
    /// <param name="cancellationToken">Stops between documents. Nothing more is committed then: the index goes back to its
    /// last commit (the one before the sync, or the sync's last paced commit, which the next run finishes), and every
    /// uncommitted write, other callers' included, is discarded.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The metadata table does not exist; nothing was indexed.</exception>
    /// <exception cref="IOException">The metadata table cannot be read; nothing was indexed.</exception>
    /// <exception cref="SearchException">The metadata table is not UTF-8 text, or its header row is missing or names a column
    /// that is not a valid tag name; nothing was indexed.</exception>
    /// <exception cref="ArgumentException">An option is not valid; <see cref="ArgumentException.ParamName"/> is the property.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the index is being disposed.</exception>
    /// <exception cref="IndexWriteException">Writing failed (a full disk, an I/O error); the index is back at its last commit.</exception>
    public Task<IndexReport> IndexDirectoryAsync(string folder, DirectorySyncOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SyncDirectoryAsync(folder, options.Validate(), commit: true, cancellationToken);
    }

    /// <summary><see cref="IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> with progress only, and no
    /// metadata table.</summary>
    /// <param name="folder">The folder; document ids are file paths relative to it, without extension.</param>
    /// <param name="progress">Receives progress a few times a second, and once at the end.</param>
    /// <param name="cancellationToken">Stops between documents, as for the other overload.</param>
    public Task<IndexReport> IndexDirectoryAsync(string folder, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SyncDirectoryAsync(folder, new DirectorySyncOptions { Progress = progress }, commit: true, cancellationToken);

    /// <summary><see cref="IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/>, optionally without its final
    /// commit: a rebuild of several folders (the CLI's) commits once, after the last, so that stopping in any folder leaves
    /// the old index whole.</summary>
    internal async Task<IndexReport> SyncDirectoryAsync(string folder, DirectorySyncOptions options, bool commit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        using OperationGate.Entry entry = _gate.Enter();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        using Activity? activity = SearchTelemetry.StartSync(folder);
        try
        {
            IndexReport report = await new DirectorySync(_store, _options).RunAsync(folder, options, commit, linked.Token).ConfigureAwait(false);
            SearchTelemetry.Synced(activity, report);
            return report;
        }
        catch (Exception e) when (SearchTelemetry.Failed(activity, "sync", e))
        {
            throw; // not reached: the filter records the failure and lets the exception pass
        }
    }

    /// <summary>Adds <paramref name="document"/>, or replaces the document with the same id. Visible to searches
    /// and durable after the next <see cref="CommitAsync"/>.</summary>
    /// <remarks>Runs to the end on the caller's thread and returns a completed task: it analyses the document and adds it to
    /// the writer's memory buffer. When that buffer reaches <see cref="SearchIndexOptions.RamBufferSizeMB"/>, this call also
    /// writes the buffered documents to disk as a new segment (no fsync; that waits for the commit). Call it through
    /// <see cref="Task.Run(Func{Task})"/> if the caller's thread must not do that work (a UI thread).</remarks>
    /// <param name="document">The document. Its id must be non-empty and at most 4,096 characters; its tags must follow
    /// the rules of <see cref="SeedDocument.Tags"/>.</param>
    /// <exception cref="ArgumentException">The id or a tag is not valid; <see cref="ArgumentException.ParamName"/> is the
    /// property (<c>document.Id</c>, <c>document.Tags</c>), and the message names the tag, its value and what is wrong.</exception>
    /// <param name="cancellationToken">Checked before the write.</param>
    public Task UpsertAsync(SeedDocument document, CancellationToken cancellationToken = default)
    {
        ValidateDocument(document);
        cancellationToken.ThrowIfCancellationRequested();
        using OperationGate.Entry entry = _gate.Enter();
        try
        {
            _store.Upsert(document);
        }
        catch (Exception e) when (SearchTelemetry.Failed(null, "upsert", e))
        {
            throw; // not reached: the filter records the failure and lets the exception pass
        }
        SearchTelemetry.Upserted();
        return Task.CompletedTask;
    }

    /// <summary>Deletes the document with <paramref name="id"/>. Visible to searches and durable after the next
    /// <see cref="CommitAsync"/>.</summary>
    /// <remarks>Runs to the end on the caller's thread and returns a completed task: it looks the id up in the current
    /// snapshot, and if it is not there reopens the snapshot to see upserts not yet committed (which writes the buffered
    /// documents to disk as a segment, without fsync), then buffers the deletion.</remarks>
    /// <returns>Whether the index held such a document (counting upserts not yet committed).</returns>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ValidateId(id, nameof(id));
        cancellationToken.ThrowIfCancellationRequested();
        using OperationGate.Entry entry = _gate.Enter();
        try
        {
            return Task.FromResult(_store.Delete(id));
        }
        catch (Exception e) when (SearchTelemetry.Failed(null, "delete", e))
        {
            throw; // not reached: the filter records the failure and lets the exception pass
        }
    }

    /// <summary>Makes every write so far durable, then visible to searches started after it returns.</summary>
    /// <remarks>Runs to the end on the caller's thread and returns a completed task: it writes the buffered documents to
    /// disk, fsyncs every new file and the commit point (milliseconds on an SSD, much longer on a slow or busy disk), then
    /// reopens the search snapshot. Call it through <see cref="Task.Run(Func{Task})"/> if the caller's thread must not wait
    /// for the disk (a UI thread).</remarks>
    /// <param name="cancellationToken">Checked before the commit starts; a commit that has started finishes.</param>
    /// <exception cref="IndexWriteException">Writing or syncing failed (a full disk, an I/O error); every uncommitted write
    /// is discarded and the index is back at its last commit.</exception>
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using OperationGate.Entry entry = _gate.Enter();
        _store.Commit();
        if (_options.Logger is { } logger)
            Log.Committed(logger, _store.Path ?? "(in memory)");
        return Task.CompletedTask;
    }

    /// <summary>Runs a search. CPU-bound and in-process, so synchronous.</summary>
    /// <exception cref="QuerySyntaxException">The query cannot be read, or hits a guard rail.</exception>
    /// <exception cref="ArgumentException">A request or highlight value is out of range, or the cursor is not one of this
    /// query's and sort's. <see cref="ArgumentException.ParamName"/> is the property (<c>Size</c>, <c>Offset</c>,
    /// <c>Fragments</c>, ...), and the message names it and its value.</exception>
    public SearchResults Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using OperationGate.Entry entry = _gate.Enter();
        using Activity? activity = SearchTelemetry.StartSearch(request);
        try
        {
            return SearchTelemetry.Searched(activity, _executor.Execute(request));
        }
        catch (Exception e) when (SearchTelemetry.Failed(activity, "search", e))
        {
            throw; // not reached: the filter records the failure and lets the exception pass
        }
    }

    /// <summary>Completes the last, partly typed word of <paramref name="text"/> to words that occur in the documents, those
    /// in most documents first: for a search box, on every key press.</summary>
    /// <remarks>
    /// <para>The partly typed word is the run of letters and digits at the end of <paramref name="text"/>; when the text ends
    /// in a space or punctuation there is nothing to complete and the list is empty. It matches words as written in the
    /// documents, folded and lower-cased (<c>zür</c> completes like <c>zur</c>, to <c>zurich</c>), never stems, and never
    /// stop words, which are not indexed. Each <see cref="Completion.Query"/> is <paramref name="text"/> as typed up to that
    /// word, then the word. When the text has earlier words (analysed like a search: stop words and punctuation drop out),
    /// only documents that hold every one of them count, so <c>oil pr</c> offers the words that go with oil. Ties go to
    /// word order (ordinal). A word in no document (counting its earlier words) is never offered. Like
    /// <see cref="Search(SearchRequest)"/>, it reads one snapshot, with the same visibility, and no further than
    /// <see cref="SearchIndexOptions.MaxQueryLength"/> characters of <paramref name="text"/>.</para>
    /// <para><b>Cost.</b> One pass over the index's words that start with the partly typed word, then an exact count of
    /// the likeliest of them (<c>Math.Max(50, 5 × size)</c>), each by intersecting its postings in the title and body with
    /// the documents of the earlier words, gathered once. On 19,043 news articles that is about a millisecond from the
    /// second or third letter on (one to three top-10 searches) and a few milliseconds for a first letter, which has
    /// thousands of words to read. A word rarer in the whole index than those candidates, but common among the earlier
    /// words' documents, may be missed.</para>
    /// </remarks>
    /// <param name="text">What has been typed so far.</param>
    /// <param name="size">The most completions to return, from 1 to 1,000. Default 10.</param>
    /// <returns>At most <paramref name="size"/> completions, most <see cref="Completion.Documents"/> first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside 1 to 1,000; the message names it
    /// and its value.</exception>
    public IReadOnlyList<Completion> Complete(string text, int size = 10)
    {
        using OperationGate.Entry entry = _gate.Enter();
        using Activity? activity = SearchTelemetry.StartComplete();
        try
        {
            return SearchTelemetry.Completed(activity, _completer.Complete(text, size));
        }
        catch (Exception e) when (SearchTelemetry.Failed(activity, "complete", e))
        {
            throw; // not reached: the filter records the failure and lets the exception pass
        }
    }

    /// <summary>This index run as one shard of a sharded collection.</summary>
    internal Sharding.ShardEngine AsShard() => new(_store, _executor, _completer, _options, _gate);

    /// <summary>Whether <paramref name="path"/> holds an index that <see cref="Open(string, SearchIndexOptions?)"/> would open without creating one.</summary>
    public static bool Exists(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return IndexFolder.Exists(path);
    }

    /// <summary>Whether a writer (a <see cref="SearchIndex"/> opened without <see cref="SearchIndexOptions.ReadOnly"/>, in any
    /// process) holds the index in <paramref name="path"/> now. A hint for tools, like Lucene's <c>IndexWriter.IsLocked</c>:
    /// the answer may change the moment it is given. Creates nothing.</summary>
    public static bool IsLocked(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return IndexLock.IsHeld(System.IO.Path.GetFullPath(path));
    }

    /// <summary>Runs Lucene's CheckIndex on the last commit in <paramref name="path"/>, read-only. Slow on large indexes: it
    /// reads every segment.</summary>
    /// <remarks>It may run while another process writes: it holds the files of the commit it checks open, so the writer
    /// deleting them (after a merge) cannot pass for damage. If that process replaces the commit again and again before
    /// its files are all open, the report is <see cref="IndexCheckReport.Inconclusive"/> rather than a verdict.</remarks>
    /// <exception cref="IndexUnavailableException">The folder holds no index.</exception>
    public static IndexCheckReport Check(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return IndexChecker.Check(path);
    }

    /// <summary>What the index holds now: documents, date range, size and segments.</summary>
    public IndexStats GetStats()
    {
        using OperationGate.Entry entry = _gate.Enter();
        return SnapshotReader.Stats(_store);
    }

    /// <summary><see cref="IndexStats.UnfinishedSyncs"/> alone, read from the commit data without the rest of the stats
    /// (no sorted searches, no file sizes), for a note beside every CLI query.</summary>
    internal IReadOnlyList<string> UnfinishedSyncs
    {
        get
        {
            using OperationGate.Entry entry = _gate.Enter();
            return SnapshotReader.UnfinishedSyncs(_store);
        }
    }

    /// <summary>The stored document with <paramref name="id"/>, or <see langword="null"/> if there is none.</summary>
    public SeedDocument? Get(string id)
    {
        ValidateId(id, nameof(id));
        using OperationGate.Entry entry = _gate.Enter();
        return SnapshotReader.Find(_store, id);
    }

    /// <summary>Waits for running operations (cancelling a running <see cref="IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/>, whose writes are then
    /// discarded), commits pending writes and releases the folder and its lock. Safe to call more than once.</summary>
    /// <remarks>A <see cref="SearchIndexOptions.Rebuild"/> that has not committed yet is rolled back instead: only a commit
    /// (<see cref="CommitAsync"/>, or the end of <see cref="IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/>) replaces the old index.</remarks>
    /// <exception cref="IndexWriteException">The final commit failed; the pending writes are lost, the last commit is
    /// intact, and the folder is released all the same.</exception>
    public void Dispose()
    {
        if (!_gate.Close())
            return;
        _disposing.Cancel();
        _gate.WaitUntilIdle();
        try
        {
            _store.Dispose();
        }
        finally
        {
            _disposing.Dispose();
        }
    }

    private const int MaxIdLength = 4096;

    /// <summary>Checks a document before it is written, as <see cref="UpsertAsync"/> documents.</summary>
    internal static void ValidateDocument(SeedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ValidateId(document.Id, "document.Id");
        OptionRules.NotNull(document.Title, "document.Title");
        OptionRules.NotNull(document.Body, "document.Body");
        TagRules.Validate(document.Tags, "document.Tags");
    }

    /// <summary>Checks a document id, naming it as <paramref name="name"/> (<c>id</c>, <c>document.Id</c>) in the error.</summary>
    internal static void ValidateId(string id, string name)
    {
        OptionRules.NotNull(id, name);
        if (id.Length == 0)
            throw OptionRules.Invalid(name, $"{name} must not be empty (was \"\").");
        if (id.Length > MaxIdLength)
            throw OptionRules.Invalid(name, $"{name} may be at most {MaxIdLength:N0} characters long (was {id.Length:N0}).");
    }
}
