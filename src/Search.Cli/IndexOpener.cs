using Search.Indexing;

namespace Search.Cli;

/// <summary>Opens the index a command names, the way each command needs it.</summary>
internal static class IndexOpener
{
    /// <summary>Opens an existing index read-only, so reading works while another process writes.</summary>
    public static SearchIndex OpenForReading(string indexPath, CliHost host, bool verbose)
    {
        if (!SearchIndex.Exists(indexPath))
        {
            throw new IndexUnavailableException(indexPath,
                $"There is no index at '{Output.TerminalText.Line(indexPath)}'. Create it with: search index FOLDER --index \"{Output.TerminalText.Line(indexPath)}\"");
        }
        return SearchIndex.Open(indexPath, Options(host, verbose) with { ReadOnly = true });
    }

    /// <summary>For <c>search query</c> on a fresh clone: when there is no index yet, builds it from <c>seeds</c>
    /// here, saying so on stderr, so the first command a new user runs answers. When another <c>search</c> is building
    /// it at the same moment (several first queries at once), waits for that one instead of failing on its lock.</summary>
    public static async Task EnsureIndexedAsync(string indexPath, CliHost host, bool verbose, CancellationToken cancellationToken)
    {
        if (File.Exists(indexPath))
            throw new IndexUnavailableException(indexPath, $"'{Output.TerminalText.Line(indexPath)}' is a file, not an index folder. Pass an index folder with --index.");
        if (SearchIndex.Exists(indexPath) && !IsEmptyWhileLocked(indexPath, host, verbose))
            return;
        string seeds = host.FullPath("seeds");
        if (!Directory.Exists(seeds))
        {
            throw new IndexUnavailableException(indexPath,
                $"There is no index at '{Output.TerminalText.Line(indexPath)}' and no 'seeds' folder here to build one from. Create it with: search index FOLDER");
        }
        using SearchIndex? index = await OpenWriterWaitingAsync(indexPath, host, verbose, cancellationToken).ConfigureAwait(false);
        if (index is null)
            return; // another process built it meanwhile
        host.Error.WriteLine($"No index at {Output.TerminalText.Line(indexPath)} yet: indexing {Output.TerminalText.Line(seeds)} first.");
        IndexReport report = await index.IndexDirectoryAsync(seeds, null, cancellationToken).ConfigureAwait(false);
        Output.HumanRenderer.WriteIndexReport(host.Error, seeds, report);
    }

    // How long a first query waits for another process that is building the index.
    private static readonly TimeSpan LockPatience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>An index that exists but holds nothing while a writer holds it is most likely being built by another first
    /// query (a new index is committed empty at once); waits for that writer so this query sees its documents.</summary>
    private static bool IsEmptyWhileLocked(string indexPath, CliHost host, bool verbose)
    {
        IndexUnavailableException? unreadable = null;
        try
        {
            using SearchIndex reader = SearchIndex.Open(indexPath, Options(host, verbose) with { ReadOnly = true });
            if (reader.Count > 0)
                return false;
        }
        catch (IndexUnavailableException e)
        {
            // The first commit of a new index may be half-written by the process building it: unreadable only if nobody is.
            unreadable = e;
        }
        try
        {
            using SearchIndex writer = SearchIndex.Open(indexPath, Options(host, verbose));
            if (unreadable is not null)
                throw unreadable;
            return false; // nobody is writing: the index is empty on purpose
        }
        catch (IndexLockedException)
        {
            return true;
        }
    }

    /// <summary>Opens the index for writing, waiting while another process holds it; <see langword="null"/> when that
    /// process has built a non-empty index meanwhile.</summary>
    private static async Task<SearchIndex?> OpenWriterWaitingAsync(string indexPath, CliHost host, bool verbose, CancellationToken cancellationToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool waited = false;
        while (true)
        {
            try
            {
                SearchIndex index = SearchIndex.Open(indexPath, Options(host, verbose));
                if (waited && index.Count > 0)
                {
                    index.Dispose();
                    return null;
                }
                return index;
            }
            catch (IndexLockedException) when (System.Diagnostics.Stopwatch.GetElapsedTime(started) < LockPatience)
            {
                if (!waited)
                    host.Error.WriteLine($"Another process is writing the index at {Output.TerminalText.Line(indexPath)}; waiting for it to finish.");
                waited = true;
                await Task.Delay(LockPoll, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static SearchIndexOptions Options(CliHost host, bool verbose) =>
        new() { Logger = verbose ? new TextWriterLogger(host.Error) : null };
}
