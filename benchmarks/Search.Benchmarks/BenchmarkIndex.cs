namespace Search.Benchmarks;

/// <summary>The on-disk indexes of the corpus that query benchmarks share, built once and kept in the temp folder:
/// the library's (written by <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> with its defaults, and the corpus's metadata table) and raw Lucene.Net's
/// (written by <see cref="RawLucene.IndexFolder"/>). Each side searches the index it built, as a user of it would.
/// Each is keyed by the corpus and the build of the code that wrote it.</summary>
public static class BenchmarkIndex
{
    /// <summary>The library's index of <paramref name="corpus"/>, its documents tagged from the corpus's
    /// <see cref="Corpus.Metadata"/> table when it has one.</summary>
    public static string PathFor(Corpus corpus) =>
        Build(corpus, corpus.Metadata is null ? "query-index" : "tagged-query-index", typeof(SearchIndex), path =>
        {
            using SearchIndex index = SearchIndex.Open(path);
            IndexReport report = index.IndexDirectoryAsync(corpus.Folder, new DirectorySyncOptions { Metadata = corpus.Metadata }).GetAwaiter().GetResult();
            // A table whose rows name no document would measure facets over no tags without saying so.
            if (corpus.Metadata is not null && report.Failures.Count > 0)
                throw new InvalidOperationException($"Indexing {corpus.Folder} with {corpus.Metadata}: {report.Failures[0].Message}");
        });

    /// <summary>Raw Lucene.Net's index of <paramref name="corpus"/>, written with one thread.</summary>
    public static string RawPathFor(Corpus corpus) =>
        Build(corpus, "raw-query-index", typeof(RawLucene), path => RawLucene.IndexFolder(corpus.Folder, path, threads: 1));

    private static string Build(Corpus corpus, string kind, Type writer, Action<string> write)
    {
        Guid build = writer.Assembly.ManifestModule.ModuleVersionId;
        string path = Path.Combine(Path.GetTempPath(), "search-bench", $"{kind}-{corpus.Name}-{corpus.Files.Count}-{corpus.Bytes}-{build:N}");
        string done = path + ".complete";
        if (File.Exists(done))
            return path;
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        write(path);
        File.WriteAllText(done, "");
        return path;
    }
}
