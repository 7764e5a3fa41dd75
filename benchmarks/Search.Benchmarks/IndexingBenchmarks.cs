using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Search.Benchmarks;

/// <summary>
/// Indexing the corpus into an empty on-disk index, the library against raw Lucene.Net doing the same work:
/// end to end (enumerate, read, parse, analyse, index, commit) and from parsed documents in memory.
/// Each operation indexes the whole corpus once, so it is measured as a macro-benchmark (one cold-ish
/// warm-up, eight timed runs), and docs/s and MB/s come from the median.
/// </summary>
[Config(typeof(ThroughputConfig))]
[SuiteJob("Indexing", RunStrategy.Monitoring, warmupCount: 1, iterationCount: 8)]
public class IndexingBenchmarks
{
    private string _folder = "";
    private List<SeedDocument> _documents = [];
    private string _indexPath = "";

    /// <summary>How many copies of the corpus (distinct ids) one operation indexes.</summary>
    [Params(1, 4)]
    public int Scale { get; set; }

    /// <summary>Indexing threads, for both sides.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void LoadCorpus()
    {
        _folder = Corpus.Current.ScaledFolder(Scale);
        _documents = Corpus.Current.Documents(Scale);
    }

    [IterationSetup]
    public void NewIndexFolder()
    {
        _indexPath = Path.Combine(Path.GetTempPath(), "search-bench", "index-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_indexPath);
    }

    [IterationCleanup]
    public void DeleteIndexFolder() => Directory.Delete(_indexPath, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("EndToEnd")]
    public void RawLucene_Folder() => RawLucene.IndexFolder(_folder, _indexPath, Threads);

    [Benchmark, BenchmarkCategory("EndToEnd")]
    public async Task Library_IndexDirectoryAsync()
    {
        using SearchIndex index = SearchIndex.Open(_indexPath, new SearchIndexOptions { IndexingThreads = Threads });
        await index.IndexDirectoryAsync(_folder);
    }

    // An upsert replaces by id, so the baseline does UpdateDocument too; plain AddDocument shows what uniqueness costs.
    [Benchmark(Baseline = true), BenchmarkCategory("FromDocuments")]
    public void RawLucene_UpdateDocuments() => RawLucene.IndexDocuments(_documents, _indexPath, Threads, replaceById: true);

    [Benchmark, BenchmarkCategory("FromDocuments")]
    public void RawLucene_AddDocuments() => RawLucene.IndexDocuments(_documents, _indexPath, Threads, replaceById: false);

    [Benchmark, BenchmarkCategory("FromDocuments")]
    public async Task Library_UpsertAsync()
    {
        using SearchIndex index = SearchIndex.Open(_indexPath);
        await Parallel.ForEachAsync(_documents, new ParallelOptions { MaxDegreeOfParallelism = Threads },
            async (document, token) => await index.UpsertAsync(document, token));
        await index.CommitAsync();
    }
}
