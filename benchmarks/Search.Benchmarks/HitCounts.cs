using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Search.Benchmarks;

/// <summary>How many documents raw Lucene.Net and the library match for a benchmark query on the library's index,
/// counted outside any timing: a query both sides answer alike is one on which their ratio compares the same work.</summary>
public sealed class HitCounts : IDisposable
{
    private readonly SearchIndex _library;
    private readonly NIOFSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _raw;
    private readonly Analyzer _analyzer = RawLucene.CreateAnalyzer();

    public HitCounts(string libraryIndexPath)
    {
        _library = SearchIndex.Open(libraryIndexPath, new SearchIndexOptions { ReadOnly = true });
        _directory = new NIOFSDirectory(libraryIndexPath);
        _reader = DirectoryReader.Open(_directory);
        _raw = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Whether both sides match the same number of documents for <paramref name="query"/>, and with
    /// <paramref name="mustMatch"/>, at least one (a word or pair taken from the corpus that neither finds was dropped
    /// as a stop word).</summary>
    public bool Agree(BenchmarkQuery query, bool mustMatch)
    {
        long library;
        try
        {
            library = _library.Search(new SearchRequest(query.Text) { DateFrom = query.From, DateTo = query.To, Size = 0 }).TotalHits;
        }
        catch (QuerySyntaxException)
        {
            return false;
        }
        int raw = QueryBenchmarks.RawTotalHits(_raw, _analyzer, query, QueryBenchmarks.LibraryDatePrecisionStep);
        return raw == library && (!mustMatch || raw > 0);
    }

    public void Dispose()
    {
        _library.Dispose();
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
