using Search.Indexing;

namespace Search.Cli;

/// <summary>Opens the index a command names, the way each command needs it.</summary>
internal static class IndexOpener
{
    /// <summary>Opens an existing index read-only, so reading works while another process writes.</summary>
    public static SearchIndex OpenForReading(string indexPath, CliHost host, bool verbose)
    {
        if (!SearchIndex.Exists(indexPath) && IndexFolder.HoldsOtherFiles(indexPath))
        {
            throw new IndexUnavailableException(indexPath,
                $"There is no index at '{Output.TerminalText.Line(indexPath)}': the folder holds other files. Pass the index folder with --index.");
        }
        if (!SearchIndex.Exists(indexPath))
        {
            throw new IndexUnavailableException(indexPath,
                $"There is no index at '{Output.TerminalText.Line(indexPath)}'. Create it with: search index FOLDER --index \"{Output.TerminalText.Line(indexPath)}\"");
        }
        return SearchIndex.Open(indexPath, Options(host, verbose) with { ReadOnly = true });
    }

    /// <summary>For <c>search query</c>: opens the index read-only, answering from its last commit even while another
    /// process writes it. When there is no index yet (no commit), builds it from <c>seeds</c> here on a fresh clone, saying
    /// so on stderr, so the first command a new user runs answers; when another process is creating it (several first
    /// queries at once, or a rebuild into a new folder), waits for its first commit.</summary>
    /// <remarks>The build is a rebuild: nothing is committed until the whole folder is indexed, so an interrupted first query
    /// leaves no partial index behind, and the next query builds it again instead of answering from part of it.</remarks>
    public static async Task<SearchIndex> OpenForQueryAsync(string indexPath, CliHost host, bool verbose, CancellationToken cancellationToken)
    {
        if (File.Exists(indexPath))
            throw new IndexUnavailableException(indexPath, $"'{indexPath}' is a file, not an index folder. Pass an index folder with --index.");
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool saidWaiting = false;
        while (true)
        {
            if (SearchIndex.Exists(indexPath))
            {
                try
                {
                    return SearchIndex.Open(indexPath, Options(host, verbose) with { ReadOnly = true });
                }
                catch (IndexUnavailableException e) when (!e.IsOtherFormat && SearchIndex.IsLocked(indexPath) && !OutOfPatience(started))
                {
                    // the first commit of the process creating the index may be half-written for a moment
                }
            }
            else if (await TryBuildFromSeedsAsync(indexPath, host, verbose, cancellationToken).ConfigureAwait(false))
            {
                continue; // built: open what was committed
            }
            else if (OutOfPatience(started))
            {
                throw new IndexUnavailableException(indexPath,
                    $"The index at '{indexPath}' is still being created by another process after {LockPatience.TotalMinutes:0} minutes; try again later.");
            }

            if (!saidWaiting)
                host.Error.WriteLine($"Another process is creating the index at {Output.TerminalText.Line(indexPath)}; waiting for its first commit.");
            saidWaiting = true;
            await Task.Delay(LockPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    // How long a first query waits for another process that is creating the index.
    private static readonly TimeSpan LockPatience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(200);

    private static bool OutOfPatience(long started) => System.Diagnostics.Stopwatch.GetElapsedTime(started) >= LockPatience;

    /// <summary>Builds the index from <c>./seeds</c> when nobody else is creating it; false when another process is (it
    /// holds the folder's lock), so the caller waits for that one's first commit.</summary>
    /// <exception cref="IndexUnavailableException">There is no index, nobody is creating one, and there are no seeds.</exception>
    private static async Task<bool> TryBuildFromSeedsAsync(string indexPath, CliHost host, bool verbose, CancellationToken cancellationToken)
    {
        string seeds = host.FullPath("seeds");
        if (!Directory.Exists(seeds))
        {
            if (SearchIndex.IsLocked(indexPath))
                return false;
            throw new IndexUnavailableException(indexPath,
                $"There is no index at '{indexPath}' and no 'seeds' folder here to build one from. Create it with: search index FOLDER");
        }
        using IDisposable? writing = host.Writing();
        SearchIndex index;
        try
        {
            index = SearchIndex.Open(indexPath, Options(host, verbose) with { Rebuild = true });
        }
        catch (IndexLockedException)
        {
            return false;
        }
        using (index)
        {
            // Another process may have committed it between the look and the lock; this rebuild then ends uncommitted.
            if (SearchIndex.Exists(indexPath))
                return true;
            host.Error.WriteLine($"No index at {Output.TerminalText.Line(indexPath)} yet: indexing {Output.TerminalText.Line(seeds)} first.");
            IndexReport report = await index.IndexDirectoryAsync(seeds, progress: null, cancellationToken).ConfigureAwait(false);
            Output.HumanRenderer.WriteIndexReport(host.Error, seeds, report);
        }
        return true;
    }

    /// <summary>For <c>search serve</c>, which serves (503 until the first commit) rather than waits when another process is
    /// creating the index: when there is no index yet and nobody is creating one, opens a rebuild of it, holding the
    /// folder's lock, for the caller to fill from <c>./seeds</c>.</summary>
    /// <returns>The rebuild and the seeds folder; null when the index exists or another process is creating it.</returns>
    /// <exception cref="IndexUnavailableException">There is no index, nobody is creating one, and there are no seeds.</exception>
    public static (SearchIndex Index, string Seeds)? StartSeedBuild(string indexPath, CliHost host, bool verbose)
    {
        if (File.Exists(indexPath))
            throw new IndexUnavailableException(indexPath, $"'{indexPath}' is a file, not an index folder. Pass an index folder with --index.");
        if (SearchIndex.Exists(indexPath))
            return null;
        string seeds = host.FullPath("seeds");
        if (!Directory.Exists(seeds))
        {
            if (SearchIndex.IsLocked(indexPath))
                return null;
            throw new IndexUnavailableException(indexPath,
                $"There is no index at '{indexPath}' and no 'seeds' folder here to build one from. Create it with: search index FOLDER");
        }
        try
        {
            SearchIndex index = SearchIndex.Open(indexPath, Options(host, verbose) with { Rebuild = true });
            if (!SearchIndex.Exists(indexPath))
                return (index, seeds);
            index.Dispose(); // another process committed it between the look and the lock
            return null;
        }
        catch (IndexLockedException)
        {
            return null;
        }
    }

    /// <summary>For a folder sync (<c>search index</c>, <c>search eval --index</c>): opens the index to write. An index written
    /// by another version of Search is rebuilt instead, saying so on stderr: the sync has the documents to rebuild it from,
    /// and the old index stays searchable (by its own version) until the rebuild commits.</summary>
    /// <returns>The index, and whether it is open for a rebuild.</returns>
    public static (SearchIndex Index, bool Rebuild) OpenForSync(string indexPath, CliHost host, SearchIndexOptions options)
    {
        try
        {
            return (SearchIndex.Open(indexPath, options), options.Rebuild);
        }
        catch (IndexUnavailableException e) when (e.IsOtherFormat && !options.Rebuild)
        {
            host.Error.WriteLine($"The index in {Output.TerminalText.Line(indexPath)} was written by another version of Search; " +
                                 "rebuilding it from the folders given (documents from other folders or written through the library are not kept).");
            return (SearchIndex.Open(indexPath, options with { Rebuild = true }), true);
        }
    }

    public static SearchIndexOptions Options(CliHost host, bool verbose) =>
        new() { Logger = verbose ? new TextWriterLogger(host.Error) : null };
}
