using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Documents;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexing;

/// <summary>
/// Owns the Lucene side of one index: its directory, the single <see cref="IndexWriter"/>, the
/// near-real-time <see cref="SearcherManager"/> and the cross-process lock.
/// </summary>
internal sealed class IndexStore : IDisposable
{
    // A read-only store checks for new commits by other processes at most this often.
    private static readonly TimeSpan ReadOnlyRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly LuceneDirectory _directory;
    private readonly IndexLock? _lock;
    private readonly IndexWriter? _writer;
    private readonly SearcherManager _searchers;
    private readonly ThreadLocal<IndexSchema.ReusableDocument> _documents = new(() => new IndexSchema.ReusableDocument());
    private readonly SyncIdGuard _ids = new();
    private long _nextRefreshTimestamp;

    private IndexStore(string? path, LuceneDirectory directory, IndexLock? indexLock, IndexWriter? writer, SearcherManager searchers, Analyzer analyzer)
    {
        Path = path;
        _directory = directory;
        _lock = indexLock;
        _writer = writer;
        _searchers = searchers;
        Analyzer = analyzer;
    }

    /// <summary>The index folder, or <see langword="null"/> in memory.</summary>
    public string? Path { get; }

    /// <summary>The analyzer documents were indexed with; queries and highlighting must use it too.</summary>
    public Analyzer Analyzer { get; }

    /// <summary>Whether this store can write.</summary>
    public bool IsReadOnly => _writer is null;

    public static IndexStore InMemory(SearchIndexOptions options)
    {
        var directory = new RAMDirectory();
        Analyzer analyzer = IndexSchema.CreateAnalyzer();
        IndexWriter writer = CreateWriter(directory, analyzer, options);
        return new IndexStore(null, directory, null, writer, new SearcherManager(writer, true, new Bm25SearcherFactory()), analyzer);
    }

    public static IndexStore Open(string path, SearchIndexOptions options)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (File.Exists(fullPath))
            throw new IndexUnavailableException(fullPath, $"'{fullPath}' is a file, not an index folder.");
        return options.ReadOnly ? OpenReadOnly(fullPath) : OpenWritable(fullPath, options);
    }

    private static IndexStore OpenReadOnly(string fullPath)
    {
        if (!System.IO.Directory.Exists(fullPath))
            throw new IndexUnavailableException(fullPath, $"There is no index at '{fullPath}': the folder does not exist.");
        var directory = new NIOFSDirectory(fullPath);
        try
        {
            if (!DirectoryReader.IndexExists(directory))
                throw new IndexUnavailableException(fullPath, $"There is no index at '{fullPath}'. Index some documents into it first.");
            var searchers = new SearcherManager(directory, new Bm25SearcherFactory());
            return new IndexStore(fullPath, directory, null, null, searchers, IndexSchema.CreateAnalyzer());
        }
        catch (IOException e)
        {
            directory.Dispose();
            throw Unreadable(fullPath, e);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static IndexStore OpenWritable(string fullPath, SearchIndexOptions options)
    {
        try
        {
            System.IO.Directory.CreateDirectory(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexUnavailableException(fullPath, $"The index folder '{fullPath}' cannot be created: {e.Message}", e);
        }

        IndexLock indexLock = IndexLock.Acquire(fullPath);
        var directory = new NIOFSDirectory(fullPath);
        try
        {
            bool exists = DirectoryReader.IndexExists(directory);
            if (!exists)
                EnsureEmpty(fullPath);
            Analyzer analyzer = IndexSchema.CreateAnalyzer();
            IndexWriter writer = CreateWriter(directory, analyzer, options);
            if (!exists)
                writer.Commit(); // an empty commit makes the folder a valid index for read-only openers
            return new IndexStore(fullPath, directory, indexLock, writer, new SearcherManager(writer, true, new Bm25SearcherFactory()), analyzer);
        }
        catch (LockObtainFailedException e)
        {
            Release(directory, indexLock);
            throw new IndexLockedException(fullPath, e);
        }
        catch (IOException e)
        {
            Release(directory, indexLock);
            throw Unreadable(fullPath, e);
        }
        catch
        {
            Release(directory, indexLock);
            throw;
        }
    }

    private static void Release(LuceneDirectory directory, IndexLock indexLock)
    {
        directory.Dispose();
        indexLock.Dispose();
    }

    private static IndexUnavailableException Unreadable(string fullPath, IOException e) =>
        new(fullPath, $"The index at '{fullPath}' cannot be read ({e.Message}). It may be corrupt or written by " +
                      "another program; rebuild it from its documents into a new folder.", e);

    private static void EnsureEmpty(string fullPath)
    {
        bool hasOtherFiles = System.IO.Directory.EnumerateFileSystemEntries(fullPath)
            .Select(System.IO.Path.GetFileName)
            .Any(name => name != IndexLock.FileName && name != IndexWriter.WRITE_LOCK_NAME);
        if (hasOtherFiles)
        {
            throw new IndexUnavailableException(fullPath,
                $"'{fullPath}' is not empty and holds no index. Choose an empty or new folder for the index; nothing in it was changed.");
        }
    }

    private static IndexWriter CreateWriter(LuceneDirectory directory, Analyzer analyzer, SearchIndexOptions options)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            // CREATE keeps the old commit until the new one replaces it, so a rebuild that dies loses nothing.
            OpenMode = options.Rebuild ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = Bm25SearcherFactory.Similarity,
            RAMBufferSizeMB = options.RamBufferSizeMB,
        };
        return new IndexWriter(directory, config);
    }

    /// <summary>Whether <paramref name="path"/> holds an index (a committed one; it may still be corrupt).</summary>
    public static bool Exists(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(fullPath))
            return false;
        using var directory = new NIOFSDirectory(fullPath);
        return DirectoryReader.IndexExists(directory);
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
        if (_writer is null)
        {
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            long next = Interlocked.Read(ref _nextRefreshTimestamp);
            if (now >= next && Interlocked.CompareExchange(ref _nextRefreshTimestamp, now + (long)(ReadOnlyRefreshInterval.TotalSeconds * System.Diagnostics.Stopwatch.Frequency), next) == next)
                _searchers.MaybeRefresh();
        }
        return new SearcherLease(_searchers);
    }

    /// <summary>Adds or replaces the document with this id.</summary>
    public void Upsert(SeedDocument document)
    {
        IndexWriter writer = Writer;
        lock (_ids.StripeFor(document.Id))
        {
            _ids.NoteUpsert(document.Id);
            writer.UpdateDocument(IndexSchema.IdTerm(document.Id), _documents.Value!.Fill(document, null));
        }
    }

    /// <summary>Writes a document read by a folder sync; <paramref name="isNew"/> when the sync found no document with
    /// its id, which lets it be added rather than replaced (see <see cref="SyncIdGuard"/>).</summary>
    public void WriteSynced(SeedDocument document, FileOrigin origin, bool isNew)
    {
        IndexWriter writer = Writer;
        lock (_ids.StripeFor(document.Id))
        {
            Lucene.Net.Documents.Document lucene = _documents.Value!.Fill(document, origin);
            if (isNew && !_ids.UpsertedDuringSync(document.Id))
                writer.AddDocument(lucene);
            else
                writer.UpdateDocument(IndexSchema.IdTerm(document.Id), lucene);
        }
    }

    /// <summary>Serialises folder syncs and starts tracking concurrent upserts; dispose to end the sync.</summary>
    public Task<IDisposable> BeginSyncAsync(CancellationToken cancellationToken) => _ids.BeginSyncAsync(cancellationToken);

    /// <summary>Deletes the document with <paramref name="id"/>; says whether there was one, counting uncommitted upserts.</summary>
    public bool Delete(string id)
    {
        IndexWriter writer = Writer;
        Term term = IndexSchema.IdTerm(id);
        bool exists = Contains(term);
        if (!exists && _searchers.MaybeRefresh())
            exists = Contains(term); // it may be an upsert the current snapshot does not show yet
        writer.DeleteDocuments(term);
        return exists;
    }

    public void DeleteMany(IEnumerable<string> ids)
    {
        IndexWriter writer = Writer;
        foreach (string id in ids)
            writer.DeleteDocuments(IndexSchema.IdTerm(id));
    }

    private bool Contains(Term term)
    {
        using SearcherLease lease = Lease();
        return lease.Searcher.IndexReader.DocFreq(term) > 0 && lease.Searcher.Search(new TermQuery(term), 1).TotalHits > 0;
    }

    /// <summary>Makes everything written so far durable, then shows it to new searches.</summary>
    public void Commit()
    {
        Writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>Shows uncommitted writes to new searches without making them durable.</summary>
    public void Refresh() => _searchers.MaybeRefreshBlocking();

    private IndexWriter Writer => _writer ?? throw new InvalidOperationException(
        "This index was opened read-only (SearchIndexOptions.ReadOnly); open it without ReadOnly to write.");

    public void Dispose()
    {
        _documents.Dispose();
        _ids.Dispose();
        _searchers.Dispose();
        _writer?.Dispose();
        _directory.Dispose();
        _lock?.Dispose();
    }
}
