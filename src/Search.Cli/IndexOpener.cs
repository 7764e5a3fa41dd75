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
                $"There is no index at '{indexPath}'. Create it with: search index FOLDER --index \"{indexPath}\"");
        }
        return SearchIndex.Open(indexPath, Options(host, verbose) with { ReadOnly = true });
    }

    /// <summary>For <c>search query</c> on a fresh clone: when there is no index yet, builds it from <c>seeds</c>
    /// here, saying so on stderr, so the first command a new user runs answers.</summary>
    public static async Task EnsureIndexedAsync(string indexPath, CliHost host, bool verbose, CancellationToken cancellationToken)
    {
        if (SearchIndex.Exists(indexPath))
            return;
        string seeds = host.FullPath("seeds");
        if (!Directory.Exists(seeds))
        {
            throw new IndexUnavailableException(indexPath,
                $"There is no index at '{indexPath}' and no 'seeds' folder here to build one from. Create it with: search index FOLDER");
        }
        host.Error.WriteLine($"No index at {indexPath} yet: indexing {seeds} first.");
        using SearchIndex index = SearchIndex.Open(indexPath, Options(host, verbose));
        IndexReport report = await index.IndexDirectoryAsync(seeds, null, cancellationToken).ConfigureAwait(false);
        Output.HumanRenderer.WriteIndexReport(host.Error, seeds, report);
    }

    public static SearchIndexOptions Options(CliHost host, bool verbose) =>
        new() { Logger = verbose ? new TextWriterLogger(host.Error) : null };
}
