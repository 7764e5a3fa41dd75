using Search.Querying;

namespace Search.Sharding;

/// <summary>
/// One shard as the coordinator of a sharded search reaches it (a grain, or an index in the same process). Every call
/// names the version of each shard's statistics the search runs with (<see cref="ShardEngine.Version"/>), so that every
/// shard weighs the query with the same collection statistics.
/// </summary>
internal interface IShard
{
    /// <summary>The version of the shard's current snapshot.</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken);

    /// <summary><see cref="ShardEngine.SimilarWords"/>.</summary>
    Task<IReadOnlyList<SimilarWord>?> SimilarWordsAsync(string id, IReadOnlyList<string> versions, CancellationToken cancellationToken);

    /// <summary><see cref="ShardEngine.Query"/>.</summary>
    Task<ShardPage> QueryAsync(SearchRequest request, IReadOnlyList<string> versions, IReadOnlyList<SimilarWord>? similarWords,
        CancellationToken cancellationToken);

    /// <summary><see cref="ShardEngine.Fetch"/>.</summary>
    Task<(List<SearchHit> Hits, bool Partial)> FetchAsync(SearchRequest request, IReadOnlyList<string> versions, IReadOnlyList<SimilarWord>? similarWords,
        IReadOnlyList<ShardHit> page, bool highlight, TimeSpan? remaining, CancellationToken cancellationToken);

    /// <summary><see cref="ShardEngine.Complete"/>.</summary>
    Task<CompletionCounts> CompleteAsync(string text, int size, IReadOnlyList<string> versions, CancellationToken cancellationToken);
}
