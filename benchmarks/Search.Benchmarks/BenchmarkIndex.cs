namespace Search.Benchmarks;

/// <summary>The on-disk index of the corpus that query benchmarks share: built once with the library and kept in the
/// temp folder, keyed by the corpus and the build of the library that wrote it.</summary>
public static class BenchmarkIndex
{
    public static string PathFor(Corpus corpus)
    {
        Guid build = typeof(SearchIndex).Assembly.ManifestModule.ModuleVersionId;
        string path = Path.Combine(Path.GetTempPath(), "search-bench", $"query-index-{corpus.Name}-{corpus.Files.Count}-{corpus.Bytes}-{build:N}");
        string done = path + ".complete";
        if (File.Exists(done))
            return path;
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        using (SearchIndex index = SearchIndex.Open(path))
            index.IndexDirectoryAsync(corpus.Folder).GetAwaiter().GetResult();
        File.WriteAllText(done, "");
        return path;
    }
}
