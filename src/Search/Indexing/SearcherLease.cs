using Lucene.Net.Search;

namespace Search.Indexing;

/// <summary>
/// One searcher snapshot held for the length of a search: hits, stored fields and highlights all come
/// from it, so a result is never torn by a concurrent commit. Release it by disposing.
/// </summary>
internal readonly struct SearcherLease : IDisposable
{
    private readonly SearcherManager _manager;

    public SearcherLease(SearcherManager manager)
    {
        _manager = manager;
        Searcher = manager.Acquire();
    }

    public IndexSearcher Searcher { get; }

    public void Dispose() => _manager.Release(Searcher);
}
