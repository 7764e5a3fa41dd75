using static Search.Tests.Highlighting.Highlights;

namespace Search.Tests.Highlighting;

public sealed class MatchOffsetTests
{
    private static string[] MatchedTexts(SearchHit hit, string title, string body) =>
        [.. hit.Matches.Select(m => (m.Field == HighlightMatch.TitleField ? title : body)[m.Start..m.End])];

    [Fact]
    public async Task Matches_StemmedTerm_AreOffsetsOfTheOriginalWordsInFieldThenTextOrder()
    {
        const string title = "Flood warning";
        const string body = "The floods came. Flooded streets everywhere; flood!";

        SearchHit hit = await SingleHit("flood", title, body);

        HighlightMatch[] expected =
        [
            new() { Field = "title", Start = 0, End = 5 },
            new() { Field = "body", Start = 4, End = 10 },
            new() { Field = "body", Start = 17, End = 24 },
            new() { Field = "body", Start = 45, End = 50 },
        ];
        Assert.Equal(expected, hit.Matches);
        Assert.Equal(["Flood", "floods", "Flooded", "flood"], MatchedTexts(hit, title, body));
    }

    [Fact]
    public async Task Matches_PhraseQuery_IsOneMatchSpanningThePhrase()
    {
        const string body = "A war. They lost the psychological  war, then the psychological\nwar again.";

        SearchHit hit = await SingleHit("\"psychological war\"", "Title", body);

        Assert.All(hit.Matches, m => Assert.Equal("body", m.Field));
        Assert.Equal(["psychological  war", "psychological\nwar"], MatchedTexts(hit, "Title", body));
    }

    [Fact]
    public async Task Matches_TextBeforeMatchWithEmojiAndEntities_AreUtf16OffsetsIntoTheOriginalText()
    {
        const string body = "😀😀 Tom & <Jerry> in Kabul 👍🏽 and Kabul.";

        SearchHit hit = await SingleHit("kabul", "Title", body);

        HighlightMatch[] expected = [new() { Field = "body", Start = 22, End = 27 }, new() { Field = "body", Start = 37, End = 42 }];
        Assert.Equal(expected, hit.Matches);
        Assert.Equal(["Kabul", "Kabul"], MatchedTexts(hit, "Title", body));
    }

    [Fact]
    public async Task Matches_BodyWithCrlfLineEnds_OffsetsIntoTheStoredText()
    {
        const string body = "First line\r\n\r\nSecond line about Kabul\r\nand Kabul again";

        SearchHit hit = await SingleHit("kabul", "Title", body);

        Assert.Equal(["Kabul", "Kabul"], MatchedTexts(hit, "Title", body));
        Assert.Equal(body.IndexOf("Kabul", StringComparison.Ordinal), hit.Matches[0].Start);
        Assert.Equal(body.LastIndexOf("Kabul", StringComparison.Ordinal), hit.Matches[1].Start);
    }

    [Fact]
    public async Task Matches_MatchAfterFirst100000Characters_IsListed()
    {
        string body = Filler(120_000) + " Kabul";

        SearchHit hit = await SingleHit("kabul", "Title", body);

        HighlightMatch match = Assert.Single(hit.Matches);
        Assert.Equal(new HighlightMatch { Field = "body", Start = 120_001, End = 120_006 }, match);
    }

    [Fact]
    public async Task Matches_SeveralTerms_AreListedInTextOrderWithinEachField()
    {
        const string title = "Kabul and the Taliban";
        const string body = "Taliban fighters near Kabul. The Taliban said Kabul would fall.";

        SearchHit hit = await SingleHit("taliban kabul", title, body);

        Assert.Equal(["Kabul", "Taliban", "Taliban", "Kabul", "Taliban", "Kabul"], MatchedTexts(hit, title, body));
        Assert.Equal(["title", "title", "body", "body", "body", "body"], hit.Matches.Select(m => m.Field));
        Assert.All(hit.Matches.Zip(hit.Matches.Skip(1)), pair =>
        {
            if (pair.First.Field == pair.Second.Field)
                Assert.True(pair.First.End <= pair.Second.Start, "Matches overlap or are out of order.");
        });
    }

    [Theory]
    [InlineData("kabul")]
    [InlineData("KABUL")]
    [InlineData("kab*")]
    [InlineData("kabull~1")]
    [InlineData("+kabul +rain")]
    public async Task Matches_QueryForms_MarkTheSameWord(string query)
    {
        const string body = "Heavy rain over Kabul today.";

        SearchHit hit = await SingleHit(query, "Title", body);

        Assert.Contains(new HighlightMatch { Field = "body", Start = 16, End = 21 }, hit.Matches);
        Assert.Contains("<mark>Kabul</mark>", Assert.Single(hit.Snippets), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matches_FieldScopedQuery_MarksOnlyThatField()
    {
        SearchHit hit = await SingleHit("body:kabul", "Kabul", "Rain over Kabul.");

        Assert.Equal(new HighlightMatch { Field = "body", Start = 10, End = 15 }, Assert.Single(hit.Matches));
        Assert.Equal("Kabul", hit.HighlightedTitle);
    }

    [Fact]
    public async Task Matches_AgreeWithSnippetMarks()
    {
        const string body = "Kabul is large. The Taliban entered Kabul. Talks about Kabul continued for days.";

        SearchHit hit = await SingleHit("kabul taliban", "Title", body);

        string snippet = Assert.Single(hit.Snippets);
        Assert.Equal(hit.Matches.Count, CountOf(snippet, "<mark>"));
        string expected = body;
        foreach (HighlightMatch match in hit.Matches.Reverse())
            expected = expected[..match.Start] + "<mark>" + expected[match.Start..match.End] + "</mark>" + expected[match.End..];
        Assert.Equal(expected, snippet);
    }
}
