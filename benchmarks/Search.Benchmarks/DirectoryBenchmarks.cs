using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Search.Benchmarks;

/// <summary>
/// Guard rails for two choices the library makes on Lucene.Net 4.8.0-beta00017's behalf: the directory type
/// (<c>NIOFSDirectory</c>, because <c>MMapDirectory</c> can crash the process during reader swaps) and how often a
/// long sync commits. Indexing the parsed corpus with each directory type shows what the safe choice costs; the
/// library with commits every 1,000 documents against its default shows what a shorter crash window costs.
/// </summary>
[Config(typeof(ThroughputConfig))]
[SuiteJob("Directory", RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class DirectoryBenchmarks
{
    private List<SeedDocument> _documents = [];
    private string _indexPath = "";

    [GlobalSetup]
    public void LoadCorpus() => _documents = Corpus.Current.Documents(1);

    [IterationSetup]
    public void NewIndexFolder()
    {
        _indexPath = Path.Combine(Path.GetTempPath(), "search-bench", "dir-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(_indexPath);
    }

    [IterationCleanup]
    public void DeleteIndexFolder() => System.IO.Directory.Delete(_indexPath, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("DirectoryType")]
    public void NIOFSDirectory() => Index(new NIOFSDirectory(_indexPath));

    [Benchmark, BenchmarkCategory("DirectoryType")]
    public void MMapDirectory() => Index(new MMapDirectory(_indexPath));

    [Benchmark, BenchmarkCategory("DirectoryType")]
    public void SimpleFSDirectory() => Index(new SimpleFSDirectory(_indexPath));

    [Benchmark(Baseline = true), BenchmarkCategory("CommitInterval")]
    public Task Library_CommitAtEnd() => IndexFolder(int.MaxValue);

    [Benchmark, BenchmarkCategory("CommitInterval")]
    public Task Library_CommitEvery1000() => IndexFolder(1000);

    private void Index(Lucene.Net.Store.Directory directory)
    {
        using (directory)
        using (Analyzer analyzer = RawLucene.CreateAnalyzer())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (SeedDocument document in _documents)
                writer.AddDocument(RawLucene.ToDocument(document));
            writer.Commit();
        }
    }

    private async Task IndexFolder(int commitEvery)
    {
        using SearchIndex index = SearchIndex.Open(_indexPath, new SearchIndexOptions
        {
            IndexingThreads = 1,
            CommitEveryDocuments = commitEvery,
            CommitInterval = TimeSpan.FromHours(1),
        });
        await index.IndexDirectoryAsync(Corpus.Current.Folder);
    }
}
