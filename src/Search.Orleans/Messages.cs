using Search.Indexing;
using Search.Querying;

namespace Search.Orleans;

// What shards and the coordinator send each other, as Orleans-serializable records: the library's types carry no Orleans
// attributes, so each crosses the wire as one of these and is rebuilt on the other side. Dates travel as day numbers.

[GenerateSerializer, Immutable]
internal sealed record HighlightMessage(
    [property: Id(0)] string PreTag, [property: Id(1)] string PostTag, [property: Id(2)] int Fragments, [property: Id(3)] int FragmentSize,
    [property: Id(4)] string Ellipsis, [property: Id(5)] bool Encode)
{
    public static HighlightMessage? From(HighlightOptions? o) => o is null ? null : new(o.PreTag, o.PostTag, o.Fragments, o.FragmentSize, o.Ellipsis, o.Encode);

    public HighlightOptions ToOptions() => new() { PreTag = PreTag, PostTag = PostTag, Fragments = Fragments, FragmentSize = FragmentSize, Ellipsis = Ellipsis, Encode = Encode };
}

[GenerateSerializer, Immutable]
internal sealed record RequestMessage(
    [property: Id(0)] string Query, [property: Id(1)] string? SimilarTo, [property: Id(2)] int Syntax, [property: Id(3)] int Typos,
    [property: Id(4)] bool AsYouType, [property: Id(5)] int? DateFrom, [property: Id(6)] int? DateTo, [property: Id(7)] TagsMessage Filters,
    [property: Id(8)] string[] Facets, [property: Id(9)] int FacetSize, [property: Id(10)] int Sort, [property: Id(11)] int Size,
    [property: Id(12)] int Offset, [property: Id(13)] string? After, [property: Id(14)] TimeSpan? Timeout, [property: Id(15)] HighlightMessage? Highlight)
{
    public static RequestMessage From(SearchRequest r) => new(r.Query, r.SimilarTo, (int)r.Syntax, (int)r.Typos, r.AsYouType, r.DateFrom?.DayNumber,
        r.DateTo?.DayNumber, TagsMessage.From(r.Filters), [.. r.Facets], r.FacetSize, (int)r.Sort, r.Size, r.Offset, r.After, r.Timeout,
        HighlightMessage.From(r.Highlight));

    public SearchRequest ToRequest() => new(Query)
    {
        SimilarTo = SimilarTo,
        Syntax = (QuerySyntax)Syntax,
        Typos = (TypoTolerance)Typos,
        AsYouType = AsYouType,
        DateFrom = Day(DateFrom),
        DateTo = Day(DateTo),
        Filters = Filters.ToTags(),
        Facets = Facets,
        FacetSize = FacetSize,
        Sort = (SearchSort)Sort,
        Size = Size,
        Offset = Offset,
        After = After,
        Timeout = Timeout,
        Highlight = Highlight?.ToOptions(),
    };

    public static DateOnly? Day(int? dayNumber) => dayNumber is int day ? DateOnly.FromDayNumber(day) : null;
}

/// <summary>Tags (or filters): names and their values, in the order given.</summary>
[GenerateSerializer, Immutable]
internal sealed record TagsMessage([property: Id(0)] string[] Names, [property: Id(1)] string[][] Values)
{
    public static TagsMessage From(IReadOnlyDictionary<string, IReadOnlyList<string>> tags) =>
        new([.. tags.Keys], [.. tags.Values.Select(v => v.ToArray())]);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToTags()
    {
        if (Names.Length == 0)
            return TagRules.None;
        var tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Length; i++)
            tags[Names[i]] = Values[i];
        return tags;
    }
}

[GenerateSerializer, Immutable]
internal sealed record DocumentMessage(
    [property: Id(0)] string Id, [property: Id(1)] string Title, [property: Id(2)] string Body, [property: Id(3)] int? Date, [property: Id(4)] TagsMessage Tags)
{
    public static DocumentMessage From(SeedDocument d) => new(d.Id, d.Title, d.Body, d.Date?.DayNumber, TagsMessage.From(d.Tags));

    public SeedDocument ToDocument() => new(Id, Title, Body, RequestMessage.Day(Date)) { Tags = Tags.ToTags() };
}

[GenerateSerializer, Immutable]
internal sealed record MatchMessage([property: Id(0)] string Field, [property: Id(1)] int Start, [property: Id(2)] int End);

[GenerateSerializer, Immutable]
internal sealed record HitMessage(
    [property: Id(0)] string Id, [property: Id(1)] float Score, [property: Id(2)] int? Date, [property: Id(3)] string Title,
    [property: Id(4)] string? HighlightedTitle, [property: Id(5)] string[] Snippets, [property: Id(6)] MatchMessage[] Matches,
    [property: Id(7)] string? Path, [property: Id(8)] TagsMessage Tags)
{
    public static HitMessage From(SearchHit h) => new(h.Id, h.Score, h.Date?.DayNumber, h.Title, h.HighlightedTitle, [.. h.Snippets],
        [.. h.Matches.Select(m => new MatchMessage(m.Field, m.Start, m.End))], h.Path, TagsMessage.From(h.Tags));

    public SearchHit ToHit() => new()
    {
        Id = Id,
        Score = Score,
        Date = RequestMessage.Day(Date),
        Title = Title,
        HighlightedTitle = HighlightedTitle,
        Snippets = Snippets,
        Matches = [.. Matches.Select(m => new HighlightMatch { Field = m.Field, Start = m.Start, End = m.End })],
        Path = Path,
        Tags = Tags.ToTags(),
    };
}

[GenerateSerializer, Immutable]
internal sealed record ShardHitMessage([property: Id(0)] string Id, [property: Id(1)] float Score, [property: Id(2)] int? Date)
{
    public static ShardHitMessage From(ShardHit h) => new(h.Id, h.Score, h.Date?.DayNumber);

    public ShardHit ToHit() => new(Id, Score, RequestMessage.Day(Date));
}

[GenerateSerializer, Immutable]
internal sealed record PageMessage(
    [property: Id(0)] long TotalHits, [property: Id(1)] ShardHitMessage[] Hits, [property: Id(2)] bool IsPartial,
    [property: Id(3)] string[] DroppedStopWords, [property: Id(4)] string? Suggestion,
    [property: Id(5)] Dictionary<string, Dictionary<string, long>>? FacetTags, [property: Id(6)] Dictionary<long, long>? FacetDays)
{
    public static PageMessage From(ShardPage p) => new(p.TotalHits, [.. p.Hits.Select(ShardHitMessage.From)], p.IsPartial, [.. p.DroppedStopWords],
        p.Suggestion, p.Facets?.Tags, p.Facets?.Days);

    public ShardPage ToPage() => new(TotalHits, [.. Hits.Select(h => h.ToHit())], IsPartial, DroppedStopWords, Suggestion,
        FacetTags is null ? null : new FacetCounts(FacetTags, FacetDays ?? []));
}

[GenerateSerializer, Immutable]
internal sealed record DeleteMessage([property: Id(0)] bool Existed, [property: Id(1)] string Opened);

[GenerateSerializer, Immutable]
internal sealed record FetchMessage([property: Id(0)] HitMessage[] Hits, [property: Id(1)] bool Partial);

[GenerateSerializer, Immutable]
internal sealed record SimilarWordMessage([property: Id(0)] string Field, [property: Id(1)] string Text, [property: Id(2)] float Boost)
{
    public static SimilarWordMessage[]? From(IReadOnlyList<SimilarWord>? words) => words?.Select(w => new SimilarWordMessage(w.Field, w.Text, w.Boost)).ToArray();

    public static IReadOnlyList<SimilarWord>? ToWords(SimilarWordMessage[]? words) => words?.Select(w => new SimilarWord(w.Field, w.Text, w.Boost)).ToArray();
}

[GenerateSerializer, Immutable]
internal sealed record CompletionMessage([property: Id(0)] string Typed, [property: Id(1)] Dictionary<string, long> Documents);

[GenerateSerializer, Immutable]
internal sealed record TermsMessage([property: Id(0)] string Version, [property: Id(1)] byte[] Terms);

[GenerateSerializer, Immutable]
internal sealed record StatsMessage(
    [property: Id(0)] long Documents, [property: Id(1)] int? DateFrom, [property: Id(2)] int? DateTo, [property: Id(3)] long SizeBytes,
    [property: Id(4)] int Segments, [property: Id(5)] string[] UnfinishedSyncs, [property: Id(6)] string[] TagNames, [property: Id(7)] long[] TagDocuments)
{
    public static StatsMessage From(IndexStats s) => new(s.Documents, s.DateFrom?.DayNumber, s.DateTo?.DayNumber, s.SizeBytes, s.Segments,
        [.. s.UnfinishedSyncs], [.. s.Tags.Select(t => t.Name)], [.. s.Tags.Select(t => t.Documents)]);
}

[GenerateSerializer, Immutable]
internal sealed record IndexedFileMessage(
    [property: Id(0)] string Id, [property: Id(1)] ulong HashUpper, [property: Id(2)] ulong HashLower, [property: Id(3)] bool HasHash,
    [property: Id(4)] string? Source, [property: Id(5)] string? Path)
{
    public static IndexedFileMessage From(IndexedFile f) => new(f.Id, (ulong)((f.Hash ?? 0) >> 64), (ulong)(f.Hash ?? 0), f.Hash is not null, f.Source, f.Path);

    public IndexedFile ToFile() => new(Id, HasHash ? new UInt128(HashUpper, HashLower) : null, Source, Path);
}

[GenerateSerializer, Immutable]
internal sealed record SyncedDocumentMessage(
    [property: Id(0)] DocumentMessage Document, [property: Id(1)] string Folder, [property: Id(2)] string FilePath,
    [property: Id(3)] ulong HashUpper, [property: Id(4)] ulong HashLower)
{
    public static SyncedDocumentMessage From(SeedDocument document, FileOrigin origin) =>
        new(DocumentMessage.From(document), origin.Folder, origin.FilePath, (ulong)(origin.ContentHash >> 64), (ulong)origin.ContentHash);

    public (SeedDocument Document, FileOrigin Origin) ToSynced() =>
        (Document.ToDocument(), new FileOrigin(Folder, FilePath, new UInt128(HashUpper, HashLower)));
}
