namespace Search.Orleans;

/// <summary>
/// One shard of a sharded index: a grain, keyed by its shard number, that owns the <see cref="SearchIndex"/> in the
/// shard's folder. The coordinator (<see cref="ShardedSearchIndex"/>) is its only caller besides its peers, which fetch
/// its term statistics.
/// </summary>
internal interface IShardGrain : IGrainWithIntegerKey
{
    /// <summary>How many shards the index has, as recorded under the root.</summary>
    Task<int> ShardCountAsync();

    /// <summary>The silo the shard is active on.</summary>
    Task<string> HostAsync();

    /// <summary>Closes the shard's index (committing pending writes) once this call returns; the next call opens it again,
    /// on whichever silo Orleans places it.</summary>
    Task DeactivateAsync();

    Task<string> VersionAsync();

    Task<TermsMessage> TermsAsync();

    Task<SimilarWordMessage[]?> SimilarWordsAsync(string id, string[] versions);

    Task<PageMessage> QueryAsync(RequestMessage request, string[] versions, SimilarWordMessage[]? similarWords);

    Task<FetchMessage> FetchAsync(RequestMessage request, string[] versions, SimilarWordMessage[]? similarWords, ShardHitMessage[] page,
        bool highlight, TimeSpan? remaining);

    Task<CompletionMessage> CompleteAsync(string text, int size, string[] versions);

    // Each write returns the name of the shard's open (ShardEngine.Opened): the commit that follows names it back, and fails
    // when the shard was reopened meanwhile without committing those writes.

    Task<string> UpsertAsync(DocumentMessage[] documents);

    Task<DeleteMessage> DeleteAsync(string id);

    /// <summary>Commits the shard; <paramref name="written"/> names the opens the caller's uncommitted writes went to, and
    /// the commit fails if they were lost with one of them.</summary>
    Task CommitAsync(string[] written);

    Task<DocumentMessage?> GetAsync(string id);

    Task<long> CountAsync();

    Task<StatsMessage> StatsAsync();

    Task<IndexedFileMessage[]> IndexedFilesAsync();

    Task<string> WriteSyncedAsync(SyncedDocumentMessage[] documents);

    Task<string> DeleteManyAsync(string[] ids);

    Task<string> MarkSyncAsync(string folder, bool unfinished);

    Task RollbackAsync();
}
