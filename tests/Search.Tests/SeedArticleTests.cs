namespace Search.Tests;

/// <summary>The shipped seed folder, indexed as a user would index it, answers the queries the README shows.</summary>
public sealed class SeedArticleTests
{
    private const string SeedId = "000_ef606cd905d48908";

    private static async Task<SearchIndex> IndexSeeds()
    {
        SearchIndex index = SearchIndex.InMemory();
        IndexReport report = await index.IndexDirectoryAsync(TestDocs.SeedFolder);
        Assert.Equal(1, report.Added);
        Assert.Empty(report.Failures);
        return index;
    }

    [Fact]
    public async Task Search_Kabul_FindsTheSeedWithKabulMarked()
    {
        using SearchIndex index = await IndexSeeds();

        SearchHit hit = Assert.Single(index.Search(new SearchRequest("Kabul")).Hits);

        Assert.Equal(SeedId, hit.Id);
        Assert.Equal(new DateOnly(2021, 8, 14), hit.Date);
        Assert.Contains(hit.Snippets, s => s.Contains("<mark>Kabul</mark>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_PsychologicalWarPhrase_MarksOnlyThePhrase()
    {
        using SearchIndex index = await IndexSeeds();

        SearchHit hit = Assert.Single(index.Search(new SearchRequest("\"psychological war\"")).Hits);

        Assert.Contains(hit.Snippets, s => s.Contains("<mark>psychological war</mark>", StringComparison.Ordinal));
        Assert.DoesNotContain(hit.Snippets, s => s.Contains("<mark>war</mark>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_AugustDateRange_ListsTheSeedAndSeptemberDoesNot()
    {
        using SearchIndex index = await IndexSeeds();

        SearchResults august = index.Search(new SearchRequest("date:[2021-08-01 TO 2021-08-31]"));
        SearchResults september = index.Search(new SearchRequest("date:[2021-09-01 TO 2021-09-30]"));

        Assert.Equal(1, august.TotalHits);
        Assert.Equal(SeedId, august.Hits[0].Id);
        Assert.StartsWith("The Taliban, not citizens", august.Hits[0].Title, StringComparison.Ordinal);
        Assert.NotEmpty(august.Hits[0].Snippets); // no body match: a leading snippet
        Assert.Equal(0, september.TotalHits);
    }
}
