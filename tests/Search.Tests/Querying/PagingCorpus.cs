using System.Globalization;

namespace Search.Tests.Querying;

/// <summary>
/// 1,200 generated documents for paging tests, built once and only read. Nine in ten contain "kabul" once, twice
/// or three times in equally long bodies, so relevance ties in three large groups; dates repeat every 40 documents
/// and every seventh document is undated, so date sorts tie too. Ids are a permutation of the insertion order.
/// </summary>
public sealed class PagingCorpus : IAsyncLifetime
{
    public const int Count = 1200;
    public const string Query = "kabul";

    public PagingCorpus()
    {
        Documents = [.. Enumerable.Range(0, Count).Select(Generate)];
        Matching = [.. Documents.Where(d => Weight(d) > 0)];
    }

    public SearchIndex Index { get; private set; } = null!;

    public IReadOnlyList<SeedDocument> Documents { get; }

    /// <summary>The documents that match <see cref="Query"/>.</summary>
    public IReadOnlyList<SeedDocument> Matching { get; }

    /// <summary>How often the document says "kabul": more is a better match, as all bodies are equally long.</summary>
    public static int Weight(SeedDocument document) => document.Body.Split(' ').Count(word => word == "kabul");

    /// <summary>The ids of <paramref name="documents"/> in the order <paramref name="sort"/> promises, worked out
    /// independently of the library.</summary>
    public static string[] InOrder(IEnumerable<SeedDocument> documents, SearchSort sort)
    {
        IOrderedEnumerable<SeedDocument> ordered = sort switch
        {
            SearchSort.Relevance => documents.OrderByDescending(Weight),
            SearchSort.DateDescending => documents.OrderBy(d => d.Date is null).ThenByDescending(d => d.Date),
            SearchSort.DateAscending => documents.OrderBy(d => d.Date is null).ThenBy(d => d.Date),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
        return [.. ordered.ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => d.Id)];
    }

    public async Task InitializeAsync() => Index = await TestDocs.IndexOf([.. Documents]);

    public Task DisposeAsync()
    {
        Index.Dispose();
        return Task.CompletedTask;
    }

    private static SeedDocument Generate(int i)
    {
        string id = string.Create(CultureInfo.InvariantCulture, $"doc-{i * 7919 % Count:D4}");
        int weight = i % 10 == 9 ? 0 : i % 3 + 1;
        string body = string.Join(' ', Enumerable.Repeat("kabul", weight).Concat(Enumerable.Repeat("news", 3 - weight)));
        DateOnly? date = i % 7 == 0 ? null : new DateOnly(2021, 1, 1).AddDays(i % 40);
        return new SeedDocument(id, "Report", body, date);
    }
}
