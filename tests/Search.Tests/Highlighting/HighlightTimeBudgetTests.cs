using System.Diagnostics;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Highlighting;
using Search.Indexing;

namespace Search.Tests.Highlighting;

/// <summary>An index holding a short article and a 16 MB body of "Kabul. " repeated, the hostile case for highlighting.</summary>
public sealed class HugeDocumentIndex : IAsyncLifetime
{
    public SearchIndex Index { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var body = new StringBuilder(16 * 1024 * 1024 + 8);
        while (body.Length < 16 * 1024 * 1024)
            body.Append("Kabul. ");
        Index = await TestDocs.IndexOf(
            TestDocs.Doc("short", "Rain over Kabul", "Rain fell over Kabul all night.", "2021-01-01"),
            TestDocs.Doc("huge", "Report", body.ToString(), "2021-02-01"));
    }

    public Task DisposeAsync()
    {
        Index.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class HighlightTimeBudgetTests(HugeDocumentIndex huge) : IClassFixture<HugeDocumentIndex>
{
    private static Deadline Passed => new(Stopwatch.GetTimestamp(), TimeSpan.Zero);

    [Theory]
    [InlineData("kabul", "Rain over <mark>Kabul</mark>")]
    // The phrase occurs 2.3 million times in the huge body: its occurrences are read from the index, not the text.
    [InlineData("\"kabul kabul\" OR rain", "<mark>Rain</mark> over Kabul")]
    public void Search_HugeDocumentWithLargestOptionsAndShortTimeout_IsPartialWithTheHitsHighlightedInTime(string query, string shortTitle)
    {
        var request = new SearchRequest(query)
        {
            Sort = SearchSort.DateAscending,
            Timeout = TimeSpan.FromMilliseconds(300),
            Highlight = new HighlightOptions { Fragments = HighlightOptions.MaxFragments, FragmentSize = HighlightOptions.MaxFragmentSize },
        };

        SearchResults results = huge.Index.Search(request);

        Assert.True(results.IsPartial);
        Assert.Equal(["short", "huge"], results.Hits.Select(h => h.Id));
        Assert.Equal(shortTitle, results.Hits[0].HighlightedTitle);
        SearchHit late = results.Hits[1];
        Assert.Equal("Report", late.Title);
        Assert.Equal("Report", late.HighlightedTitle); // encoded as the others are, without tags
        Assert.Empty(late.Snippets);
        Assert.Empty(late.Matches);
    }

    [Fact]
    public void MatchFinder_DeadlinePassedInsideOneLongText_GivesNothing()
    {
        string text = string.Concat(Enumerable.Repeat("Kabul. ", 3_000));
        var term = new TermQuery(new Term(IndexSchema.Body, "kabul"));
        var phrase = new PhraseQuery { new Term(IndexSchema.Body, "kabul"), new Term(IndexSchema.Body, "kabul") };

        Assert.Null(MatchFinder.Find(term, IndexSchema.CreateAnalyzer(), IndexSchema.Body, text, Passed));
        Assert.Null(MatchFinder.Find(phrase, IndexSchema.CreateAnalyzer(), IndexSchema.Body, text, Passed));
        Assert.Equal(3_000, MatchFinder.Find(term, IndexSchema.CreateAnalyzer(), IndexSchema.Body, text, Deadline.None)!.Count);
    }

    [Fact]
    public void FragmentPicker_DeadlinePassed_GivesNothing()
    {
        const string text = "Rain over Kabul.";

        Assert.Null(FragmentPicker.Choose(text, [new TextSpan(10, 15)], 3, 160, Passed));
    }

    [Fact]
    public void FragmentPicker_DeadlinePassedWithoutMatches_GivesNothing()
    {
        Assert.Null(FragmentPicker.Choose("Rain over Kabul.", [], 3, 160, Passed));
    }

    [Fact]
    public void TextBoundaries_DeadlinePassed_StopsBuilding()
    {
        string text = string.Concat(Enumerable.Repeat("kabul,", 3_000));
        var boundaries = new TextBoundaries(text, Passed);
        var unbounded = new TextBoundaries(text, Deadline.None);

        boundaries.WordStart(1, text.Length);
        unbounded.WordStart(1, text.Length);

        Assert.True(boundaries.Stopped);
        Assert.False(unbounded.Stopped);
    }

    [Fact]
    public void WindowScores_DeadlinePassed_GivesNothing()
    {
        List<TextSpan> matches = [.. Enumerable.Range(0, 3_000).Select(i => new TextSpan(i * 7, (i * 7) + 5))];
        string text = string.Concat(Enumerable.Repeat("Kabul. ", 3_000));

        Assert.Null(WindowScores.Of(text, matches, matches, Passed));
        Assert.Equal(3_000, WindowScores.Of(text, matches, matches, Deadline.None)!.Length);
    }

    [Fact]
    public void BestApart_DeadlinePassed_GivesNothing()
    {
        List<TextSpan> windows = [.. Enumerable.Range(0, 3_000).Select(i => new TextSpan(i * 7, (i * 7) + 5))];
        int[] scores = new int[windows.Count];

        Assert.Null(FragmentPicker.BestApart(windows, scores, 100, Passed));
        Assert.Equal(100, FragmentPicker.BestApart(windows, scores, 100, Deadline.None)!.Count);
    }

    [Fact]
    public void HitHighlighter_DeadlinePassed_GivesNothing()
    {
        var highlighter = new HitHighlighter(HighlightQuery.Plain(new TermQuery(new Term(IndexSchema.Title, "kabul"))), IndexSchema.CreateAnalyzer(), new HighlightOptions());

        Assert.Null(highlighter.Highlight("Kabul", "Rain over Kabul.", Passed, doc: null));
        Assert.NotNull(highlighter.Highlight("Kabul", "Rain over Kabul.", Deadline.None, doc: null));
    }
}
