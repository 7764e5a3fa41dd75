using Search.Querying;
using Search.Sharding;

namespace Search.Orleans;

/// <summary>
/// One shard as the coordinator reaches it through Orleans. A call that fails for any reason but the request's own (the
/// shard's silo stopped or died and the shard is re-activating elsewhere, a time-out) is tried again until
/// <paramref name="wait"/> has passed; then it fails, and the coordinator leaves the shard out and says the result is
/// partial.
/// </summary>
internal sealed class GrainShard(IShardGrain grain, TimeSpan wait) : IShard
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public Task<string> VersionAsync(CancellationToken cancellationToken) => Retry(grain.VersionAsync, cancellationToken);

    public async Task<IReadOnlyList<SimilarWord>?> SimilarWordsAsync(string id, IReadOnlyList<string> versions, CancellationToken cancellationToken) =>
        SimilarWordMessage.ToWords(await Retry(() => grain.SimilarWordsAsync(id, [.. versions]), cancellationToken).ConfigureAwait(false));

    public async Task<ShardPage> QueryAsync(SearchRequest request, IReadOnlyList<string> versions, IReadOnlyList<SimilarWord>? similarWords,
        CancellationToken cancellationToken) =>
        (await Retry(() => grain.QueryAsync(RequestMessage.From(request), [.. versions], SimilarWordMessage.From(similarWords)), cancellationToken)
            .ConfigureAwait(false)).ToPage();

    public async Task<(List<SearchHit> Hits, bool Partial)> FetchAsync(SearchRequest request, IReadOnlyList<string> versions,
        IReadOnlyList<SimilarWord>? similarWords, IReadOnlyList<ShardHit> page, bool highlight, TimeSpan? remaining, CancellationToken cancellationToken)
    {
        FetchMessage fetched = await Retry(() => grain.FetchAsync(RequestMessage.From(request), [.. versions], SimilarWordMessage.From(similarWords),
            [.. page.Select(ShardHitMessage.From)], highlight, remaining), cancellationToken).ConfigureAwait(false);
        return ([.. fetched.Hits.Select(h => h.ToHit())], fetched.Partial);
    }

    public async Task<CompletionCounts> CompleteAsync(string text, int size, IReadOnlyList<string> versions, CancellationToken cancellationToken)
    {
        CompletionMessage counts = await Retry(() => grain.CompleteAsync(text, size, [.. versions]), cancellationToken).ConfigureAwait(false);
        return new CompletionCounts(counts.Typed, counts.Documents);
    }


    /// <summary>Runs <paramref name="call"/> until it answers, fails for the request's own reason, or
    /// <see cref="TimeSpan"/> <c>wait</c> has passed.</summary>

    public async Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow + wait;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan left = giveUp - DateTime.UtcNow;
            try
            {
                return await call().WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
            catch (ShardRequestException e)
            {
                throw e.ToOriginal();
            }
            catch (Exception e) when (!ShardCoordinator.IsRequestError(e) && DateTime.UtcNow + Pause < giveUp)
            {
                await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
