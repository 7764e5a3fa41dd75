using System.Globalization;

namespace Search.Tests.Querying;

/// <summary><see cref="SearchIndex.Complete"/>: the last, partly typed word completed to words of the documents, counted as
/// a search counts them.</summary>
public sealed class CompletionTests
{
    private static Task<SearchIndex> News() => TestDocs.IndexOf(
        TestDocs.Doc("oil1", "Oil prices rise", "Crude oil prices rose on Monday as production fell."),
        TestDocs.Doc("oil2", "Oil output", "Oil production in the gulf reached a record; prices were steady."),
        TestDocs.Doc("oil3", "OPEC meets", "Ministers discussed oil prices and the price of gas."),
        TestDocs.Doc("gold", "Gold price", "Gold prices fell as the president spoke."),
        TestDocs.Doc("pres", "President visits", "The president praised the press at the theatre."),
        TestDocs.Doc("stud", "Studies of students", "Two studies of students were published."),
        TestDocs.Doc("zur", "Banks in Zürich", "Bankers in Zürich met."));

    private static string[] Shown(IReadOnlyList<Completion> completions) =>
        [.. completions.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Query}={c.Documents}"))];

    [Fact]
    public async Task Complete_OneWord_GivesWordsInMostDocumentsFirstThenInWordOrder()
    {
        using SearchIndex index = await News();

        IReadOnlyList<Completion> completions = index.Complete("pr");

        // "price" and "prices" share a stem, so a search for either finds the same four documents.
        Assert.Equal(["price=4", "prices=4", "president=2", "production=2", "praised=1", "press=1"], Shown(completions));
    }

    [Theory]
    [InlineData("pr")]
    [InlineData("p")]
    [InlineData("o")]
    [InlineData("s")]
    [InlineData("Zü")]
    public async Task Complete_OneWord_CountsWhatSearchingForTheCompletionFinds(string text)
    {
        using SearchIndex index = await News();

        IReadOnlyList<Completion> completions = index.Complete(text, size: 100);

        Assert.NotEmpty(completions);
        Assert.All(completions, c => Assert.Equal(index.Search(new SearchRequest(c.Query) { Size = 0 }).TotalHits, c.Documents));
    }

    [Fact]
    public async Task Complete_EarlierWords_CountOnlyDocumentsHoldingThemAndKeepTheTextAsTyped()
    {
        using SearchIndex index = await News();

        IReadOnlyList<Completion> completions = index.Complete("Oil pr");

        // The president is in no document about oil.
        Assert.Equal(["Oil price=3", "Oil prices=3", "Oil production=2"], Shown(completions));
        Assert.All(completions, c => Assert.Equal(
            index.Search(new SearchRequest(string.Join(" AND ", c.Query.Split(' '))) { Size = 0 }).TotalHits, c.Documents));
    }

    [Fact]
    public async Task Complete_SeveralEarlierWords_RequireEveryOne()
    {
        using SearchIndex index = await News();

        Assert.Equal(["crude oil production=1"], Shown(index.Complete("crude oil pro")));
        Assert.Empty(index.Complete("gold oil pr"));
        Assert.Empty(index.Complete("zebra pr"));
    }

    [Fact]
    public async Task Complete_EarlierStopWordsAndPunctuation_DropOutOfTheCount()
    {
        using SearchIndex index = await News();

        Assert.Equal(["The (oil) price=3", "The (oil) prices=3", "The (oil) production=2"], Shown(index.Complete("The (oil) pr")));
        Assert.Equal(["the price=4", "the prices=4"], Shown(index.Complete("the pr", size: 2)));
    }

    [Theory]
    [InlineData("zür")]
    [InlineData("Zür")]
    [InlineData("ZU")]
    [InlineData("zu\u0308r")] // a 'u' with a combining diaeresis
    public async Task Complete_AccentedOrCapitalisedWord_CompletesLikeItsFolding(string text)
    {
        using SearchIndex index = await News();

        Assert.Equal(["zurich=1"], Shown(index.Complete(text)));
    }

    [Fact]
    public async Task Complete_WordsWithAStem_ShowTheWordsAsWrittenNeverTheStem()
    {
        using SearchIndex index = await News();

        IReadOnlyList<Completion> completions = index.Complete("stud");

        Assert.Equal(["students=1", "studies=1"], Shown(completions));
    }

    [Fact]
    public async Task Complete_StopWords_AreNeverOffered()
    {
        using SearchIndex index = await News();

        // "the" is in every document but one; it is too common to be indexed, so it is not a word to complete to.
        Assert.Equal(["theatre=1"], Shown(index.Complete("th")));
        Assert.Equal(["theatre=1"], Shown(index.Complete("the")));
    }

    [Fact]
    public async Task Complete_DeletedDocuments_AreNotCounted()
    {
        using SearchIndex index = await News();
        await index.DeleteAsync("gold");
        await index.CommitAsync();

        Assert.Equal(["price=3", "prices=3", "production=2", "praised=1", "president=1", "press=1"], Shown(index.Complete("pr")));
        Assert.Empty(index.Complete("gol")); // only the deleted document held "gold"
    }

    [Fact]
    public async Task Complete_UncommittedDocuments_AreSeenExactlyWhenSearchSeesThem()
    {
        using SearchIndex index = await News();
        await index.UpsertAsync(TestDocs.Doc("plat", "Platinum", "Platinum prices rose."));

        Assert.Empty(index.Complete("plat"));
        Assert.Equal(0, index.Search(new SearchRequest("platinum") { Size = 0 }).TotalHits);

        await index.CommitAsync();
        Assert.Equal(["platinum=1"], Shown(index.Complete("plat")));
        Assert.Equal(["price=5", "prices=5"], Shown(index.Complete("pric")));
    }

    [Theory]
    [InlineData("oil ")]
    [InlineData("oil,")]
    [InlineData("oil pr ")]
    [InlineData("oil pr-")]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Complete_TextEndingInASpaceOrPunctuation_HasNothingToComplete(string text)
    {
        using SearchIndex index = await News();

        Assert.Empty(index.Complete(text));
    }

    [Fact]
    public async Task Complete_WordNoDocumentStartsWith_GivesNothing()
    {
        using SearchIndex index = await News();

        Assert.Empty(index.Complete("qx"));
    }

    [Fact]
    public async Task Complete_EmptyIndex_GivesNothing()
    {
        using SearchIndex index = SearchIndex.InMemory();

        Assert.Empty(index.Complete("pr"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Complete_Size_LimitsTheListToTheFirstCompletions(int size)
    {
        using SearchIndex index = await News();

        IReadOnlyList<Completion> all = index.Complete("pr", size: 100);
        IReadOnlyList<Completion> first = index.Complete("pr", size);

        Assert.Equal(all.Take(size), first);
    }

    [Fact]
    public async Task Complete_NullText_ThrowsNamingText()
    {
        using SearchIndex index = await News();

        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => index.Complete(null!));

        Assert.Equal("text", error.ParamName);
        Assert.Contains("text must be set (was null).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(int.MaxValue)]
    public async Task Complete_SizeOutOfRange_ThrowsNamingSizeAndItsValue(int size)
    {
        using SearchIndex index = await News();

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => index.Complete("pr", size));

        Assert.Equal("size", error.ParamName);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"size must be between 1 and 1,000 (was {size})."), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_TextLongerThanTheQueryLimit_CompletesTheWordTheLimitCutsIntoAndKeepsTheTextBefore()
    {
        using SearchIndex index = await News();
        int limit = new SearchIndexOptions().MaxQueryLength;
        string before = string.Concat(Enumerable.Repeat("oil ", (limit - 4) / 4)); // ends four characters short of the limit
        string text = before + "prices and a great deal more " + new string('x', 100_000);

        IReadOnlyList<Completion> completions = index.Complete(text);

        Assert.Equal([before + "price", before + "prices"], completions.Select(c => c.Query));
        Assert.All(completions, c => Assert.Equal(3, c.Documents));
    }

    [Theory]
    [InlineData('(')]
    [InlineData('"')]
    [InlineData('-')]
    [InlineData('p')]
    public async Task Complete_EnormousText_NeverFails(char repeated)
    {
        using SearchIndex index = await News();
        string text = new string(repeated, 1_000_000) + "pr";

        IReadOnlyList<Completion> completions = index.Complete(text);

        Assert.All(completions, c => Assert.True(c.Documents > 0));
    }
}
