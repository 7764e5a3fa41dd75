using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexing;
using Search.Querying;

namespace Search.Sharding;

/// <summary>
/// One <see cref="SearchIndex"/> run as a shard of a collection: the halves of a search (query, then fetch), completion
/// counts and more-like-this words, each on the shard's snapshot seen with its peers' statistics
/// (<see cref="PeerTermsReader"/>), and its own statistics for the peers. The coordinator that merges the shards' answers
/// lives with the sharded client; this is what each shard runs.
/// </summary>
internal sealed class ShardEngine
{
    private readonly IndexStore _store;
    private readonly SearchExecutor _executor;
    private readonly Completer _completer;
    private readonly SearchIndexOptions _options;
    private readonly OperationGate _gate;
    // A new number per open, and one per snapshot: a reader's own version repeats after the index is reopened from its
    // last commit, or its writer is rolled back and writes again.
    private readonly string _opened = Guid.NewGuid().ToString("N");
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, string> _snapshots = [];
    private long _nextSnapshot;
    private readonly Lock _termsLock = new();
    private (string Version, byte[] Terms)? _terms;

    internal ShardEngine(IndexStore store, SearchExecutor executor, Completer completer, SearchIndexOptions options, OperationGate gate)
    {
        _store = store;
        _executor = executor;
        _completer = completer;
        _options = options;
        _gate = gate;
    }

    /// <summary>Names the snapshot searches see now: it changes with every commit or refresh, and when the index is reopened.</summary>
    public string Version
    {
        get
        {
            using OperationGate.Entry entry = _gate.Enter();
            using SearcherLease lease = _store.Lease();
            return VersionOf(lease.Searcher.IndexReader);
        }
    }

    /// <summary>Names this open of the index: writes sent to it are lost if it ends without committing them.</summary>
    public string Opened => _opened;

    private string VersionOf(IndexReader reader) =>
        _snapshots.GetValue(reader, _ => $"{_opened}:{Interlocked.Increment(ref _nextSnapshot)}");

    /// <summary>The statistics of the current snapshot, encoded (<see cref="ShardTerms"/>), with its version; read once per
    /// version.</summary>
    public (string Version, byte[] Terms) Terms()
    {
        using OperationGate.Entry entry = _gate.Enter();
        using SearcherLease lease = _store.Lease();
        string version = VersionOf(lease.Searcher.IndexReader);
        // Every peer asks at once after a commit: the first reads the dictionary, the others wait for it.
        lock (_termsLock)
        {
            if (_terms is not { } known || known.Version != version)
                _terms = known = (version, ShardTerms.Read(lease.Searcher.IndexReader).Encode());
            return known;
        }
    }

    /// <summary>The query half of <paramref name="request"/> (<see cref="SearchExecutor.Query"/>).</summary>
    public ShardPage Query(SearchRequest request, PeerTermsReader peers, IReadOnlyList<SimilarWord>? similarWords) =>
        OnView(peers, searcher => _executor.Query(searcher, request, similarWords));

    /// <summary>The fetch half of <paramref name="request"/> (<see cref="SearchExecutor.Fetch"/>).</summary>
    public (List<SearchHit> Hits, bool Partial) Fetch(SearchRequest request, PeerTermsReader peers, IReadOnlyList<SimilarWord>? similarWords,
        IReadOnlyList<ShardHit> page, bool highlight, TimeSpan? remaining) =>
        OnView(peers, searcher => _executor.Fetch(searcher, request, similarWords, page, highlight,
            new Deadline(System.Diagnostics.Stopwatch.GetTimestamp(), remaining)));

    /// <summary>The words of the document <paramref name="id"/> that documents like it share, picked with the collection's
    /// statistics; null when this shard does not hold it.</summary>
    public IReadOnlyList<SimilarWord>? SimilarWords(string id, PeerTermsReader peers) =>
        OnView(peers, searcher => SimilarDocuments.Words(searcher, _store.Analyzer, id, _options.SimilarTerms));

    /// <summary>The completions of <paramref name="text"/> with this shard's documents, uncut.</summary>
    public CompletionCounts Complete(string text, int size, PeerTermsReader peers) =>
        OnView(peers, searcher => _completer.Count(text, size, searcher.IndexReader));

    /// <summary>Every document the shard holds, with the file it came from, for a folder sync run by the coordinator.</summary>
    public Dictionary<string, IndexedFile> IndexedFiles()
    {
        using OperationGate.Entry entry = _gate.Enter();
        return _store.IndexedFiles();
    }

    /// <summary>Writes documents read from files by a folder sync run by the coordinator, each replacing any document with
    /// its id.</summary>
    public void WriteSynced(IEnumerable<(SeedDocument Document, FileOrigin Origin)> documents)
    {
        using OperationGate.Entry entry = _gate.Enter();
        foreach ((SeedDocument document, FileOrigin origin) in documents)
            _store.WriteSynced(document, origin, isNew: false); // the coordinator's sync tracks no concurrent upserts here
    }

    public void DeleteMany(IEnumerable<string> ids)
    {
        using OperationGate.Entry entry = _gate.Enter();
        _store.DeleteMany(ids);
    }

    /// <summary>Records in the next commit whether a sync of <paramref name="folder"/> is unfinished.</summary>
    public void MarkSync(string folder, bool unfinished)
    {
        using OperationGate.Entry entry = _gate.Enter();
        _store.MarkSync(folder, unfinished);
    }

    /// <summary>Discards every write since the last commit.</summary>
    public void Rollback()
    {
        using OperationGate.Entry entry = _gate.Enter();
        _store.Rollback();
    }

    private T OnView<T>(PeerTermsReader peers, Func<IndexSearcher, T> run)
    {
        using OperationGate.Entry entry = _gate.Enter();
        using SearcherLease lease = _store.Lease();
        // The peers' statistics come last, so the shard's own documents keep their numbers.
        using var view = new MultiReader([lease.Searcher.IndexReader, peers], closeSubReaders: false);
        return run(new ShardSearcher(view));
    }
}
