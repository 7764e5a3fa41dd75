using System.Diagnostics;
using Search.Querying;

namespace Search.Sharding;

/// <summary>
/// Runs a search over the shards of a collection as one index would answer it: first the versions of every shard's
/// statistics (so all weigh the query alike), then the query half on every shard (ids and sort keys of each one's top
/// <c>Offset + Size + 1</c>), merged in the index's order (<see cref="HitOrder.Compare"/>), then the fetch half only on the
/// shards that hold the final page. Totals and facet counts are added up; a shard that does not answer makes the result
/// partial rather than wrong.
/// </summary>
internal sealed class ShardCoordinator(IReadOnlyList<IShard> shards, Func<string, int> shardOf)
{
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        ArgumentNullException.ThrowIfNull(request);
        // The shards check the window against their own MaxResultWindow; everything else is checked here first.
        request.Validate(int.MaxValue);
        if (request.After is not null)
            SearchCursor.Decode(request.After, request.Sort);

        // A time budget bounds the waiting for shards too: one that has not answered when it runs out is left out, and the
        // result says it is partial. Reading the page gets a moment more, as one index reads every hit of a page it ran out
        // of time to highlight.
        TimeSpan? Left() => request.Timeout is TimeSpan budget ? budget - Stopwatch.GetElapsedTime(started) : null;
        (string[] versions, bool missing) = await VersionsAsync(Left, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SimilarWord>? words = null;
        if (request.SimilarTo is { } id)
        {
            int owner = shardOf(id);
            if (versions[owner].Length == 0)
                return Unanswered(started);
            words = await Call(owner, shard => shard.SimilarWordsAsync(id, versions, cancellationToken), Left()).ConfigureAwait(false) is { Answered: true } found
                ? found.Value ?? []
                : null;
            if (words is null)
                return Unanswered(started);
        }

        ShardAnswer<ShardPage>[] pages = await Task.WhenAll(Available(versions).Select(shard =>
            Call(shard, s => s.QueryAsync(request, versions, words, cancellationToken), Left()))).ConfigureAwait(false);
        bool partial = missing || pages.Any(p => !p.Answered);
        var answered = pages.Where(p => p.Answered).ToList();
        if (answered.Count == 0)
            return Unanswered(started);
        bool timedOut = answered.Any(p => p.Value!.IsPartial);

        int window = request.Offset + request.Size;
        List<(int Shard, ShardHit Hit)> merged = [.. answered
            .SelectMany(p => p.Value!.Hits.Select(hit => (p.Shard, hit)))
            .Order(Comparer<(int Shard, ShardHit Hit)>.Create((x, y) => HitOrder.Compare(request.Sort, x.Hit, y.Hit)))
            .Take(window + 1)];
        var page = merged.Count > request.Offset ? merged[request.Offset..Math.Min(window, merged.Count)] : [];

        TimeSpan? remaining = request.Timeout is TimeSpan budget ? budget - Stopwatch.GetElapsedTime(started) : null;
        bool highlight = !timedOut && (remaining is null || remaining > TimeSpan.Zero);
        // As one index does: hits that asked for highlights and got none because the time ran out make the result partial.
        partial |= request.Highlight is not null && !highlight && page.Count > 0;
        var fetched = new Dictionary<string, SearchHit>(StringComparer.Ordinal);
        ShardAnswer<(List<SearchHit> Hits, bool Partial)>[] fetches = await Task.WhenAll(page.GroupBy(p => p.Shard).Select(group =>
            Call(group.Key, shard => shard.FetchAsync(request, versions, words, [.. group.Select(p => p.Hit)], highlight, remaining,
                cancellationToken), Left() is TimeSpan left ? Max(left, TimeSpan.Zero) + FetchGrace : null))).ConfigureAwait(false);
        foreach (ShardAnswer<(List<SearchHit> Hits, bool Partial)> fetch in fetches)
        {
            partial |= !fetch.Answered || fetch.Value.Partial;
            if (fetch.Answered)
            {
                foreach (SearchHit hit in fetch.Value.Hits)
                    fetched[hit.Id] = hit;
            }
        }
        var hits = new List<SearchHit>(page.Count);
        foreach ((int _, ShardHit hit) in page)
        {
            if (fetched.TryGetValue(hit.Id, out SearchHit? read))
                hits.Add(read);
            else
                partial = true; // deleted since the query half, or its shard stopped answering
        }

        ShardPage first = answered[0].Value!;
        FacetCounts? facets = null;
        if (request.Facets.Count > 0)
        {
            facets = new FacetCounts(new(StringComparer.Ordinal), []);
            foreach (ShardAnswer<ShardPage> answer in answered)
            {
                if (answer.Value!.Facets is { } counts)
                    facets.Add(counts);
            }
        }
        // The cursor keeps the score as Lucene compares it, not as clamped for the hit.
        string? next = merged.Count > window && hits.Count == page.Count && hits.Count > 0
            ? SearchCursor.Encode(request.Sort, hits[^1], page[^1].Hit.Score)
            : null;
        return new SearchResults
        {
            TotalHits = answered.Sum(p => p.Value!.TotalHits),
            Hits = hits,
            Next = next,
            IsPartial = partial || timedOut,
            DroppedStopWords = first.DroppedStopWords,
            Suggestion = first.Suggestion,
            Facets = facets?.Results(request.Facets, request.FacetSize) ?? SearchResults.NoFacets,
            Took = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>The completions of <paramref name="text"/> over every shard (<see cref="SearchIndex.Complete"/>).</summary>
    /// <exception cref="SearchException">A shard did not answer: counts without it would pass for complete.</exception>
    public async Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size, CancellationToken cancellationToken)
    {
        OptionRules.NotNull(text, nameof(text));
        OptionRules.Between(size, 1, Completer.MaxSize, nameof(size));
        (string[] versions, _) = await VersionsAsync(() => null, cancellationToken).ConfigureAwait(false);
        ShardAnswer<CompletionCounts>[] counts = await Task.WhenAll(Available(versions).Select(shard =>
            Call(shard, s => s.CompleteAsync(text, size, versions, cancellationToken)))).ConfigureAwait(false);
        if (counts.Length < shards.Count || counts.Any(c => !c.Answered))
        {
            throw new SearchException($"Shard {Enumerable.Range(0, shards.Count).First(s => versions[s].Length == 0 || counts.Any(c => c.Shard == s && !c.Answered))} " +
                "did not answer, so the completions cannot be counted over every document; try again once it is back.");
        }
        CompletionCounts? total = null;
        foreach (ShardAnswer<CompletionCounts> answer in counts)
        {
            total ??= new CompletionCounts(answer.Value!.Typed, []);
            total.Add(answer.Value!);
        }
        return total?.Top(size) ?? [];
    }

    /// <summary>Every shard's version, null for a shard that did not answer; and whether one did not.</summary>
    private async Task<(string[] Versions, bool Missing)> VersionsAsync(Func<TimeSpan?> left, CancellationToken cancellationToken)
    {
        ShardAnswer<string>[] answers = await Task.WhenAll(Enumerable.Range(0, shards.Count).Select(shard =>
            Call(shard, s => s.VersionAsync(cancellationToken), left()))).ConfigureAwait(false);
        // A shard that does not answer is searched by nobody; its peers weigh with what they last knew of it.
        return ([.. answers.Select(a => a.Answered ? a.Value! : string.Empty)], answers.Any(a => !a.Answered));
    }

    private static IEnumerable<int> Available(string[] versions) => Enumerable.Range(0, versions.Length).Where(shard => versions[shard].Length > 0);

    /// <summary>Calls one shard; a request error (bad syntax, a value out of range) is the caller's and is thrown, anything
    /// else means the shard did not answer.</summary>
    private async Task<ShardAnswer<T>> Call<T>(int shard, Func<IShard, Task<T>> call, TimeSpan? within = null)
    {
        try
        {
            Task<T> answer = call(shards[shard]);
            return new ShardAnswer<T>(shard, true, await (within is TimeSpan limit ? answer.WaitAsync(Max(limit, TimeSpan.Zero)) : answer).ConfigureAwait(false));
        }
        catch (Exception e) when (!IsRequestError(e))
        {
            return new ShardAnswer<T>(shard, false, default);
        }
    }

    // How much longer than the time budget reading a page may take: hits are returned even when highlighting ran out of time.
    private static readonly TimeSpan FetchGrace = TimeSpan.FromSeconds(1);

    private static TimeSpan Max(TimeSpan x, TimeSpan y) => x > y ? x : y;

    /// <summary>Whether <paramref name="e"/> is the answer itself (the request is wrong, or the index refused it, as one index
    /// would have said), rather than a shard that did not answer.</summary>
    public static bool IsRequestError(Exception e) =>
        e is ArgumentException or SearchException or OperationCanceledException;

    private static SearchResults Unanswered(long started) => new()
    {
        TotalHits = 0,
        Hits = [],
        IsPartial = true,
        Took = Stopwatch.GetElapsedTime(started),
    };

    private readonly record struct ShardAnswer<T>(int Shard, bool Answered, T? Value);
}
