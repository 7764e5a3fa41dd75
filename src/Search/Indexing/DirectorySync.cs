using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Hashing;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;

namespace Search.Indexing;

/// <summary>
/// Brings an index in line with a folder of seed files: adds new files, updates changed ones (by content
/// hash), deletes documents whose files are gone, and turns each bad file into an <see cref="IndexFailure"/>.
/// </summary>
internal sealed class DirectorySync
{
    // Progress is throttled so a folder of tiny files does not flood the caller's IProgress.
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    private readonly ISyncTarget _store;
    private readonly SearchIndexOptions _options;
    private readonly ILogger? _logger;

    public DirectorySync(ISyncTarget store, SearchIndexOptions options)
    {
        _store = store;
        _options = options;
        _logger = options.Logger;
    }

    public async Task<IndexReport> RunAsync(string folder, DirectorySyncOptions syncOptions, bool commit, CancellationToken cancellationToken)
    {
        IProgress<IndexProgress>? progress = syncOptions.Progress;
        long started = Stopwatch.GetTimestamp();
        // "docs" and "docs/" are one folder: documents remember it, and a later sync must recognise it.
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(File.Exists(root)
                ? $"'{root}' is a file, not a folder; index the folder that holds it."
                : $"The folder '{root}' does not exist.");
        }

        // Read whole before anything is indexed: a missing table or a bad header stops the sync here.
        MetadataTable? table = syncOptions.Metadata is { } metadata ? MetadataTable.Read(metadata) : null;
        SeedListing listing = SeedFileFinder.Find(root);
        using IDisposable sync = await _store.BeginSyncAsync(cancellationToken).ConfigureAwait(false);
        Tally tally;
        int deleted;
        try
        {
            (tally, deleted) = await SyncAsync(root, listing, table, progress, cancellationToken).ConfigureAwait(false);
            if (commit && _store.RebuildPending)
                deleted = DroppedByRebuild();
            if (commit)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _store.MarkSync(root, unfinished: false);
                _store.Commit();
            }
        }
        catch
        {
            // Cancelled, failed or interrupted half-way: nothing the sync wrote may be committed by anyone later (Dispose
            // commits pending writes), so the index goes back to its last commit: the one before the sync, or its last
            // paced commit, which the next run finishes.
            _store.Rollback();
            throw;
        }
        if (commit)
            tally.Committed(listing.Files.Count); // also the final progress report

        IndexReport report = tally.ToReport(deleted, Stopwatch.GetElapsedTime(started));
        if (_logger is not null)
        {
            foreach (IndexFailure failure in report.Failures)
                Log.FileSkipped(_logger, failure.Path, failure.Message);
            Log.FolderIndexed(_logger, root, report.Added, report.Updated, report.Unchanged, report.Deleted,
                report.Failures.Count, (long)report.Elapsed.TotalMilliseconds);
        }
        return report;
    }

    /// <summary>Writes every change the folder calls for, without the final commit; returns the counts and the documents
    /// deleted.</summary>
    private async Task<(Tally Tally, int Deleted)> SyncAsync(string root, SeedListing listing, MetadataTable? table,
        IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        List<SeedFile> files = listing.Files;
        Dictionary<string, IndexedFile> indexed = LoadIndexed();
        var tally = new Tally(files.Count, files.Sum(f => f.Length), progress);
        Dictionary<string, MetadataRow> rows = table is null ? [] : AssignRows(root, table, listing, tally);
        foreach (IndexFailure skipped in listing.Skipped)
            tally.Failed(skipped);
        foreach (SeedFile clash in listing.Clashes)
            tally.Failed(clash, $"{clash.Path}: has the same id '{clash.Id}' as another file in the folder (the extension's case differs); rename one of them.");
        var pacer = new CommitPacer(_options.CommitEveryDocuments, _options.CommitInterval, enabled: !_store.RebuildPending);
        using var flusher = new SyncFlusher(_store, _options, files.Count, Environment.ProcessorCount);

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, _options.IndexingThreads),
            CancellationToken = cancellationToken,
        };
        // Reading, parsing and analysing are CPU-bound and the files small: a partitioned Parallel.ForEach with
        // synchronous reads is the fastest loop, and it runs off the caller's thread.
        await Task.Factory.StartNew(
            () =>
            {
                try
                {
                    Parallel.ForEach(files, parallel, file =>
                    {
                        bool written = SyncFile(root, file, indexed, rows, tally, out long bytesRead);
                        (int filesDone, long bytesDone) = tally.FileDone(bytesRead);
                        flusher.FileDone(filesDone, bytesDone);
                        if (written && pacer.DocumentWritten())
                            CommitOnTheWay(root, tally, pacer);
                    });
                }
                catch (AggregateException e)
                {
                    // Callers get the failure itself (e.g. IndexWriteException), not Parallel's wrapper.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
                }
            },
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        flusher.Finish();

        if (_store.RebuildPending)
            KeepWhatCouldNotBeRead(root, listing, tally);
        List<string> vanished = Vanished(root, listing, indexed);
        _store.DeleteMany(vanished);
        return (tally, vanished.Count);
    }

    /// <summary>The rows of <paramref name="table"/> that give documents of the folder their tags, by id; its bad rows
    /// become failures, and the rows that name no file of the folder are counted in the log.</summary>
    private Dictionary<string, MetadataRow> AssignRows(string root, MetadataTable table, SeedListing listing, Tally tally)
    {
        Dictionary<string, MetadataRow> rows = table.RowsFor(listing.Files.Select(f => f.Id), out List<IndexFailure> failures, out int unmatched);
        foreach (IndexFailure failure in failures)
            tally.TableFailed(failure);
        if (unmatched > 0 && _logger is not null)
            Log.MetadataRowsUnmatched(_logger, table.Path, unmatched, root);
        return rows;
    }

    /// <summary>How many documents of the old index the rebuild is about to replace it without: its deletions, which its
    /// own listing cannot see (it starts from nothing), so that a rebuild from a folder that lost its files says so.</summary>
    private int DroppedByRebuild()
    {
        HashSet<string> dropped = _store.CommittedIds();
        dropped.ExceptWith(LoadIndexed().Keys);
        return dropped.Count;
    }

    /// <summary>A rebuild starts from nothing, so it would drop the document of every file it failed to read, and of every file
    /// under a folder it could not read; each keeps its indexed version instead, as in an incremental sync.</summary>
    private void KeepWhatCouldNotBeRead(string root, SeedListing listing, Tally tally)
    {
        HashSet<string> failed = tally.FailedIds();
        if (failed.Count == 0 && listing.UnreadFolders.Count == 0)
            return;
        // A failed file's id may still have been written from another file (a differently cased .txt): that one stays.
        HashSet<string> written = [.. LoadIndexed().Keys];
        _store.CarryOver((id, folder) => folder == root && !written.Contains(id)
            && (failed.Contains(id) || listing.InUnreadFolder(id)));
    }

    /// <summary>The ids indexed from <paramref name="root"/> whose files are gone. A file that is there but could not be
    /// used, and every file under a folder that could not be read, may still be there: their documents stay.</summary>
    private static List<string> Vanished(string root, SeedListing listing, Dictionary<string, IndexedFile> indexed)
    {
        if (indexed.Count == 0)
            return []; // a first sync: nothing to look up
        var present = new HashSet<string>(listing.Files.Select(f => f.Id), StringComparer.Ordinal);
        present.UnionWith(listing.Skipped.Select(f => f.Id));
        return [.. indexed.Values
            .Where(d => d.Source == root && !present.Contains(d.Id) && !listing.InUnreadFolder(d.Id))
            .Select(d => d.Id)];
    }

    private void CommitOnTheWay(string root, Tally tally, CommitPacer pacer)
    {
        int durable = tally.FilesDone; // every file examined before the commit starts is in it
        try
        {
            _store.MarkSync(root, unfinished: true);
            _store.Commit();
        }
        finally
        {
            pacer.Committed();
        }
        tally.Committed(durable);
        if (_logger is not null)
            Log.CommittedOnTheWay(_logger, root, durable, tally.FilesTotal);
    }

    /// <summary>Reads, checks and writes one file; true when a document was written.</summary>
    private bool SyncFile(string root, SeedFile file, Dictionary<string, IndexedFile> indexed, Dictionary<string, MetadataRow> rows,
        Tally tally, out long bytesRead)
    {
        bytesRead = 0;
        byte[] bytes;
        try
        {
            bytes = SeedDocumentReader.ReadBytes(file.Path, file.Id, _options.MaxFileBytes);
        }
        catch (SeedDocumentException e)
        {
            tally.Failed(file, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            tally.Failed(file, $"{file.Path}: cannot be read ({ExceptionText.Summary(e)})");
            return false;
        }

        bytesRead = bytes.Length;
        // A 128-bit non-cryptographic hash detects changed files as surely as SHA-256 here, at a fraction of the cost. The
        // tags of the file's metadata row are part of what it hashes, so a changed row re-indexes the document too.
        rows.TryGetValue(file.Id, out MetadataRow? row);
        UInt128 hash = ContentHash(bytes, row);
        bool known = indexed.TryGetValue(file.Id, out IndexedFile? previous);
        if (known && previous!.Hash == hash && previous.Source == root)
        {
            tally.Unchanged();
            return false;
        }
        // Ids are paths relative to the folder, so two folders can hold the same id. The document stays with the folder
        // that has it while its file is still there; once that file is gone (the folder was moved), this one takes over.
        if (known && previous!.Source is { } otherRoot && otherRoot != root && previous.Path is { } otherPath && File.Exists(otherPath))
        {
            tally.Failed(file, $"{file.Path}: has the same id '{file.Id}' as {otherPath}, indexed from the folder {otherRoot}; " +
                               "ids are paths relative to their folder, so rename or move one of the two files.");
            return false;
        }

        try
        {
            SeedDocument document = SeedDocumentReader.Decode(file.Path, file.Id, bytes);
            if (row is not null)
                document = document with { Tags = row.Tags };
            _store.WriteSynced(document, new FileOrigin(root, file.Path, hash), isNew: !known);
        }
        catch (SeedDocumentException e)
        {
            tally.Failed(file, e.Message);
            return false;
        }
        catch (ArgumentException e)
        {
            // Lucene rejects a document it cannot index (e.g. a term over 32 KB) without harming the writer.
            tally.Failed(file, $"{file.Path}: cannot be indexed ({ExceptionText.Summary(e)})");
            return false;
        }
        tally.Indexed(known, bytes.Length);
        return true;
    }

    /// <summary>The hash of a file's bytes, followed by the bytes of its metadata row's tags when it has any (so a file without
    /// tags keeps the hash of its bytes alone).</summary>
    private static UInt128 ContentHash(byte[] bytes, MetadataRow? row)
    {
        if (row is null || row.Bytes.Length == 0)
            return XxHash128.HashToUInt128(bytes);
        var hasher = new XxHash128();
        hasher.Append(bytes);
        hasher.Append(row.Bytes);
        return hasher.GetCurrentHashAsUInt128();
    }

    /// <summary>What the index holds now (including uncommitted writes), by id, read from doc values alone.</summary>
    private Dictionary<string, IndexedFile> LoadIndexed() => _store.IndexedFiles();


    /// <summary>Counts shared by the indexing threads, and the throttled progress reports.</summary>
    private sealed class Tally(int filesTotal, long bytesTotal, IProgress<IndexProgress>? progress)
    {
        private readonly ConcurrentBag<IndexFailure> _failures = [];
        private readonly List<IndexFailure> _tableFailures = [];
        private int _added;
        private int _updated;
        private int _unchanged;
        private int _filesDone;
        private long _bytesDone;
        private long _bytesIndexed;
        private long _nextReport;
        private int _filesCommitted;

        public void Unchanged() => Interlocked.Increment(ref _unchanged);

        public void Indexed(bool replaced, long bytes)
        {
            Interlocked.Increment(ref replaced ? ref _updated : ref _added);
            Interlocked.Add(ref _bytesIndexed, bytes);
        }

        public void Failed(SeedFile file, string message) => _failures.Add(new IndexFailure { Id = file.Id, Path = file.Path, Message = message });

        public void Failed(IndexFailure failure) => _failures.Add(failure);

        /// <summary>A bad row of the metadata table: reported, but its document was written (without the row's tags), so
        /// a rebuild must not keep the old version of it as it does for a file that could not be read.</summary>
        public void TableFailed(IndexFailure failure) => _tableFailures.Add(failure);

        public HashSet<string> FailedIds() => [.. _failures.Select(f => f.Id)];

        /// <summary>Counts a file examined, with the bytes read of it; returns the files and bytes done so far.</summary>
        public (int Files, long Bytes) FileDone(long bytes)
        {
            int done = Interlocked.Increment(ref _filesDone);
            long bytesDone = Interlocked.Add(ref _bytesDone, bytes);
            if (progress is null)
                return (done, bytesDone);
            long now = Stopwatch.GetTimestamp();
            long next = Interlocked.Read(ref _nextReport);
            if (now >= next && Interlocked.CompareExchange(ref _nextReport, now + (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency), next) == next)
                progress.Report(Progress(done, bytesDone));
            return (done, bytesDone);
        }

        public int FilesDone => Volatile.Read(ref _filesDone);

        public int FilesTotal => filesTotal;

        /// <summary>Records that every file up to <paramref name="files"/> is durable (never moving backwards) and reports it
        /// at once: a commit is worth a report even between the throttled ones.</summary>
        public void Committed(int files)
        {
            int current;
            while (files > (current = Volatile.Read(ref _filesCommitted)) && Interlocked.CompareExchange(ref _filesCommitted, files, current) != current)
            {
            }
            progress?.Report(Progress(Volatile.Read(ref _filesDone), Interlocked.Read(ref _bytesDone)));
        }

        private IndexProgress Progress(int filesDone, long bytesDone) => new()
        {
            FilesDone = filesDone,
            FilesTotal = filesTotal,
            BytesDone = bytesDone,
            BytesTotal = bytesTotal,
            FilesCommitted = Volatile.Read(ref _filesCommitted),
        };

        public IndexReport ToReport(int deleted, TimeSpan elapsed) => new()
        {
            Added = _added,
            Updated = _updated,
            Unchanged = _unchanged,
            Deleted = deleted,
            Failures = [.. _failures.OrderBy(f => f.Path, StringComparer.Ordinal), .. _tableFailures],
            BytesIndexed = _bytesIndexed,
            Elapsed = elapsed,
        };
    }
}
