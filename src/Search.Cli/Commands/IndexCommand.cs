using System.CommandLine;
using Search.Cli.Output;

namespace Search.Cli.Commands;

/// <summary><c>search index [FOLDER...]</c>: incremental sync of folders into the index, with a summary.</summary>
internal static class IndexCommand
{
    public static Command Create(CliHost host)
    {
        var folders = new Argument<string[]>("FOLDER")
        {
            Description = "Folders of *.txt seed documents, read recursively. Default: seeds",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Option<string?> index = CommonOptions.Index();
        Option<string?> cluster = Cluster.ClusterConnection.Option();
        var rebuild = new Option<bool>("--rebuild")
        {
            Description = "Start from an empty index; the old one stays searchable until the new one is committed.",
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Exit with code 1 if any file could not be indexed.",
        };
        var metadata = new Option<string?>("--metadata")
        {
            Description = "A tab-separated table that gives the documents their tags: a header row naming the columns, then a row per " +
                "document, its path relative to the folder (with or without .txt) first, then a comma-separated list of values per tag. " +
                "With several folders, each names its documents relative to itself.",
            HelpName = "FILE",
        };
        var commitEvery = new Option<int?>("--commit-every")
        {
            Description = "Commit after this many written documents, so a crash loses at most that much work. Default 100,000 (and every 30 s).",
            HelpName = "N",
        };
        commitEvery.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
                result.AddError("--commit-every takes a number of documents of at least 1.");
        });
        var command = new Command("index", """
            Index folders of seed documents. Incremental: new files are added, changed files updated,
            unchanged files skipped and documents of deleted files removed. Bad files are listed and skipped.
            An index written by another version of Search is rebuilt from the folders given.

            Examples:
              search index
              search index ~/news --index ~/news-index
              search index seeds more-seeds --rebuild --strict
              search index reuters21578 --metadata reuters21578/meta.tsv
              search index reuters21578 --cluster 127.0.0.1:30000
            """)
        {
            folders, index, cluster, rebuild, strict, metadata, commitEvery,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            host,
            parse.GetValue(folders) is { Length: > 0 } given ? given : ["seeds"],
            new Target(parse.GetValue(index), parse.GetValue(cluster)),
            parse.GetValue(rebuild),
            parse.GetValue(strict),
            parse.GetValue(metadata) is { } table ? host.FullPath(table) : null,
            parse.GetValue(commitEvery),
            parse.GetValue(CommonOptions.Verbose),
            cancellationToken));
        return command;
    }

    /// <summary>The --index and --cluster options: where to index.</summary>
    private sealed record Target(string? Index, string? Cluster);

    private static async Task<int> RunAsync(CliHost host, string[] folders, Target target, bool rebuild, bool strict, string? metadata,
        int? commitEvery, bool verbose, CancellationToken cancellationToken)
    {
        if (target.Cluster is not null && target.Index is not null)
            throw new UsageException("--index and --cluster name two different indexes; give one of them.");
        if (target.Cluster is not null && rebuild)
            throw new UsageException("--rebuild works on a local index; a cluster's index is synced in place (documents of deleted files are removed).");
        string[] fullPaths = [.. folders.Select(host.FullPath)];
        foreach (string folder in fullPaths)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException(File.Exists(folder)
                    ? $"'{TerminalText.Line(folder)}' is a file, not a folder; index the folder that holds it."
                    : $"The folder '{TerminalText.Line(folder)}' does not exist.");
            }
        }

        // Read (and its header checked) before the index is opened: opening creates a new index, and a table that cannot be
        // used must not leave an empty one behind for the next query to take as built. The library reads it again to sync.
        if (metadata is not null)
            Search.Indexing.MetadataTable.Read(metadata);

        SearchIndexOptions options = IndexOpener.Options(host, verbose) with { Rebuild = rebuild };
        if (commitEvery is int every)
            options = options with { CommitEveryDocuments = every };
        using IDisposable? writing = host.Writing();
        List<IndexReport> reports = target.Cluster is { } gateways
            ? await SyncClusterAsync(host, fullPaths, gateways, metadata, options, verbose, cancellationToken).ConfigureAwait(false)
            : await SyncLocalAsync(host, fullPaths, host.IndexPath(target.Index), metadata, options, cancellationToken).ConfigureAwait(false);
        if (reports.Count > 1)
            HumanRenderer.WriteIndexTotal(host.Out, reports);
        int failed = reports.Sum(r => r.Failures.Count);
        if (strict && failed > 0)
        {
            host.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"search: {failed:N0} {(failed == 1 ? "file" : "files")} could not be indexed (listed above); with --strict that is an error. The other files were indexed."));
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }

    private static async Task<List<IndexReport>> SyncLocalAsync(CliHost host, string[] folders, string indexPath, string? metadata, SearchIndexOptions options,
        CancellationToken cancellationToken)
    {
        (SearchIndex opened, bool rebuild) = IndexOpener.OpenForSync(indexPath, host, options);
        using SearchIndex index = opened;
        var reports = new List<IndexReport>(folders.Length);
        for (int i = 0; i < folders.Length; i++)
        {
            string folder = folders[i];
            // A rebuild of several folders commits once, after the last: stopping in any of them leaves the old index whole.
            bool commit = !rebuild || i == folders.Length - 1;
            IndexReport report = await ProgressView.RunAsync(host, folder,
                progress => index.SyncDirectoryAsync(folder, new DirectorySyncOptions { Progress = progress, Metadata = metadata }, commit, cancellationToken)).ConfigureAwait(false);
            HumanRenderer.WriteIndexReport(host.Out, folder, report);
            reports.Add(report);
        }
        return reports;
    }

    /// <summary>Syncs each folder into the cluster's sharded index: the files are read here and sent to their shards.</summary>
    private static async Task<List<IndexReport>> SyncClusterAsync(CliHost host, string[] folders, string gateways, string? metadata, SearchIndexOptions options,
        bool verbose, CancellationToken cancellationToken)
    {
        await using Cluster.ClusterConnection connection = await Cluster.ClusterConnection.ConnectAsync(gateways, host, verbose, options, cancellationToken).ConfigureAwait(false);
        var reports = new List<IndexReport>(folders.Length);
        foreach (string folder in folders)
        {
            IndexReport report = await ProgressView.RunAsync(host, folder,
                progress => connection.Index.IndexDirectoryAsync(folder, new DirectorySyncOptions { Progress = progress, Metadata = metadata }, cancellationToken)).ConfigureAwait(false);
            HumanRenderer.WriteIndexReport(host.Out, folder, report);
            reports.Add(report);
        }
        return reports;
    }
}
